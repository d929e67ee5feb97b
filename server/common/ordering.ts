import type { QueryOrderMap } from '@mikro-orm/core';
import { Field, InputType, registerEnumType } from 'type-graphql';
import { OrderDirection } from './connection';
import { BadUserInputError } from './errors';
import type { OrderSpec } from './pagination';

export interface OrderInputShape<F extends string> {
  field: F;
  direction: OrderDirection;
}

/**
 * Registers `<Type>OrderField` (values are entity property names) and builds the `<Type>Order` input, so that
 * each collection declares only which columns it can be ordered by.
 */
export function orderInputFor<F extends string>(
  typeName: string,
  fields: Record<string, F>,
  fieldDescriptions: Record<F, string>,
) {
  registerEnumType(fields, {
    name: `${typeName}OrderField`,
    description: `Columns a list of ${typeName} items can be ordered by (ties are broken by creation order).`,
    valuesConfig: Object.fromEntries(
      Object.entries(fields).map(([key, value]) => [key, { description: fieldDescriptions[value] }]),
    ),
  });

  @InputType(`${typeName}Order`, { description: `Ordering of a list of ${typeName} items.` })
  class OrderInput implements OrderInputShape<F> {
    @Field(() => fields, { description: 'The column to order by.' })
    field!: F;

    @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC, description: 'Ascending or descending.' })
    direction: OrderDirection = OrderDirection.ASC;
  }
  return OrderInput;
}

/**
 * An ordering by how many related records each item has (a country's members, a theme's conferences): a
 * correlated SQL count over the item's row `alias`. Lists ordered by one page in SQL by that count, then id; their
 * edges carry a `rank` (SQL `rank()`: equal counts share a rank) and their cursors the count.
 */
export interface RelatedCount {
  /** The count for the row of `alias`, e.g. `(select count(*) from "topic" as "t" where "t"."theme_id" = e."id")`. */
  sql: (alias: string) => string;
}

const relatedCounts = new Map<string, RelatedCount>();

/**
 * Declares a count ordering of `typeName` and returns the value its `<Type>OrderField` enum holds for it, e.g.
 * `MEMBER_COUNT: countOrder('Country', 'memberCount', …)`; the value names the count wherever an ordering goes.
 */
export function countOrder(typeName: string, name: string, count: RelatedCount): string {
  const field = `${typeName}.${name}`;
  relatedCounts.set(field, count);
  return field;
}

/** The count an ordering orders by, if it orders by one. */
export function relatedCountOf(order: OrderSpec): RelatedCount | undefined {
  return relatedCounts.get(order.field);
}

/**
 * Lists read whole and paged in memory (a conference's themes) have no count to order by: only the lists paged
 * in SQL (top-level lists and per-parent pages) rank by one.
 */
export function refuseCountOrder(order: OrderSpec): void {
  if (relatedCountOf(order)) {
    throw new BadUserInputError(
      'This list cannot be ordered by a count; order the top-level list (e.g. `themes`) by it instead.',
      ['orderBy', 'field'],
    );
  }
}

/** The effective ordering: the client's, or the collection's default. */
export function orderSpec<F extends string>(
  input: OrderInputShape<F> | null | undefined,
  fallback: OrderSpec,
): OrderSpec {
  return input ? { field: input.field, direction: input.direction ?? OrderDirection.ASC } : fallback;
}

/**
 * The one `ORDER BY` of every list: the ordered field, then id in the same direction, so that the order is total
 * and keyset cursors are exact. `reversed` turns both round (a page counted from the end).
 */
export function orderByFor<T>(order: OrderSpec, reversed = false): QueryOrderMap<T> {
  refuseCountOrder(order);
  const ascending = (order.direction === OrderDirection.ASC) !== reversed;
  const direction = ascending ? 'ASC' : 'DESC';
  return (order.field === 'id' ? { id: direction } : { [order.field]: direction, id: direction }) as QueryOrderMap<T>;
}

/** Default orderings the collections use when the client gives none. */
const ascending = (field: string): OrderSpec => ({ field, direction: OrderDirection.ASC });
export const BY_NAME = ascending('name');
export const BY_TITLE = ascending('title');
export const BY_YEAR = ascending('year');
export const BY_POSITION = ascending('position');
export const BY_FILE_NAME = ascending('fileName');
/** Creation order: the order of the source documents for seeded records. */
export const BY_CREATION = ascending('id');
