import DataLoader from 'dataloader';
import type { EntityClass, FilterQuery, Reference } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { orderByFor } from './ordering';
import { paginateLoaded, type OrderSpec, type PaginationLimits } from './pagination';
import type { ConnectionArgs, ConnectionClass, ConnectionShape } from './connection';

type WithId = { id: number };

/**
 * Per-request batching. Every relation a resolver follows goes through one of these loaders, so a nested
 * query costs one SQL statement per level, however many rows each level has (no N+1).
 * Loaders live for one request only: they cache by id, and a request must not see another's cache.
 */
export class Loaders {
  private readonly byIdLoaders = new Map<EntityClass<WithId>, DataLoader<number, WithId | null>>();
  private readonly groupLoaders = new Map<string, DataLoader<number, WithId[]>>();

  constructor(
    private readonly em: EntityManager,
    private readonly limits: PaginationLimits,
  ) {}

  /** Loads one row by id, batched with every other `byId` of the same entity in this tick. */
  byId<T extends WithId>(entity: EntityClass<T>): DataLoader<number, T | null> {
    let loader = this.byIdLoaders.get(entity as EntityClass<WithId>);
    if (!loader) {
      loader = new DataLoader<number, WithId | null>(async (ids) => {
        const rows = (await this.em.find(entity, { id: { $in: [...ids] } } as unknown as FilterQuery<T>)) as T[];
        const byId = new Map(rows.map((row) => [row.id, row]));
        return ids.map((id) => byId.get(id) ?? null);
      });
      this.byIdLoaders.set(entity as EntityClass<WithId>, loader);
    }
    return loader as unknown as DataLoader<number, T | null>;
  }

  /** Follows a to-one reference (e.g. `city.country`) through the batched `byId` loader. */
  async reference<T extends WithId>(entity: EntityClass<T>, ref: Reference<T> | null | undefined): Promise<T | null> {
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
      const rows = (await this.em.find(
        entity,
        { $and: [{ [parentKey]: { $in: parentIds } }, where] } as unknown as FilterQuery<T>,
        { orderBy: orderByFor(order) },
      )) as T[];
      return groupBy(rows, (row) => (row[parentKey] as unknown as WithId).id);
    });
  }

  /**
   * A loader for relations that need more than one query or a join to group (e.g. a theme's conferences, found
   * through its topics). `batch` returns the rows of each parent id, already ordered.
   */
  group<T extends WithId>(
    cacheKey: string,
    batch: (parentIds: number[]) => Promise<Map<number, T[]>>,
  ): DataLoader<number, T[]> {
    let loader = this.groupLoaders.get(cacheKey);
    if (!loader) {
      loader = new DataLoader<number, WithId[]>(async (parentIds) => {
        const grouped = await batch([...parentIds]);
        return parentIds.map((id) => grouped.get(id) ?? []);
      });
      this.groupLoaders.set(cacheKey, loader);
    }
    return loader as unknown as DataLoader<number, T[]>;
  }

  /** One page of a parent's children as a connection, sharing the batched query with the parent's siblings. */
  async connection<T extends WithId>(
    connectionType: ConnectionClass<T>,
    loader: DataLoader<number, T[]>,
    parentId: number,
    order: OrderSpec,
    args: ConnectionArgs,
  ): Promise<ConnectionShape<T>> {
    const rows = await loader.load(parentId);
    return new connectionType(paginateLoaded(rows, order, args, this.limits));
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

export function groupBy<T>(rows: T[], keyOf: (row: T) => number): Map<number, T[]> {
  const grouped = new Map<number, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = grouped.get(key);
    if (group) group.push(row);
    else grouped.set(key, [row]);
  }
  return grouped;
}
