import { ArgsType, Field, type ClassType } from 'type-graphql';
import { ConnectionArgs } from './connection';
import type { OrderInputShape } from './ordering';

export interface ListArgsShape<F, O extends string> extends ConnectionArgs {
  filter?: F | null;
  orderBy?: OrderInputShape<O> | null;
}

/** Arguments of a collection field: the connection window, a filter and an ordering. */
export function listArgsFor<F extends object, O extends string>(
  typeName: string,
  filterType: ClassType<F>,
  orderType: ClassType<OrderInputShape<O>>,
) {
  @ArgsType()
  class ListArgs extends ConnectionArgs implements ListArgsShape<F, O> {
    @Field(() => filterType, { nullable: true, description: `Only ${typeName} items matching all these conditions.` })
    filter?: F | null;

    @Field(() => orderType, { nullable: true, description: 'Ordering of the items (ties broken by creation order).' })
    orderBy?: OrderInputShape<O> | null;
  }
  return ListArgs;
}
