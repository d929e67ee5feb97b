import { Max, Min } from 'class-validator';
import { ArgsType, Field, Int, ObjectType, registerEnumType, type ClassType } from 'type-graphql';

/** Sort direction shared by every `orderBy` input. */
export enum OrderDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(OrderDirection, {
  name: 'OrderDirection',
  description: 'Direction of an ordering.',
  valuesConfig: {
    ASC: { description: 'Smallest (or alphabetically first) first.' },
    DESC: { description: 'Largest (or alphabetically last) first.' },
  },
});

/**
 * Relay cursor-connection arguments. Range checks that depend on configuration (the maximum page size)
 * are made in `resolvePageWindow`; these decorators only reject what can never be valid.
 */
@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { nullable: true, description: 'Return at most this many items from the start of the window.' })
  @Min(0)
  @Max(2_147_483_647)
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Return items after this cursor (from a previous page).' })
  after?: string | null;

  @Field(() => Int, { nullable: true, description: 'Return at most this many items from the end of the window.' })
  @Min(0)
  @Max(2_147_483_647)
  last?: number | null;

  @Field(() => String, { nullable: true, description: 'Return items before this cursor (from a previous page).' })
  before?: string | null;
}

@ObjectType({ description: 'Where a page sits in its connection (Relay cursor connections).' })
export class PageInfo {
  @Field({ description: 'Whether more items follow this page.' })
  hasNextPage!: boolean;

  @Field({ description: 'Whether items precede this page.' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first item of this page.' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item of this page.' })
  endCursor!: string | null;
}

/** One page of a connection as the resolvers build it; `countTotal` runs only when `totalCount` is asked for. */
export interface ConnectionPage<T> {
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: PageInfo;
  countTotal: () => Promise<number>;
}

export interface ConnectionShape<T> {
  edges: Array<{ cursor: string; node: T }>;
  nodes: T[];
  pageInfo: PageInfo;
  totalCount(): Promise<number>;
}

/**
 * Builds the `<Name>Connection` and `<Name>Edge` object types for one node type, so every collection in the
 * API has the same shape: edges with cursors, nodes, pageInfo and a lazily counted totalCount.
 */
export function connectionTypeFor<T extends object>(nodeType: ClassType<T>, typeName = nodeType.name) {
  @ObjectType(`${typeName}Edge`, { description: `A ${typeName} in a connection, with its cursor.` })
  class Edge {
    @Field({ description: 'Opaque cursor of this item, for `after` / `before`.' })
    cursor!: string;

    @Field(() => nodeType, { description: `The ${typeName}.` })
    node!: T;
  }

  @ObjectType(`${typeName}Connection`, { description: `A page of ${typeName} items (Relay cursor connection).` })
  class Connection implements ConnectionShape<T> {
    constructor(private readonly page: ConnectionPage<T>) {}

    @Field(() => [Edge], { description: 'The items of this page with their cursors.' })
    get edges(): Array<{ cursor: string; node: T }> {
      return this.page.edges;
    }

    @Field(() => [nodeType], { description: 'The items of this page, without cursors.' })
    get nodes(): T[] {
      return this.page.edges.map((edge) => edge.node);
    }

    @Field(() => PageInfo, { description: 'Whether there are more pages, and the cursors to fetch them.' })
    get pageInfo(): PageInfo {
      return this.page.pageInfo;
    }

    @Field(() => Int, { description: 'How many items match the filter, over all pages.' })
    totalCount(): Promise<number> {
      return this.page.countTotal();
    }
  }

  return Connection;
}

export type ConnectionClass<T> = new (page: ConnectionPage<T>) => ConnectionShape<T>;
