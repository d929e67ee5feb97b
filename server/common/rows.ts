import {
  raw,
  ReferenceKind,
  type EntityClass,
  type EntityMetadata,
  type EntityProperty,
  type FilterQuery,
  type QueryOrderMap,
} from '@mikro-orm/core';
import type { EntityManager, QueryBuilder } from '@mikro-orm/postgresql';
import { groupBy } from './loaders';
import type { CursorPosition, RankedPlan, RankedPosition } from './pagination';
import { pooledQuery } from './pooled-query';
import { preparedSql } from './prepared-sql';
import { countsSelectedWith, fieldsSelectedWith, type ReadSelection } from './read-columns';
import { readConnection, type SqlConnection } from './read-routing';

type WithId = { id: number };
/** A transaction of the ORM's connection, as `em.getTransactionContext()` gives it. */
type Transaction = ReturnType<EntityManager['getTransactionContext']>;
type Row = Record<string, unknown>;

/** Marks statements the query builder wrote (see `execute`). */
const BUILT_BY_THE_ORM = { builtByTheOrm: true };

/** The window function's column in a per-parent page; never a column of ours. */
const POSITION = '__position';
/** The count a page's statement carries (see `findCounted`); never a column of ours. */
const TOTAL = '__total';

/** Shapes are derived from metadata once per process (and per set of columns read), not per request. */
const shapes = new WeakMap<EntityMetadata, RowShape>();
const partialShapes = new WeakMap<EntityMetadata, Map<string, RowShape>>();
/** Enough for the column sets of every document in use; past it, the oldest are forgotten. */
const MAX_PARTIAL_SHAPES = 500;

/** How deep a statement follows to-one references (a conference's host city, and that city's country). */
const MAX_JOIN_DEPTH = 2;
/** At most so many tables joined into one statement. */
const MAX_JOINS = 4;
/** The references each selection's statements read beside their records, by entity (see `joinsOf`). */
const joinPlans = new WeakMap<ReadSelection, Map<EntityMetadata, Joins | null>>();

/** The columns one statement reads of an entity: its ids, to-one keys, the selected properties and its ordering. */
interface ColumnPlan {
  /** The columns, sorted. */
  columns: string[];
  /** The columns joined: the plan's name in cached SQL and shapes. */
  key: string;
  properties: ReadonlySet<string>;
}

/**
 * The to-one references a statement reads beside its records, by a left join each: the records they point at,
 * with the same columns the request reads of that class anywhere else, as the loader would read them.
 */
interface Joins {
  /** What the joins add to the SQL: part of its shape in the statement cache. */
  key: string;
  references: Array<{
    /** The relation joined, from the statement's alias or an earlier join's: `e.hostCity`, `j1.country`. */
    path: string;
    /** The joined table's alias. */
    alias: string;
    /** What its columns come back prefixed with: `j1:` (`"j1:name"`, …). */
    prefix: string;
    entity: EntityClass<WithId>;
    columns: string[];
    /** The joined record's primary key column, as it comes back (`j1:id`): null in a row whose reference is null. */
    idColumn: string;
    /** Reads the record from the aliased columns. */
    shape: RowShape;
  }>;
}

/** Where a statement's joined records go: the request's `byId` loaders (see `Loaders`). */
export type JoinedRecordSink = (entity: EntityClass<WithId>, record: WithId) => void;

/**
 * The read path's records: plain rows, shaped like the entities they come from but never entities.
 *
 * Reads build no ORM entities. A row from the database becomes an object with the entity's prototype (so that
 * `instanceof`, the class name that `Node.resolveType` and global ids use, and getters such as `globalId` work),
 * its scalar properties converted as the ORM converts them, and each to-one relation as `{ id }` — what the
 * resolvers follow through the loaders. Nothing enters the identity map or the unit of work, so a read costs what
 * its rows cost. Writes still load and change real entities through the EntityManager.
 *
 * The SQL is MikroORM's own query builder (the same filters, joins and ordering as `em.find`); only the step
 * from row to object is ours.
 */
export class RowReader {
  /** The server this request's reads go to, chosen at its first read (see read-routing.ts). */
  private readServer?: Promise<SqlConnection>;
  private readsOwnWrites = false;
  /** The properties this request's query selects (see read-columns.ts); unset, records are read whole. */
  private selection?: ReadSelection;
  /** Takes the records joined to a statement's own; unset, statements join nothing. */
  private joinedRecords?: JoinedRecordSink;

  /**
   * `em` builds the SQL and knows the connections; it may be the ORM's own (queries built from it touch no
   * identity map). `transaction` gives the transaction the request is in, if any (by default `em`'s): reads
   * inside a write's transaction see its rows. `readAfter`: the write position the client asked to read after
   * (its `x-read-after` header), which decides whether a standby may answer it.
   */
  constructor(
    readonly em: EntityManager,
    private readonly options: { readAfter?: string | string[]; transaction?: () => Transaction | undefined } = {},
  ) {}

  /**
   * From now on this request reads from the primary: it writes there, and a standby may not have replayed its
   * writes yet when the mutation reads its answer.
   */
  readFromPrimary(): void {
    this.readsOwnWrites = true;
  }

  /**
   * From now on, records of the classes `selection` names are read with the properties it gives only (with
   * their ids and to-one references, and what a statement orders by); reading another property of such a record
   * throws. Records of other classes are still read whole.
   */
  readOnly(selection: ReadSelection): void {
    this.selection = selection;
  }

  /**
   * From now on, a statement reading records whose to-one references the query follows (the document selects
   * `hostCity` on Conference and fields on City) reads the records they point at in the same statement, by a left
   * join, and hands each to `sink`, which primes the loader that would otherwise read it in a statement of its
   * own: one round trip to the database less per reference followed, the way PostGraphile reads a whole query.
   * Only with a selection (queries): the joined records are read with the request's columns for their class.
   */
  whenJoined(sink: JoinedRecordSink): void {
    this.joinedRecords = sink;
  }

  /** Rows of `entity` matching `where`, in `orderBy`, at most `limit`. */
  async find<T extends WithId>(
    entity: EntityClass<T>,
    where: FilterQuery<T>,
    options: { orderBy?: QueryOrderMap<T>; limit?: number } = {},
  ): Promise<T[]> {
    return (await this.read(entity, where, null, options)).records;
  }

  /**
   * As `find`, and how many rows match `countWhere` (`count`'s figure), in the same statement: a page and its
   * `totalCount` in one round trip, the count a subquery PostgreSQL runs once. The total is null when no row
   * came back to carry it.
   */
  async findCounted<T extends WithId>(
    entity: EntityClass<T>,
    where: FilterQuery<T>,
    countWhere: FilterQuery<T>,
    options: { orderBy?: QueryOrderMap<T>; limit?: number } = {},
  ): Promise<{ records: T[]; total: number | null }> {
    return this.read(entity, where, countWhere, options);
  }

  /**
   * Whether the request's query selects the `totalCount` of connections of the type named `typeName`: their
   * top-level pages then read it with the page (`findCounted`).
   */
  selectsTotalCountOf(typeName: string): boolean {
    return (this.selection && countsSelectedWith(this.selection)?.has(typeName)) ?? false;
  }

  private async read<T extends WithId>(
    entity: EntityClass<T>,
    where: FilterQuery<T>,
    countWhere: FilterQuery<T> | null,
    options: { orderBy?: QueryOrderMap<T>; limit?: number },
  ): Promise<{ records: T[]; total: number | null }> {
    const plan = this.columnPlan(entity, Object.keys(options.orderBy ?? {}));
    const joins = this.joinsOf(entity);
    // The ordering names columns and directions, the plan the columns read: part of the SQL's shape, not values.
    const scope = `find:${entity.name}:${JSON.stringify(options.orderBy ?? null)}:${plan?.key ?? '*'}:${joins?.key ?? ''}`;
    const input = { where, limit: options.limit ?? null, countWhere };
    const { sql, bindings } = preparedSql(scope, input, (input) => {
      const query = this.query(entity, input.where, plan, joins);
      // A subquery of the builder's own (its values stay bindings), run once: it does not refer to the page's rows.
      if (input.countWhere) query.addSelect(this.countBuilder(entity, input.countWhere, 'counted').as(TOTAL));
      if (options.orderBy) query.orderBy(options.orderBy);
      if (input.limit != null) query.limit(input.limit);
      return query.getKnexQuery().toSQL();
    });
    const shape = this.shapeOf(entity, plan);
    const found = await this.execute(sql, bindings, BUILT_BY_THE_ORM);
    if (joins) this.handOverJoined(joins, found);
    const total = countWhere && found.length > 0 ? Number(found[0][TOTAL]) : null;
    return { records: found.map((row) => shape.toRecord(row) as T), total };
  }

  /** The first row of `entity` matching `where`, or null. */
  async findOne<T extends WithId>(entity: EntityClass<T>, where: FilterQuery<T>): Promise<T | null> {
    const [row] = await this.find(entity, where, { limit: 1 });
    return row ?? null;
  }

  /**
   * A query builder selecting the columns of `entity` the plan names (every column without one, as `materialise`
   * expects) of the rows that match `where`, for callers that add to it, such as the per-parent pages; its alias
   * is `e`.
   */
  query<T extends WithId>(
    entity: EntityClass<T>,
    where: FilterQuery<T>,
    plan: ColumnPlan | null = null,
    joins: Joins | null = null,
  ) {
    const columns = plan ? plan.columns.map((column) => `e.${column}`) : 'e.*';
    const query = this.em.createQueryBuilder(entity, 'e').select(columns).where(where) as unknown as QueryBuilder<T>;
    for (const reference of joins?.references ?? []) {
      query.leftJoin(reference.path, reference.alias);
      for (const column of reference.columns)
        query.addSelect(raw(`${this.quoted(reference.alias, column)} as ${this.quoted(reference.prefix + column)}`));
    }
    return query;
  }

  /**
   * For many parents at once, the first `take` children of each (rows whose to-one `parentKey` is that parent),
   * matching `where`, in `orderBy`: one statement, the limit applied per parent in SQL by a window function, so
   * that the rows read grow with the page, not with the data.
   */
  async firstPerParent<T extends WithId>(
    entity: EntityClass<T>,
    parentKey: string,
    parentIds: number[],
    where: FilterQuery<T>,
    orderBy: QueryOrderMap<object>,
    take: number,
  ): Promise<Map<number, T[]>> {
    const input = { where: { $and: [{ [parentKey]: { $in: parentIds } }, where] } as FilterQuery<T>, take };
    const plan = this.columnPlan(entity, Object.keys(orderBy));
    const joins = this.joinsOf(entity);
    const scope = `firstPerParent:${entity.name}.${parentKey}:${JSON.stringify(orderBy)}:${plan?.key ?? '*'}:${joins?.key ?? ''}`;
    const { sql, bindings } = preparedSql(scope, input, ({ where, take }) => {
      const parentColumn = this.quoted('e', this.columnOf(entity, parentKey));
      const ordering = Object.entries(orderBy)
        .map(
          ([property, direction]) =>
            `${this.quoted('e', this.columnOf(entity, property))} ${String(direction).toLowerCase() === 'desc' ? 'desc' : 'asc'}`,
        )
        .join(', ');
      const inner = this.query(entity, where, plan, joins)
        .addSelect(raw(`row_number() over (partition by ${parentColumn} order by ${ordering}) as "${POSITION}"`))
        .getKnexQuery()
        .toSQL();
      return {
        sql: `select * from (${inner.sql}) as ranked where "${POSITION}" <= ? order by "${POSITION}"`,
        bindings: [...inner.bindings, take],
      };
    });
    const found = await this.execute(sql, bindings, BUILT_BY_THE_ORM);
    if (joins) this.handOverJoined(joins, found);
    const column = this.columnOf(entity, parentKey);
    const shape = this.shapeOf(entity, plan);
    // Rows come in page order (by position within their parent), so each parent's list stays in that order.
    return groupBy(
      found,
      (row) => row[column] as number,
      (row) => shape.toRecord(row) as T,
    );
  }

  /**
   * One page of `entity` rows matching `where`, ordered by a count (then id), each with its count and its rank
   * over the whole filtered list (SQL `rank()`: ties share a rank, computed before the cursors cut the list).
   * With `parent`, the pages of many parents at once, each ranked and limited within its parent by window
   * functions, in one statement.
   */
  async rankedPage<T extends WithId>(
    entity: EntityClass<T>,
    where: FilterQuery<T>,
    plan: RankedPlan,
    parent?: { key: string; ids: number[] },
  ): Promise<Array<{ record: T; position: RankedPosition; parent: number | null }>> {
    const count = plan.count.sql(this.em.getPlatform().quoteIdentifier('e'));
    const parentColumn = parent ? this.columnOf(entity, parent.key) : null;
    const partition = parentColumn ? `partition by ${this.quoted('e', parentColumn)} ` : '';
    const direction = plan.ascending ? 'asc' : 'desc';
    const columns = this.columnPlan(entity, []);
    const inner = this.query(
      entity,
      parent ? ({ $and: [{ [parent.key]: { $in: parent.ids } }, where] } as FilterQuery<T>) : where,
      columns,
    )
      .addSelect(raw(`${count} as "__count"`))
      .addSelect(raw(`rank() over (${partition}order by ${count} ${direction}) as "__rank"`))
      .getKnexQuery()
      .toSQL();
    const conditions: string[] = [];
    const bindings: unknown[] = [...inner.bindings];
    const keyset = (position: CursorPosition, side: 'after' | 'before') => {
      const operator = (side === 'after') === plan.ascending ? '>' : '<';
      conditions.push(`("__count" ${operator} ? or ("__count" = ? and "id" ${operator} ?))`);
      bindings.push(position.value, position.value, position.id);
    };
    if (plan.after) keyset(plan.after, 'after');
    if (plan.before) keyset(plan.before, 'before');
    const pageDirection = plan.ascending !== plan.reversed ? 'asc' : 'desc';
    const rankedPartition = parentColumn
      ? `partition by "ranked".${this.em.getPlatform().quoteIdentifier(parentColumn)} `
      : '';
    const sql = `select * from (
        select "ranked".*, row_number() over (${rankedPartition}order by "__count" ${pageDirection}, "id" ${pageDirection}) as "${POSITION}"
        from (${inner.sql}) as "ranked" ${conditions.length ? `where ${conditions.join(' and ')}` : ''}
      ) as "paged" where "${POSITION}" <= ? order by "${POSITION}"`;
    bindings.push(plan.take);
    const found = await this.execute(sql, bindings);
    const shape = this.shapeOf(entity, columns);
    return found.map((row) => ({
      record: shape.toRecord(row) as T,
      position: { count: Number(row.__count), rank: Number(row.__rank) },
      parent: parentColumn ? (row[parentColumn] as number) : null,
    }));
  }

  /**
   * How many rows of `entity` match `where`: `em.count`'s statement (the query builder's COUNT, distinct ids when
   * a condition joins a to-many relation), built once per shape of condition and run like every other read.
   */
  async count<T extends WithId>(entity: EntityClass<T>, where: FilterQuery<T>): Promise<number> {
    const { sql, bindings } = preparedSql(`count:${entity.name}`, where, (input) =>
      this.countBuilder(entity, input, 'e').getKnexQuery().toSQL(),
    );
    const [row] = (await this.execute(sql, bindings, BUILT_BY_THE_ORM)) as Array<{ count: string | number }>;
    return row ? Number(row.count) : 0;
  }

  /** `count`'s query, with its table as `alias`. */
  private countBuilder<T extends WithId>(entity: EntityClass<T>, where: FilterQuery<T>, alias: string) {
    const query = this.em.createQueryBuilder(entity, alias).where(where);
    // What `getCount` asks before counting; the method is not in the builder's typings.
    const joinsToMany = (query as unknown as { hasToManyJoins(): boolean }).hasToManyJoins();
    return query.count(undefined, joinsToMany);
  }

  /** For many parents at once, how many children of each match `where` (parents with none are absent). */
  async countPerParent<T extends WithId>(
    entity: EntityClass<T>,
    parentKey: string,
    parentIds: number[],
    where: FilterQuery<T>,
  ): Promise<Map<number, number>> {
    const input = { $and: [{ [parentKey]: { $in: parentIds } }, where] } as FilterQuery<T>;
    const { sql, bindings } = preparedSql(`countPerParent:${entity.name}.${parentKey}`, input, (where) => {
      const parentColumn = this.quoted('e', this.columnOf(entity, parentKey));
      // Grouped outside the filtered rows: a condition on a to-one relation (e.g. `membership: null`) makes the
      // ORM join it and select its key, which a GROUP BY in the same statement would refuse.
      const filtered = this.em
        .createQueryBuilder(entity, 'e')
        .select([raw(`${parentColumn} as parent`)])
        .where(where)
        .getKnexQuery()
        .toSQL();
      return {
        sql: `select parent, count(*) as count from (${filtered.sql}) as filtered group by parent`,
        bindings: filtered.bindings,
      };
    });
    const counted = (await this.execute(sql, bindings, BUILT_BY_THE_ORM)) as Array<{
      parent: number;
      count: string | number;
    }>;
    return new Map(counted.map((row) => [row.parent, Number(row.count)]));
  }

  /**
   * Rows of hand-written SQL (positional `?` bindings, as knex writes them), routed like every other read: the
   * analysts' queries (search, facets, paths, the graph) are aggregates and recursive queries no entity shape
   * describes. Callers shape the rows themselves, or through `materialise` when they are one entity's columns.
   */
  async sql<R extends object = Row>(sql: string, bindings: readonly unknown[] = []): Promise<R[]> {
    return (await this.execute(sql, bindings)) as R[];
  }

  /** Turns database rows of `entity` (column names as keys) into read records. */
  materialise<T extends WithId>(entity: EntityClass<T>, rows: Row[]): T[] {
    const shape = this.shapeOf(entity);
    return rows.map((row) => shape.toRecord(row) as T);
  }

  /** The column that holds `entity`'s `property` (e.g. `country_id` for the relation `country`). */
  columnOf<T>(entity: EntityClass<T>, property: string): string {
    const column = (this.metadataOf(entity).properties as Record<string, { fieldNames?: string[] }>)[property]
      ?.fieldNames?.[0];
    if (!column) throw new Error(`${entity.name} has no column for ${property}.`);
    return column;
  }

  /**
   * Runs SQL through one of the ORM's connections, inside the request's transaction if it has one: its query log,
   * timeouts and error translation apply as to any other query. A transaction, and a request that writes, read
   * from the primary; other reads from a standby when there are any and it is recent enough for the client.
   */
  private async execute(
    sql: string,
    bindings: readonly unknown[],
    { builtByTheOrm = false }: { builtByTheOrm?: boolean } = {},
  ): Promise<Row[]> {
    const transaction = this.options.transaction ? this.options.transaction() : this.em.getTransactionContext();
    const connection =
      transaction || this.readsOwnWrites
        ? this.em.getConnection('write')
        : await (this.readServer ??= readConnection(this.em, this.options.readAfter));
    // The query builder's statements, outside a transaction, skip `execute`'s inlining (see pooled-query.ts).
    // Hand-written SQL keeps it: its values' types may rest on being literals (`? as hops` in a recursive query).
    if (builtByTheOrm && !transaction) {
      const rows = await pooledQuery(this.em, connection, sql, bindings);
      if (rows) return rows;
    }
    return connection.execute(sql, [...bindings], 'all', transaction);
  }

  /** `"alias"."column"`, or `"name"` alone. */
  private quoted(alias: string, column?: string): string {
    const platform = this.em.getPlatform();
    if (column === undefined) return platform.quoteIdentifier(alias);
    return `${platform.quoteIdentifier(alias)}.${platform.quoteIdentifier(column)}`;
  }

  /**
   * The to-one references that statements reading `entity` in this request join (see `whenJoined`): those whose
   * field the document selects on the entity's type, to a class it selects fields on, and theirs in turn, at most
   * `MAX_JOIN_DEPTH` deep and `MAX_JOINS` in all. Worked out once per document and entity.
   */
  private joinsOf<T>(entity: EntityClass<T>): Joins | null {
    const selection = this.selection;
    const fields = selection && this.joinedRecords ? fieldsSelectedWith(selection) : undefined;
    if (!selection || !fields) return null;
    const meta = this.metadataOf(entity) as EntityMetadata;
    let byEntity = joinPlans.get(selection);
    if (!byEntity) joinPlans.set(selection, (byEntity = new Map()));
    let joins = byEntity.get(meta);
    if (joins !== undefined) return joins;
    const references: Joins['references'] = [];
    const keyParts: string[] = [];
    const follow = (from: EntityMetadata, fromAlias: string, depth: number) => {
      const followed = fields.get(from.class);
      for (const field of this.shapeOf(from.class).fields) {
        if (!field.target || !followed?.has(field.name) || references.length >= MAX_JOINS) continue;
        const target = field.target.class as EntityClass<WithId>;
        const plan = this.columnPlan(target, []);
        if (!plan) continue;
        const alias = `j${references.length + 1}`;
        const prefix = `${alias}:`;
        keyParts.push(`${fromAlias}.${field.name}>${plan.key}`);
        references.push({
          path: `${fromAlias}.${field.name}`,
          alias,
          prefix,
          entity: target,
          columns: plan.columns,
          idColumn: prefix + field.target.getPrimaryProps()[0].fieldNames[0],
          shape: this.shapeOf(target, plan, prefix),
        });
        if (depth < MAX_JOIN_DEPTH) follow(field.target, alias, depth + 1);
      }
    };
    follow(meta, 'e', 1);
    joins = references.length ? { key: keyParts.join(';'), references } : null;
    byEntity.set(meta, joins);
    return joins;
  }

  /** Gives the records a statement joined (one per id) to the sink, before its own records are answered. */
  private handOverJoined(joins: Joins, found: Row[]): void {
    const sink = this.joinedRecords!;
    for (const reference of joins.references) {
      const seen = new Set<unknown>();
      for (const row of found) {
        const id = row[reference.idColumn];
        if (id == null || seen.has(id)) continue;
        seen.add(id);
        sink(reference.entity, reference.shape.toRecord(row) as WithId);
      }
    }
  }

  private metadataOf<T>(entity: EntityClass<T>): EntityMetadata<T> {
    return this.em.getMetadata().get<T>(entity.name);
  }

  /**
   * The record of `entity` with this id, made without a statement, when the query selects nothing of its class but
   * its id and type (`record { ... on Node { id } }` of a search hit or a path's nodes): a record with its id only,
   * whose other properties throw when read, as any property a query did not select does. Undefined when the
   * query selects more of the class, or reads are not per query (then the caller reads it).
   *
   * Only for ids that name a row by the database's own rules (see `Loaders.stored`): an id a client sent must be
   * read.
   */
  recordOfIdOnly<T extends WithId>(entity: EntityClass<T>, id: number): T | undefined {
    const fields = this.selection ? fieldsSelectedWith(this.selection) : undefined;
    if (!fields) return undefined;
    const selected = [...(fields.get(entity) ?? [])];
    if (!selected.every((name) => name === 'id' || name === '__typename')) return undefined;
    const meta = this.metadataOf(entity) as EntityMetadata;
    const idColumn = meta.getPrimaryProps()[0].fieldNames[0];
    return this.shapeOf(entity, idOnlyPlan(idColumn)).toRecord({ [idColumn]: id }) as T;
  }

  /**
   * How rows of `entity` become records: every column, or those of `plan`, named as they are or, for a joined
   * table's, after `prefix` (`j1:`).
   */
  private shapeOf<T>(entity: EntityClass<T>, plan: ColumnPlan | null = null, prefix = ''): RowShape {
    const meta = this.metadataOf(entity) as EntityMetadata;
    let shape = shapes.get(meta);
    if (!shape) {
      shape = rowShape(this.em, meta);
      shapes.set(meta, shape);
    }
    if (!plan) return shape;
    let partial = partialShapes.get(meta);
    if (!partial) partialShapes.set(meta, (partial = new Map()));
    const key = prefix + plan.key;
    let planned = partial.get(key);
    if (!planned) {
      planned = rowShape(this.em, meta, { properties: plan.properties, under: shape.prototype, prefix });
      if (partial.size >= MAX_PARTIAL_SHAPES) partial.delete(partial.keys().next().value!);
      partial.set(key, planned);
    }
    return planned;
  }

  /**
   * The columns a statement reads of `entity` in this request, with those of the properties it orders by; null
   * to read every column (no selection, or none for this class).
   */
  private columnPlan<T>(entity: EntityClass<T>, orderedBy: string[]): ColumnPlan | null {
    const selected = this.selection?.get(entity);
    return selected ? columnPlanOf(this.shapeOf(entity), selected, orderedBy) : null;
  }
}

const columnPlans = new WeakMap<ReadonlySet<string>, Map<string, ColumnPlan>>();

const idOnlyPlans = new Map<string, ColumnPlan>();

/** The plan of a record read with its id only (`RowReader.recordOfIdOnly`). */
function idOnlyPlan(idColumn: string): ColumnPlan {
  let plan = idOnlyPlans.get(idColumn);
  if (!plan)
    idOnlyPlans.set(
      idColumn,
      (plan = { columns: [idColumn], key: `id only:${idColumn}`, properties: new Set(['id']) }),
    );
  return plan;
}

/**
 * The plan for one selection of `shape`'s properties (a document's) and one ordering, worked out once: the
 * record's id and to-one references always, its other properties when selected or ordered by.
 */
function columnPlanOf(shape: RowShape, selected: ReadonlySet<string>, orderedBy: string[]): ColumnPlan {
  let byOrder = columnPlans.get(selected);
  if (!byOrder) columnPlans.set(selected, (byOrder = new Map()));
  const orderKey = orderedBy.join(',');
  let plan = byOrder.get(orderKey);
  if (plan) return plan;
  const read = shape.fields.filter(
    (field) => field.always || selected.has(field.name) || orderedBy.includes(field.name),
  );
  const columns = [...new Set(read.flatMap((field) => field.columns))].sort();
  plan = { columns, key: columns.join(','), properties: new Set(read.map((field) => field.name)) };
  byOrder.set(orderKey, plan);
  return plan;
}

interface RowShape {
  /**
   * The record's properties: each one's columns, whether every statement reads it (id, to-one keys), and for a
   * to-one reference the entity it points at.
   */
  fields: ReadonlyArray<{ name: string; columns: string[]; always: boolean; target?: EntityMetadata }>;
  /** The prototype of its records. */
  prototype: object;
  toRecord(row: Row): object;
}

/**
 * How a row of one entity becomes a record, worked out once per entity from its metadata: for each property,
 * the column it comes from and the conversion the ORM applies when it hydrates an entity (timestamps to Dates
 * as its result mapper does, then the property's custom type's conversion to its JavaScript value), each owned
 * to-one relation as `{ id }`, and each inline embeddable (a conference's attendance, stored flattened as
 * `attendance_participants`, …) as an object of its class. Collections, inverse sides and lazy relations (one
 * that only declares a constraint, such as an organisation's city-in-country key) are left out, as the ORM
 * leaves them unloaded. `tests/integration/read-records.test.ts` holds every kind of record to the ORM's reading.
 */
function rowShape(
  em: EntityManager,
  meta: EntityMetadata,
  partial?: { properties: ReadonlySet<string>; under: object; prefix: string },
): RowShape {
  const platform = em.getPlatform();
  const prefix = partial?.prefix ?? '';
  const timezone = platform.getTimezone();
  const parseDate = (value: unknown): unknown => {
    if (value == null || value instanceof Date) return value;
    if (typeof value === 'number') return platform.parseDate(value);
    const text = String(value);
    const hasZone =
      !timezone || timezone === 'local' || text.includes('+') || text.lastIndexOf('-') > 10 || text.endsWith('Z');
    return platform.parseDate(hasZone ? text : text + timezone);
  };
  const valueOf = (prop: EntityProperty): ((row: Row) => unknown) => {
    const column = prefix + prop.fieldNames[0];
    const steps: Array<(value: unknown) => unknown> = [];
    if (prop.runtimeType === 'Date' && !platform.isNumericProperty(prop)) steps.push(parseDate);
    else if (prop.runtimeType === 'boolean') steps.push((value) => !!value);
    if (prop.customType) {
      const type = prop.customType;
      steps.push((value) => type.convertToJSValue(value, platform, { mode: 'serialization' }));
    }
    if (steps.length === 0) return (row) => row[column];
    return (row) => {
      let value = row[column];
      if (value == null) return value;
      for (const step of steps) value = step(value);
      return value;
    };
  };

  type Field = RowShape['fields'][number] & { read: (row: Row) => unknown };
  const fields: Field[] = [];
  for (const prop of meta.props) {
    if (!prop.fieldNames || prop.embedded || prop.persist === false) continue;
    if (prop.kind === ReferenceKind.SCALAR)
      fields.push({ name: prop.name, columns: [prop.fieldNames[0]], always: !!prop.primary, read: valueOf(prop) });
    else if (
      (prop.kind === ReferenceKind.MANY_TO_ONE || (prop.kind === ReferenceKind.ONE_TO_ONE && prop.owner)) &&
      !prop.lazy
    ) {
      const column = prefix + prop.fieldNames[0];
      fields.push({
        name: prop.name,
        columns: [prop.fieldNames[0]],
        always: true,
        target: prop.targetMeta ?? em.getMetadata().get(prop.type),
        read: (row) => (row[column] == null ? null : { id: row[column] }),
      });
    } else if (prop.kind === ReferenceKind.EMBEDDED && !prop.object) {
      const embeddablePrototype = (prop.embeddable as { prototype: object }).prototype;
      const parts = Object.entries(prop.embeddedProps).map(([field, flat]) => ({ field, read: valueOf(flat) }));
      const nullable = prop.nullable === true;
      fields.push({
        name: prop.name,
        columns: Object.values(prop.embeddedProps).map((flat) => flat.fieldNames[0]),
        always: false,
        read: (row) => {
          const value = Object.create(embeddablePrototype) as Row;
          let empty = true;
          for (const part of parts) {
            const partValue = part.read(row);
            value[part.field] = partValue;
            if (partValue != null) empty = false;
          }
          return empty && nullable ? null : value;
        },
      });
    }
  }

  if (partial) {
    // Records read with some columns only: reading a property that was not read is a mistake in the code that
    // reads it (see read-columns.ts), told at once rather than answered as null. Assigning one still works.
    const recordPrototype = Object.create(partial.under) as object;
    for (const field of fields) {
      if (partial.properties.has(field.name)) continue;
      const name = field.name;
      Object.defineProperty(recordPrototype, name, {
        get() {
          throw new Error(
            `${meta.className}.${name} was not read for this query: only a field of that name selects it, or one ` +
              'that declares it (fieldAlsoReads in read-columns.ts).',
          );
        },
        set(this: object, value: unknown) {
          Object.defineProperty(this, name, { value, writable: true, enumerable: true, configurable: true });
        },
        enumerable: false,
        configurable: true,
      });
    }
    return recordShape(
      fields.filter((field) => partial.properties.has(field.name)),
      recordPrototype,
    );
  }

  // The ORM puts accessors on the entity's prototype for some properties (a one-to-one keeps both sides in step
  // through them). Records get a prototype of their own between them and the entity's, where those names are
  // plain writable properties: assigning to a record then makes an own property, as for every other field, and
  // `instanceof`, the class name and getters such as `globalId` still come from the entity's class.
  const entityPrototype = meta.class.prototype as object;
  const recordPrototype = Object.create(entityPrototype) as object;
  for (const prop of meta.props) {
    if (hasAccessor(entityPrototype, prop.name)) {
      Object.defineProperty(recordPrototype, prop.name, {
        value: undefined,
        writable: true,
        enumerable: false,
        configurable: true,
      });
    }
  }
  return recordShape(fields, recordPrototype);
}

function recordShape(
  fields: Array<RowShape['fields'][number] & { read: (row: Row) => unknown }>,
  prototype: object,
): RowShape {
  return {
    fields: fields.map(({ name, columns, always, target }) => ({ name, columns, always, target })),
    prototype,
    toRecord(row) {
      const record = Object.create(prototype) as Row;
      for (const field of fields) record[field.name] = field.read(row);
      return record;
    },
  };
}

function hasAccessor(prototype: object | null, name: string): boolean {
  for (let level = prototype; level && level !== Object.prototype; level = Object.getPrototypeOf(level)) {
    const descriptor = Object.getOwnPropertyDescriptor(level, name);
    if (descriptor) return descriptor.get !== undefined || descriptor.set !== undefined;
  }
  return false;
}
