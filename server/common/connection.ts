import { Max, Min } from './class-validator';
import { ArgsType, Field, Int, ObjectType, registerEnumType, type ClassType } from 'type-graphql';
import type { FacetSource, FacetTypes } from './facets';

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

/** An item of a page with its cursor and, when the list is ordered by a count, its rank. */
export interface EdgeShape<T> {
  cursor: string;
  node: T;
  rank?: number | null;
}

/**
 * One page of a connection as the resolvers build it; `countTotal` runs only when `totalCount` is asked for, and
 * `facets` names the filtered set the connection's facets and aggregates count (read only when asked for).
 */
export interface ConnectionPage<T> {
  edges: Array<EdgeShape<T>>;
  /** The edges' nodes, in order. */
  nodes: T[];
  pageInfo: PageInfo;
  countTotal: () => Promise<number>;
  facets?: FacetSource;
}

export interface ConnectionShape<T> {
  edges: Array<EdgeShape<T>>;
  nodes: T[];
  pageInfo: PageInfo;
  totalCount(): Promise<number>;
}

export interface ConnectionOptions {
  /** The type's facets and aggregates (`facetsFor` beside its filter): `facets` and `aggregates` fields. */
  facets?: FacetTypes;
  /** Lists of the type can be ordered by a count: its edges carry a `rank`, e.g. the text of its description. */
  rank?: string;
}

/**
 * Builds the `<Name>Connection` and `<Name>Edge` object types for one node type, so every collection in the
 * API has the same shape: edges with cursors, nodes, pageInfo and a lazily counted totalCount; with `facets`,
 * also the groups and figures of the filtered list.
 */
export function connectionTypeFor<T extends object>(
  nodeType: ClassType<T>,
  typeName = nodeType.name,
  options: ConnectionOptions = {},
) {
  @ObjectType(`${typeName}Edge`, { description: `A ${typeName} in a connection, with its cursor.` })
  class Edge {
    @Field({ description: 'Opaque cursor of this item, for `after` / `before`.' })
    cursor!: string;

    @Field(() => nodeType, { description: `The ${typeName}.` })
    node!: T;
  }
  // A plain field: the edges a page builds carry their rank themselves (null unless ordered by a count).
  if (options.rank) Field(() => Int, { nullable: true, description: options.rank })(Edge.prototype, 'rank');

  @ObjectType(`${typeName}Connection`, { description: `A page of ${typeName} items (Relay cursor connection).` })
  class Connection implements ConnectionShape<T> {
    /** Its name in the schema. */
    static readonly typeName = `${typeName}Connection`;

    constructor(private readonly page: ConnectionPage<T>) {}

    @Field(() => [Edge], { description: 'The items of this page with their cursors.' })
    get edges(): Array<{ cursor: string; node: T }> {
      return this.page.edges;
    }

    @Field(() => [nodeType], { description: 'The items of this page, without cursors.' })
    get nodes(): T[] {
      return this.page.nodes;
    }

    @Field(() => PageInfo, { description: 'Whether there are more pages, and the cursors to fetch them.' })
    get pageInfo(): PageInfo {
      return this.page.pageInfo;
    }

    @Field(() => Int, { description: 'How many items match the filter, over all pages.' })
    totalCount(): Promise<number> {
      return this.page.countTotal();
    }

    /** The page's filtered set, for its facets; every connection of a type with facets is built with one. */
    facetSource(): FacetSource {
      if (!this.page.facets) throw new Error(`A ${typeName} connection was built without its filtered set.`);
      return this.page.facets;
    }
  }
  const facetTypes = options.facets;
  if (facetTypes) {
    const facetsDescriptor: PropertyDescriptor = {
      value: function (this: Connection) {
        return new facetTypes.Facets(this.facetSource());
      },
      configurable: true,
    };
    Object.defineProperty(Connection.prototype, 'facets', facetsDescriptor);
    Field(() => facetTypes.Facets, {
      description:
        'How the items matching the filter (over all pages, whatever the page) fall into groups, each group by count.',
    })(Connection.prototype, 'facets', facetsDescriptor);
    const aggregatesDescriptor: PropertyDescriptor = {
      value: function (this: Connection) {
        return new facetTypes.Aggregates(this.facetSource());
      },
      configurable: true,
    };
    Object.defineProperty(Connection.prototype, 'aggregates', aggregatesDescriptor);
    Field(() => facetTypes.Aggregates, {
      description: 'The count and numeric figures of the items matching the filter, over all pages.',
    })(Connection.prototype, 'aggregates', aggregatesDescriptor);
  }

  return Connection;
}

export type ConnectionClass<T> = (new (page: ConnectionPage<T>) => ConnectionShape<T>) & { typeName: string };
