import {
  DriverException,
  ForeignKeyConstraintViolationException,
  NotNullConstraintViolationException,
  OptimisticLockError,
  UniqueConstraintViolationException,
  wrap,
  type EntityClass,
  type EntityData,
  type FilterQuery,
  type RequiredEntityData,
} from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { GraphQLError } from 'graphql';
import type { RequestContext } from '../context';
import { ApiKey, AuditAction, AuditEntry } from '../modules/access/access.entity';
import type { BaseEntity } from './base.entity';
import { BadUserInputError, ErrorCode } from './errors';
import { decodeGlobalId } from './global-id';

/**
 * Every write goes through `edit`: one transaction per mutation (all or nothing), optimistic version checks,
 * an audit entry per changed record, and database constraint violations turned into CONFLICT errors, so that a
 * rule enforced by the database holds under any interleaving of requests.
 */

export class ConflictError extends GraphQLError {
  constructor(message: string, argumentPath?: ReadonlyArray<string | number>) {
    super(message, { extensions: { code: ErrorCode.CONFLICT, ...(argumentPath ? { argumentPath: [...argumentPath] } : {}) } });
  }
}

export class NotFoundError extends GraphQLError {
  constructor(message: string, argumentPath: ReadonlyArray<string | number>) {
    super(message, { extensions: { code: ErrorCode.NOT_FOUND, argumentPath: [...argumentPath] } });
  }
}

/** A plain JSON copy of a record's columns (relations as ids) for the audit log. */
function snapshot(record: object): Record<string, unknown> {
  return JSON.parse(JSON.stringify(wrap(record).toObject())) as Record<string, unknown>;
}

/** Update inputs leave out what is not to change; `undefined` must not overwrite anything. */
function definedOnly<T extends object>(changes: T): Partial<T> {
  return Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as Partial<T>;
}

export class Editor {
  constructor(
    readonly em: EntityManager,
    private readonly apiKey: ApiKey,
  ) {}

  /** The record a global id names, or NOT_FOUND naming the argument. */
  async find<T extends BaseEntity>(entity: EntityClass<T>, globalId: string, argumentPath: ReadonlyArray<string | number>): Promise<T> {
    const { typeName, id } = decodeGlobalId(globalId, argumentPath);
    const record = typeName === entity.name ? await this.em.findOne(entity, { id } as FilterQuery<T>) : null;
    if (!record) throw new NotFoundError(`No ${entity.name} has the ID "${globalId}".`, argumentPath);
    return record;
  }

  /** A record an input refers to by natural key; a missing one is bad input naming the field. */
  async reference<T extends object>(
    entity: EntityClass<T>,
    where: FilterQuery<T>,
    argumentPath: ReadonlyArray<string | number>,
    description: string,
  ): Promise<T> {
    const record = await this.em.findOne(entity, where);
    if (!record) throw new BadUserInputError(`No ${entity.name} has ${description}.`, argumentPath);
    return record;
  }

  /**
   * Records a list in the input refers to by slug (a conference's topics' themes, a project's participants), in
   * the input's order, found with one query; the first missing one is bad input naming its item.
   */
  async referencesBySlug<T extends { slug: string }>(
    entity: EntityClass<T>,
    slugs: string[],
    argumentPathOf: (index: number) => ReadonlyArray<string | number>,
  ): Promise<T[]> {
    const found = slugs.length === 0 ? [] : await this.em.find(entity, { slug: { $in: [...new Set(slugs)] } } as FilterQuery<T>);
    const bySlug = new Map(found.map((record) => [record.slug, record]));
    return slugs.map((slug, index) => {
      const record = bySlug.get(slug);
      if (!record) throw new BadUserInputError(`No ${entity.name} has the slug "${slug}".`, argumentPathOf(index));
      return record;
    });
  }

  async create<T extends BaseEntity>(entity: EntityClass<T>, data: RequiredEntityData<T>): Promise<T> {
    const record = this.em.create(entity, data);
    await this.em.flush();
    this.audit(AuditAction.CREATE, record, null, snapshot(record));
    return record;
  }

  async update<T extends BaseEntity>(record: T, expectedVersion: number, changes: EntityData<T>): Promise<T> {
    this.checkVersion(record, expectedVersion);
    const before = snapshot(record);
    // Generic over every entity, so the ORM's per-entity typing of assign() cannot follow: the inputs are typed per entity.
    wrap(record).assign(definedOnly(changes) as never);
    await this.em.flush();
    this.audit(AuditAction.UPDATE, record, before, snapshot(record));
    return record;
  }

  async remove<T extends BaseEntity>(record: T, expectedVersion: number): Promise<void> {
    this.checkVersion(record, expectedVersion);
    const before = snapshot(record);
    this.em.remove(record);
    await this.em.flush();
    this.audit(AuditAction.DELETE, record, before, null);
  }

  /**
   * Replaces a record's children (a conference's topics, a city's other names) with new ones: each removal and
   * each creation is audited, and the caller's transaction makes the swap all or nothing.
   */
  async replaceChildren<T extends BaseEntity>(entity: EntityClass<T>, owner: FilterQuery<T>, children: RequiredEntityData<T>[]): Promise<void> {
    for (const child of await this.em.find(entity, owner)) {
      this.audit(AuditAction.DELETE, child, snapshot(child), null);
      this.em.remove(child);
    }
    await this.em.flush();
    for (const data of children) await this.create(entity, data);
  }

  /** Records a change to a record that has no mutation of its own (e.g. a conference's topics). */
  recordChange(action: AuditAction, record: BaseEntity, before: Record<string, unknown> | null): void {
    this.audit(action, record, before, action === AuditAction.DELETE ? null : snapshot(record));
  }

  private checkVersion(record: BaseEntity, expectedVersion: number): void {
    if (record.version !== expectedVersion) {
      throw new ConflictError(
        `${record.constructor.name} was changed by someone else: it is at version ${record.version}, not ${expectedVersion}. Read it again and retry.`,
        ['version'],
      );
    }
  }

  private audit(action: AuditAction, record: BaseEntity, before: Record<string, unknown> | null, after: Record<string, unknown> | null) {
    this.em.create(AuditEntry, {
      apiKey: this.apiKey,
      action,
      entityType: record.constructor.name,
      entityId: record.id,
      before,
      after,
    });
  }
}

/** Runs one mutation's writes in a transaction as the calling API key. */
export async function edit<R>(ctx: RequestContext, work: (editor: Editor) => Promise<R>): Promise<R> {
  const apiKey = await ctx.apiKey();
  if (!apiKey) throw new GraphQLError('This needs an API key.', { extensions: { code: ErrorCode.UNAUTHENTICATED } });
  try {
    return await ctx.em.transactional((em) => work(new Editor(em, em.getReference(ApiKey, apiKey.id))));
  } catch (error) {
    throw asConflict(error) ?? error;
  }
}

function asConflict(error: unknown): GraphQLError | undefined {
  if (error instanceof OptimisticLockError) {
    return new ConflictError('The record was changed by someone else at the same time. Read it again and retry.', ['version']);
  }
  if (error instanceof UniqueConstraintViolationException) {
    // The constraint's name says which fact must be unique, e.g. "conference_year_unique".
    const constraint = (error as { constraint?: string }).constraint;
    return new ConflictError(`A record with the same unique key already exists${constraint ? ` (${constraint})` : ''}.`);
  }
  // ON DELETE RESTRICT reports 23001, which the ORM leaves as a plain DriverException.
  const restricted = error instanceof DriverException && (error as { code?: string }).code === '23001';
  if (error instanceof ForeignKeyConstraintViolationException || restricted) {
    // The constraint's name says who refers to it, e.g. "city_country_id_foreign": a city's country.
    const constraint = (error as { constraint?: string }).constraint;
    return new ConflictError(`Other records still refer to this one${constraint ? ` (${constraint})` : ''}; change or delete them first.`);
  }
  if (error instanceof NotNullConstraintViolationException) {
    return new ConflictError('A required reference is missing.');
  }
  return undefined;
}

/** The whole of a plain delete mutation: find by global id, check the version, remove; answers the id. */
export function deleteRecord<T extends BaseEntity>(ctx: RequestContext, entity: EntityClass<T>, id: string, version: number): Promise<string> {
  return edit(ctx, async (editor) => {
    await editor.remove(await editor.find(entity, id, ['id']), version);
    return id;
  });
}

/** The whole of a plain update mutation whose input is `{ id, version, ...columns }`. */
export function updateRecord<T extends BaseEntity>(
  ctx: RequestContext,
  entity: EntityClass<T>,
  input: { id: string; version: number },
): Promise<T> {
  const { id, version, ...changes } = input;
  return edit(ctx, async (editor) => editor.update(await editor.find(entity, id, ['input', 'id']), version, changes as EntityData<T>));
}
