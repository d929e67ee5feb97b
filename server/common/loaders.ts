import { isDeepStrictEqual } from 'node:util';
import DataLoader from 'dataloader';
import type { EntityClass, FilterQuery, Reference } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { orderByFor, refuseCountOrder } from './ordering';
import {
  pageOf,
  paginateLoaded,
  planPage,
  type OrderSpec,
  type PagePlan,
  type PaginationLimits,
  type RankedPosition,
} from './pagination';
import type { ConnectionArgs, ConnectionClass, ConnectionShape } from './connection';
import { FacetReader, type BatchSource } from './facets';
import type { RowReader } from './rows';

type WithId = { id: number };

interface ChildPagePlan {
  relation: string;
  where: unknown;
  order: OrderSpec;
  plan: PagePlan;
  /** The loader of the pages of every parent (one statement for all). */
  pages: DataLoader<number, WithId[]>;
  /** The loader of the parents' counts, made when the first `totalCount` is asked for. */
  counts: () => DataLoader<number, number>;
}

/**
 * Per-request batching. Every relation a resolver follows goes through one of these loaders, so a nested
 * query costs one SQL statement per level, however many rows each level has (no N+1).
 * Loaders live for one request only: they cache by id, and a request must not see another's cache.
 */
export class Loaders implements BatchSource {
  private readonly byIdLoaders = new Map<EntityClass<WithId>, DataLoader<number, WithId | null>>();
  private readonly groupLoaders = new Map<string, DataLoader<number, unknown[]>>();
  private readonly countLoaders = new Map<string, DataLoader<number, number>>();
  private readonly batchedLoaders = new Map<string, DataLoader<unknown, unknown, unknown>>();
  /** Count and rank of each record read for a count-ordered page (the batch that reads them serves many parents). */
  private readonly rankedPositions = new WeakMap<object, RankedPosition>();
  /** Child-page plans by the arguments object they were made for (see `childPagePlan`). */
  private readonly childPagePlans = new WeakMap<object, ChildPagePlan[]>();
  /** The facets and aggregates of this request's connections, batched like every other read. */
  readonly facets: FacetReader;

  constructor(
    private readonly em: EntityManager,
    private readonly rows: RowReader,
    private readonly limits: PaginationLimits,
  ) {
    this.facets = new FacetReader(em, rows, this);
    // A record a statement read by joining it to its referrer is what `byId` would read for this request: the
    // reference then resolves from the loader's cache, with no statement of its own.
    rows.whenJoined((entity, record) => void this.byId(entity).prime(record.id, record));
  }

  /** A loader of any keys, cached by what `keyOf` names them (a parent id), created once per request under `cacheKey`. */
  batched<K, V, C = number>(
    cacheKey: string,
    batch: (keys: readonly K[]) => Promise<V[]>,
    keyOf: (key: K) => C,
  ): DataLoader<K, V, C> {
    let loader = this.batchedLoaders.get(cacheKey);
    if (!loader) {
      loader = new DataLoader<K, V, C>(batch, { cacheKeyFn: keyOf }) as DataLoader<unknown, unknown, unknown>;
      this.batchedLoaders.set(cacheKey, loader);
    }
    return loader as DataLoader<K, V, C>;
  }

  /** Loads one row by id, batched with every other `byId` of the same entity in this tick. */
  byId<T extends WithId>(entity: EntityClass<T>): DataLoader<number, T | null> {
    let loader = this.byIdLoaders.get(entity as EntityClass<WithId>);
    if (!loader) {
      loader = new DataLoader<number, WithId | null>(async (ids) => {
        const rows = await this.rows.find(entity, { id: { $in: [...ids] } } as unknown as FilterQuery<T>);
        const byId = new Map(rows.map((row) => [row.id, row]));
        return ids.map((id) => byId.get(id) ?? null);
      });
      this.byIdLoaders.set(entity as EntityClass<WithId>, loader);
    }
    return loader as unknown as DataLoader<number, T | null>;
  }

  /**
   * A record whose id the database gave from its records' own tables (the graph's views) or from tables its
   * triggers keep in step with them (search documents, relationship edges), never one a client sent: made from
   * the id alone when the query asks nothing of it but its id (`RowReader.recordOfIdOnly`), else read through the
   * batched `byId` loader.
   */
  stored<T extends WithId>(entity: EntityClass<T>, id: number): T | Promise<T | null> {
    return this.rows.recordOfIdOnly(entity, id) ?? this.byId(entity).load(id);
  }

  /**
   * Follows a to-one reference (e.g. `city.country`) through the batched `byId` loader; null at once when there
   * is none (not an async function: no promise of its own per parent on top of the loader's).
   */
  reference<T extends WithId>(entity: EntityClass<T>, ref: Reference<T> | null | undefined): Promise<T | null> | null {
    if (!ref) return null;
    return this.byId(entity).load((ref as unknown as WithId).id);
  }

  /**
   * Loads, for many parents at once, the children of each parent that match `where`, in `order`.
   * `parentKey` names the child's to-one property that points at the parent, e.g. `country` on City.
   */
  children<T extends WithId>(
    entity: EntityClass<T>,
    parentKey: keyof T & string,
    where: FilterQuery<T>,
    order: OrderSpec,
  ): DataLoader<number, T[]> {
    return this.group(loaderKey(`${entity.name}.${parentKey}`, order, where), async (parentIds) => {
      const rows = await this.rows.find(
        entity,
        { $and: [{ [parentKey]: { $in: parentIds } }, where] } as unknown as FilterQuery<T>,
        { orderBy: orderByFor(order) },
      );
      return groupBy(rows, (row) => (row[parentKey] as unknown as WithId).id);
    });
  }

  /**
   * A loader for relations that need more than one query or a join to group (e.g. a theme's conferences, found
   * through its topics, or a theme's years). `batch` returns the rows (records or plain values) of each parent id,
   * already ordered.
   */
  group<T>(cacheKey: string, batch: (parentIds: number[]) => Promise<Map<number, T[]>>): DataLoader<number, T[]> {
    let loader = this.groupLoaders.get(cacheKey);
    if (!loader) {
      loader = new DataLoader<number, unknown[]>(async (parentIds) => {
        const grouped = await batch([...parentIds]);
        return parentIds.map((id) => grouped.get(id) ?? []);
      });
      this.groupLoaders.set(cacheKey, loader);
    }
    return loader as unknown as DataLoader<number, T[]>;
  }

  /**
   * One page of a parent's children (rows whose `parentKey` points at it) as a connection. The pages of every
   * parent asking for the same page in this tick are read in one statement that limits each parent's rows in
   * SQL; `totalCount`, when asked for, is one grouped count for all of them.
   */
  async childPage<T extends WithId>(
    connectionType: ConnectionClass<T>,
    entity: EntityClass<T>,
    parentKey: keyof T & string,
    parentId: number,
    where: FilterQuery<T>,
    order: OrderSpec,
    args: ConnectionArgs,
  ): Promise<ConnectionShape<T>> {
    const planned = this.childPagePlan(entity, parentKey, where, order, args);
    const rows = (await planned.pages.load(parentId)) as T[];
    const page = pageOf(
      rows,
      planned.plan,
      order,
      () => planned.counts().load(parentId),
      this.rankedPositions as WeakMap<T, RankedPosition>,
    );
    page.facets = { reader: this.facets, set: { kind: 'children', parentKey, parentId, where } };
    return new connectionType(page);
  }

  /**
   * The plan of a child page and its loaders. Every parent of one field gets the same arguments object (see
   * direct-resolvers.ts) and an equal filter and ordering, so the plan and its loaders are made for the first
   * parent and reused for the others.
   */
  private childPagePlan<T extends WithId>(
    entity: EntityClass<T>,
    parentKey: keyof T & string,
    where: FilterQuery<T>,
    order: OrderSpec,
    args: ConnectionArgs,
  ): ChildPagePlan {
    const relation = `${entity.name}.${parentKey}`;
    let plans = this.childPagePlans.get(args);
    const known = plans?.find(
      (candidate) =>
        candidate.relation === relation &&
        candidate.order.field === order.field &&
        candidate.order.direction === order.direction &&
        isDeepStrictEqual(candidate.where, where),
    );
    if (known) return known;
    // Refuses bad arguments (page size, cursors) before any SQL, as a top-level connection does.
    const plan = planPage(this.em, entity, order, args, this.limits);
    const positions = this.rankedPositions as WeakMap<T, RankedPosition>;
    const { ranked } = plan;
    const pageKey = loaderKey(`page of ${relation}`, order, [where, plan.conditions, plan.take, plan.window.fromEnd]);
    const pages = this.group<T>(pageKey, async (parentIds) => {
      if (ranked) {
        const found = await this.rows.rankedPage(entity, where, ranked, { key: parentKey, ids: parentIds });
        for (const item of found) positions.set(item.record, item.position);
        return groupBy(
          found,
          (item) => item.parent!,
          (item) => item.record,
        );
      }
      return this.rows.firstPerParent(
        entity,
        parentKey,
        parentIds,
        { $and: [where, ...plan.conditions] } as FilterQuery<T>,
        plan.orderBy,
        plan.take,
      );
    });
    // The count ignores the page (cursors, size, direction): every page of this relation and filter shares it.
    const countKey = loaderKey(`count of ${relation}`, order, where);
    const planned: ChildPagePlan = {
      relation,
      where,
      order,
      plan,
      pages: pages as unknown as DataLoader<number, WithId[]>,
      counts: () => this.childCount(entity, parentKey, where, countKey),
    };
    if (!plans) this.childPagePlans.set(args, (plans = []));
    plans.push(planned);
    return planned;
  }

  private childCount<T extends WithId>(
    entity: EntityClass<T>,
    parentKey: string,
    where: FilterQuery<T>,
    key: string,
  ): DataLoader<number, number> {
    let loader = this.countLoaders.get(key);
    if (!loader) {
      loader = new DataLoader<number, number>(async (parentIds) => {
        const counts = await this.rows.countPerParent(entity, parentKey, [...parentIds], where);
        return parentIds.map((id) => counts.get(id) ?? 0);
      });
      this.countLoaders.set(key, loader);
    }
    return loader;
  }

  /** One page of a parent's children as a connection, sharing the batched query with the parent's siblings. */
  async connection<T extends WithId>(
    connectionType: ConnectionClass<T>,
    loader: DataLoader<number, T[]>,
    parentId: number,
    order: OrderSpec,
    args: ConnectionArgs,
  ): Promise<ConnectionShape<T>> {
    // Refused before the list is read: a list paged in memory has no count to order by.
    refuseCountOrder(order);
    const rows = await loader.load(parentId);
    const page = paginateLoaded(rows, order, args, this.limits);
    // The whole list is read already: its facets count exactly these rows, for every parent in one statement.
    page.facets = {
      reader: this.facets,
      set: { kind: 'listed', family: loaderFamily(loader), parentId, ids: rows.map((row) => row.id) },
    };
    return new connectionType(page);
  }
}

/**
 * The one way a batched loader is named: the relation it follows, and the ordering and filter its rows are loaded
 * with. Fields asking for the same rows in the same order share one loader (and one query); any difference in
 * ordering or filter gets its own.
 */
export function loaderKey(relation: string, order: OrderSpec, filter: unknown): string {
  return `${relation}|${order.field}.${order.direction}|${JSON.stringify(filter)}`;
}

const loaderFamilies = new WeakMap<object, string>();
let nextFamily = 0;

/** A name for the lists one loader read, shared by all its parents: their facets are counted together. */
function loaderFamily(loader: object): string {
  let family = loaderFamilies.get(loader);
  if (!family) {
    family = `list${nextFamily++}`;
    loaderFamilies.set(loader, family);
  }
  return family;
}

export function groupBy<T, V = T>(
  rows: T[],
  keyOf: (row: T) => number,
  valueOf: (row: T) => V = (row) => row as unknown as V,
): Map<number, V[]> {
  const grouped = new Map<number, V[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = grouped.get(key);
    if (group) group.push(valueOf(row));
    else grouped.set(key, [valueOf(row)]);
  }
  return grouped;
}
