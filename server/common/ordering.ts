import type { QueryOrderMap } from '@mikro-orm/core';
import { Field, InputType, registerEnumType } from 'type-graphql';
import { OrderDirection } from './connection';
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
