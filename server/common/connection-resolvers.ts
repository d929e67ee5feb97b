import type { EntityClass, FilterQuery } from '@mikro-orm/core';
import type { RequestContext } from '../context';
import type { ConnectionArgs, ConnectionClass, ConnectionShape } from './connection';
import { paginateQuery, type OrderSpec } from './pagination';

type WithId = { id: number };

/** A top-level collection: one page straight from the database. */
export async function rootConnection<T extends WithId>(
  { rows, limits, loaders }: RequestContext,
  connectionType: ConnectionClass<T>,
  entity: EntityClass<T>,
  where: FilterQuery<T>,
  order: OrderSpec,
  args: ConnectionArgs,
): Promise<ConnectionShape<T>> {
  const page = await paginateQuery(rows.em, rows, entity, where, order, args, limits, {
    withTotalCount: rows.selectsTotalCountOf(connectionType.typeName),
  });
  page.facets = { reader: loaders.facets, set: { kind: 'where', where } };
  return new connectionType(page);
}

/** A parent's children (rows whose `parentKey` points at it), batched across all parents in the request. */
export function childConnection<T extends WithId>(
  { loaders }: RequestContext,
  connectionType: ConnectionClass<T>,
  entity: EntityClass<T>,
  parentKey: keyof T & string,
  parentId: number,
  where: FilterQuery<T>,
  order: OrderSpec,
  args: ConnectionArgs,
): Promise<ConnectionShape<T>> {
  return loaders.childPage(connectionType, entity, parentKey, parentId, where, order, args);
}
