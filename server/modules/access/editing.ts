import {
  Cascade,
  DriverException,
  ForeignKeyConstraintViolationException,
  LockMode,
  NotNullConstraintViolationException,
  OptimisticLockError,
  ReferenceKind,
  UniqueConstraintViolationException,
  wrap,
  type EntityClass,
  type EntityData,
  type EntityMetadata,
  type EntityProperty,
  type FilterQuery,
  type MetadataStorage,
  type RequiredEntityData,
} from '@mikro-orm/core';
import type { GraphQLError } from 'graphql';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../context';
import { ApiKey, AuditAction, AuditEntry } from './access.entity';
import type { BaseEntity } from '../../common/base.entity';
import { BadUserInputError, ConflictError, NotFoundError, UnauthenticatedError } from '../../common/errors';
import { decodeGlobalId } from '../../common/global-id';
import { announceWritePosition } from '../../common/read-routing';
import { withTransaction } from '../../database/transaction';

/**
 * Every write goes through `edit`: one transaction per mutation (all or nothing), optimistic version checks,
 * an audit entry per changed record (including the rows a delete takes or changes through the database's
 * ON DELETE rules), and database constraint violations turned into CONFLICT errors, so that a rule enforced by
 * the database holds under any interleaving of requests.
 */

/**
 * A plain JSON copy of a record's columns for the audit log: a reference as the id it holds, whether or not the
 * record it names is loaded (toObject() would inline a loaded one), and no collections (they are other rows).
 */
function snapshot(record: object): Record<string, unknown> {
  const plain = wrap(record).toObject() as Record<string, unknown>;
  for (const property of wrap(record, true).__meta.relations) {
    if (!holdsForeignKey(property)) {
      delete plain[property.name];
      continue;
    }
    const value = plain[property.name];
    if (value !== null && typeof value === 'object') plain[property.name] = (value as { id?: unknown }).id;
  }
  return JSON.parse(JSON.stringify(plain)) as Record<string, unknown>;
}

/** The side of a relation that is a column: many-to-one, or the owner of a one-to-one. */
function holdsForeignKey(property: EntityProperty): boolean {
  return property.kind === ReferenceKind.MANY_TO_ONE || (property.kind === ReferenceKind.ONE_TO_ONE && property.owner);
}

/** Update inputs leave out what is not to change; `undefined` must not overwrite anything. */
function definedOnly<T extends object>(changes: T): Partial<T> {
  return Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/** What the database does to a row whose reference is deleted, where it does more than refuse. */
type DeleteRule = 'cascade' | 'set null';

/**
 * The ON DELETE rule the migrations give a relation's foreign key, as MikroORM's schema generator derives it: the
 * relation's own `deleteRule`, else CASCADE for `Cascade.REMOVE`, else SET NULL for a nullable one.
 */
function deleteRuleOf(property: EntityProperty): string | undefined {
  const cascades = property.cascade.includes(Cascade.REMOVE) || property.cascade.includes(Cascade.ALL);
  return property.deleteRule || (cascades ? 'cascade' : property.nullable ? 'set null' : undefined);
}

/** The relations whose foreign key points at `className` with ON DELETE CASCADE or SET NULL. */
function referencesTo(
  metadata: MetadataStorage,
  className: string,
): Array<{ meta: EntityMetadata; property: string; rule: DeleteRule }> {
  return Object.values(metadata.getAll()).flatMap((meta) =>
    meta.abstract || meta.embeddable
      ? []
      : meta.relations
          .filter(holdsForeignKey)
          .filter(
            (property) => property.createForeignKeyConstraint !== false && property.targetMeta?.className === className,
          )
          .flatMap((property) => {
            const rule = deleteRuleOf(property);
            return rule === 'cascade' || rule === 'set null'
              ? [{ meta, property: property.name, rule: rule as DeleteRule }]
              : [];
          }),
  );
}

function byClass(records: BaseEntity[]): Map<string, BaseEntity[]> {
  const groups = new Map<string, BaseEntity[]>();
  for (const record of records)
    groups.set(record.constructor.name, [...(groups.get(record.constructor.name) ?? []), record]);
  return groups;
}

/**
 * A mutation's own error for a violation of a rule the database holds: the database refuses the write under any
 * interleaving of requests, the mutation knows which part of its input broke the rule. It is called after the
 * transaction has been rolled back, with the request's entity manager, should the error need to read something.
 */
export type ViolationExplanation = (em: EntityManager) => GraphQLError | Promise<GraphQLError>;

export class Editor {
  private readonly explanations = new Map<string, ViolationExplanation>();

  constructor(
    readonly em: EntityManager,
    private readonly apiKey: ApiKey,
  ) {}

  /** Answers a violation of the named database constraint during this mutation with the mutation's own error. */
  explainViolation(constraint: string, explanation: ViolationExplanation): void {
    this.explanations.set(constraint, explanation);
  }

  /** The mutation's own error for a constraint violation it explained, if `error` is one. */
  async explanationOf(error: unknown, em: EntityManager): Promise<GraphQLError | undefined> {
    if (!(error instanceof DriverException)) return undefined;
    const explanation = this.explanations.get((error as { constraint?: string }).constraint ?? '');
    return explanation ? explanation(em) : undefined;
  }

  /** The record a global id names, or NOT_FOUND naming the argument. */
  async find<T extends BaseEntity>(
    entity: EntityClass<T>,
    globalId: string,
    argumentPath: ReadonlyArray<string | number>,
  ): Promise<T> {
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
    const found =
      slugs.length === 0 ? [] : await this.em.find(entity, { slug: { $in: [...new Set(slugs)] } } as FilterQuery<T>);
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

  /** Deletes a record, with what the database's ON DELETE rules take or change with it (see `removeAll`). */
  async remove<T extends BaseEntity>(record: T, expectedVersion: number): Promise<void> {
    this.checkVersion(record, expectedVersion);
    await this.removeAll([record]);
  }

  /**
   * Replaces a record's children (a conference's topics, a city's other names) with new ones: each removal and
   * each creation is audited, and the caller's transaction makes the swap all or nothing.
   */
  async replaceChildren<T extends BaseEntity>(
    entity: EntityClass<T>,
    owner: FilterQuery<T>,
    children: RequiredEntityData<T>[],
  ): Promise<void> {
    await this.removeAll(await this.em.find(entity, owner));
    for (const data of children) await this.create(entity, data);
  }

  /**
   * Removes records together with everything the database would remove or change with them: rows that refer to
   * a removed one through ON DELETE CASCADE go too (and what refers to those, and so on), and references through
   * ON DELETE SET NULL are cleared. Left to the database, those changes would happen unseen; found first, from
   * the relations' metadata the migrations are generated from, each one goes through the unit of work like any
   * other change: audited with its snapshot, and a row that stays gets a new version. Every row found is locked
   * (FOR UPDATE) as it is read, so a reference another transaction adds meanwhile waits for this one, then fails.
   */
  private async removeAll(records: BaseEntity[]): Promise<void> {
    const metadata = this.em.getMetadata();
    /** Each removed row with its snapshot, the records asked for first, then their dependents level by level. */
    const removed = new Map<BaseEntity, Record<string, unknown>>();
    /** Rows that stay but lose references, with the properties to clear. */
    const cleared = new Map<BaseEntity, Set<string>>();
    let level = records;
    await this.lock(level);
    while (level.length > 0) {
      for (const record of level) removed.set(record, snapshot(record));
      const next = new Set<BaseEntity>();
      for (const [className, group] of byClass(level)) {
        for (const { meta, property, rule } of referencesTo(metadata, className)) {
          const where = { [property]: { $in: group } } as FilterQuery<BaseEntity>;
          const rows = await this.em.find<BaseEntity>(meta.class, where, {
            lockMode: LockMode.PESSIMISTIC_WRITE,
            orderBy: { id: 'asc' },
          });
          for (const row of rows) {
            if (rule === 'set null') cleared.set(row, (cleared.get(row) ?? new Set()).add(property));
            else if (!removed.has(row)) next.add(row);
          }
        }
      }
      level = [...next];
    }

    const updated: Array<[BaseEntity, Record<string, unknown>]> = [];
    for (const [row, properties] of cleared) {
      if (removed.has(row)) continue;
      updated.push([row, snapshot(row)]);
      wrap(row).assign(Object.fromEntries([...properties].map((property) => [property, null])) as never);
    }
    if (updated.length > 0) await this.em.flush();
    for (const record of removed.keys()) this.em.remove(record);
    await this.em.flush();
    for (const [record, before] of removed) this.audit(AuditAction.DELETE, record, before, null);
    for (const [row, before] of updated) this.audit(AuditAction.UPDATE, row, before, snapshot(row));
  }

  /** Takes the row locks that make other transactions' new references to these records wait for this one. */
  private async lock(records: BaseEntity[]): Promise<void> {
    for (const [, group] of byClass(records)) {
      const ids = group.map((record) => record.id);
      await this.em.find<BaseEntity>(
        group[0].constructor as EntityClass<BaseEntity>,
        { id: { $in: ids } },
        { lockMode: LockMode.PESSIMISTIC_WRITE },
      );
    }
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

  private audit(
    action: AuditAction,
    record: BaseEntity,
    before: Record<string, unknown> | null,
    after: Record<string, unknown> | null,
  ) {
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
  if (!apiKey) throw new UnauthenticatedError('missing');
  let editor: Editor | undefined;
  // The mutation's answer is read after its write, so from where the write is (see common/read-routing.ts).
  ctx.rows.readFromPrimary();
  let result: R;
  try {
    result = await withTransaction(ctx.em, (em) => work((editor = new Editor(em, em.getReference(ApiKey, apiKey.id)))));
  } catch (error) {
    throw (await editor?.explanationOf(error, ctx.em)) ?? asConflict(error) ?? error;
  }
  // After the commit and before the mutation answers: the next read, through any instance, sees the write.
  await ctx.responseCache?.dataChanged();
  await announceWritePosition(ctx.em, ctx.scope?.response);
  return result;
}

function asConflict(error: unknown): ConflictError | undefined {
  if (error instanceof OptimisticLockError) {
    return new ConflictError('The record was changed by someone else at the same time. Read it again and retry.', [
      'version',
    ]);
  }
  if (error instanceof UniqueConstraintViolationException) {
    // The constraint's name says which fact must be unique, e.g. "conference_year_unique".
    const constraint = (error as { constraint?: string }).constraint;
    return new ConflictError(
      `A record with the same unique key already exists${constraint ? ` (${constraint})` : ''}.`,
    );
  }
  // ON DELETE RESTRICT reports 23001, which the ORM leaves as a plain DriverException.
  const restricted = error instanceof DriverException && (error as { code?: string }).code === '23001';
  if (error instanceof ForeignKeyConstraintViolationException || restricted) {
    // The constraint's name says who refers to it, e.g. "city_country_id_foreign": a city's country.
    const constraint = (error as { constraint?: string }).constraint;
    return new ConflictError(
      `Other records still refer to this one${constraint ? ` (${constraint})` : ''}; change or delete them first.`,
    );
  }
  if (error instanceof NotNullConstraintViolationException) {
    return new ConflictError('A required reference is missing.');
  }
  return undefined;
}

/** The whole of a plain delete mutation: find by global id, check the version, remove; answers the id. */
export function deleteRecord<T extends BaseEntity>(
  ctx: RequestContext,
  entity: EntityClass<T>,
  id: string,
  version: number,
): Promise<string> {
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
  return edit(ctx, async (editor) =>
    editor.update(await editor.find(entity, id, ['input', 'id']), version, changes as EntityData<T>),
  );
}
