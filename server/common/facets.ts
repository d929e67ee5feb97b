import { ReferenceKind, type EntityClass, type EntityMetadata, type EntityProperty } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type DataLoader from 'dataloader';
import { Field, Float, Int, ObjectType, type ClassType } from 'type-graphql';
import type { RowReader } from './rows';

/**
 * Facets and aggregates beside a connection: how the items matching its filter (over all pages, whatever the
 * page asked for) fall into groups by the fields the list can be filtered by, and the sum, minimum, maximum and
 * average of its numeric fields. Each type declares its groups once, beside its filter (`facetsFor` in its
 * `.inputs.ts`); everything else lives here.
 *
 * Each group asked for is a `GROUP BY` of its value over the connection's filtered set, and the groups asked of
 * one list in one tick are the branches of one statement. The connections of many parents (`countries {
 * organisations { facets } }`) share that statement: it groups by parent and value, so one statement serves
 * every parent.
 */

type WithId = { id: number };

/**
 * What a facet group costs in the query cost: an upper estimate of its buckets (the dataset has at most a few
 * dozen distinct values per group), times what each bucket asks for.
 */
export const FACET_GROUP_COST = 25;

/** How a group's values appear in its buckets. */
type FacetValue =
  | { kind: 'int' }
  | { kind: 'boolean' }
  | { kind: 'enum'; bucket: ClassType }
  | { kind: 'reference'; entity: EntityClass<WithId>; bucket: ClassType };

/** One group of a type's facets: a GraphQL field of `<Type>Facets`, grouping by the column at `path`. */
export interface FacetDimension {
  /** The field of `<Type>Facets`, e.g. `country`. */
  name: string;
  description: string;
  /** Properties from the counted entity to the grouped column, e.g. `['hostCity', 'country']`. */
  path: string[];
  value: FacetValue;
  /** SQL turning the column into the grouped value, e.g. a membership's status into "is a current member". */
  expression?: (column: string) => string;
}

/** A numeric field of `<Type>Aggregates`, e.g. `participants` at `attendance.participants`. */
export interface AggregateField {
  name: string;
  description: string;
  path: string[];
}

@ObjectType({ description: 'How many items of a list have this whole number, e.g. `{ value: 2019, count: 1 }`.' })
export class IntFacet {
  @Field(() => Int, { description: 'The value, e.g. the year 2019.' })
  value!: number;

  @Field(() => Int, { description: 'How many items of the filtered list have it.' })
  count!: number;
}

@ObjectType({ description: 'How many items of a list have this yes/no value, e.g. `{ value: true, count: 31 }`.' })
export class BooleanFacet {
  @Field({ description: 'The value.' })
  value!: boolean;

  @Field(() => Int, { description: 'How many items of the filtered list have it.' })
  count!: number;
}

@ObjectType({
  description:
    'Sum, minimum, maximum and average of a numeric field over the items of a list that give it, e.g. attendance ' +
    'figures; all null when none does.',
})
export class NumericAggregate {
  @Field(() => Int, { description: 'How many items give the figure (the others are left out of the rest).' })
  count!: number;

  @Field(() => Float, { nullable: true, description: 'Sum of the figures.' })
  sum!: number | null;

  @Field(() => Int, { nullable: true, description: 'Smallest figure.' })
  min!: number | null;

  @Field(() => Int, { nullable: true, description: 'Largest figure.' })
  max!: number | null;

  @Field(() => Float, { nullable: true, description: 'Average of the figures (their sum over their count).' })
  average!: number | null;
}

const enumBuckets = new Map<string, ClassType>();

/** The bucket type of an enum's groups, `<Enum>Facet { value: <Enum>!, count: Int! }`, one per enum. */
function enumBucketFor(enumObject: object, enumName: string): ClassType {
  let bucket = enumBuckets.get(enumName);
  if (!bucket) {
    @ObjectType(`${enumName}Facet`, {
      description: `How many items of a list have this ${enumName} (a bucket of a facet group, e.g. of \`conferences { facets { status } }\`: HELD 10, PLANNED 2).`,
    })
    class EnumFacet {
      @Field(() => enumObject, { description: `The ${enumName}.` })
      value!: string;

      @Field(() => Int, { description: 'How many items of the filtered list have it.' })
      count!: number;
    }
    bucket = EnumFacet;
    enumBuckets.set(enumName, bucket);
  }
  return bucket;
}

/** A bucket of a reference group: its record is read only when asked for, through the batched `byId` loader. */
interface ReferenceBucket {
  value: number;
  count: number;
  load: () => Promise<WithId | null>;
}

const referenceBuckets = new Map<EntityClass<WithId>, ClassType>();

/** The bucket type of groups by a record, e.g. `CountryFacet { country: Country!, count: Int! }`, one per type. */
function referenceBucketFor(entity: EntityClass<WithId>): ClassType {
  let bucket = referenceBuckets.get(entity);
  if (!bucket) {
    const field = entity.name.charAt(0).toLowerCase() + entity.name.slice(1);
    @ObjectType(`${entity.name}Facet`, {
      description: `How many items of a list are linked to this ${entity.name} (a bucket of a facet group, e.g. of \`conferences { facets { hostCountry } }\`: Germany 3, Italy 3).`,
    })
    class RecordFacet {
      @Field(() => Int, { description: 'How many items of the filtered list are linked to it.' })
      count!: number;
    }
    const descriptor: PropertyDescriptor = {
      value: function (this: ReferenceBucket) {
        return this.load();
      },
      configurable: true,
    };
    Object.defineProperty(RecordFacet.prototype, field, descriptor);
    Field(() => entity, { description: `The ${entity.name}.` })(RecordFacet.prototype, field, descriptor);
    bucket = RecordFacet;
    referenceBuckets.set(entity, bucket);
  }
  return bucket;
}

/** The ways a type declares its groups, beside its filter. */
export const facet = {
  int: (name: string, path: string[], description: string): FacetDimension => ({
    name,
    path,
    description,
    value: { kind: 'int' },
  }),
  enum: (name: string, path: string[], enumObject: object, enumName: string, description: string): FacetDimension => ({
    name,
    path,
    description,
    value: { kind: 'enum', bucket: enumBucketFor(enumObject, enumName) },
  }),
  boolean: (
    name: string,
    path: string[],
    expression: (column: string) => string,
    description: string,
  ): FacetDimension => ({ name, path, description, expression, value: { kind: 'boolean' } }),
  reference: <T extends WithId>(
    name: string,
    path: string[],
    entity: EntityClass<T>,
    description: string,
  ): FacetDimension => ({
    name,
    path,
    description,
    value: {
      kind: 'reference',
      entity: entity as EntityClass<WithId>,
      bucket: referenceBucketFor(entity as EntityClass<WithId>),
    },
  }),
};

/**
 * The filtered set a connection's facets count. `where`: a top-level list. `children`: a parent's children by
 * their to-one `parentKey` (the per-parent pages of `Loaders.childPage`). `listed`: a parent's list already read
 * whole (`Loaders.connection`), named by its loader key. Sets of one family differ only in their parent and are
 * counted together.
 */
export type FacetSet =
  | { kind: 'where'; where: object }
  | { kind: 'children'; parentKey: string; parentId: number; where: object }
  | { kind: 'listed'; family: string; parentId: number; ids: number[] };

/** What a connection hands its facets: the set and the request's reader. */
export interface FacetSource {
  reader: FacetReader;
  set: FacetSet;
}

/** A bucket as the statement reads it: which of the requested groups, whose set, the value as text, the count. */
type GroupRow = { facet: number; parent: number; value: string; count: string | number };
type AggregateRow = Record<string, unknown> & { parent: number };
export interface AggregateResult {
  count: number;
  fields: Record<string, NumericAggregate>;
}

/** How batched loaders are made (the request's `Loaders`), so that facets share its per-request cache. */
export interface BatchSource {
  batched<K, V, C = number>(
    cacheKey: string,
    batch: (keys: readonly K[]) => Promise<V[]>,
    keyOf: (key: K) => C,
  ): DataLoader<K, V, C>;
  byId<T extends WithId>(entity: EntityClass<T>): DataLoader<number, T | null>;
}

/** A group of one set: the loader key of `FacetReader.buckets`. */
interface GroupOfSet {
  dimension: FacetDimension;
  set: FacetSet;
}

/**
 * Reads the groups and aggregates of facet sets: every group a request asks of one family of sets (the same
 * relation and filter, different parents) in one statement, and their aggregates in another.
 */
export class FacetReader {
  constructor(
    private readonly em: EntityManager,
    private readonly rows: RowReader,
    private readonly batches: BatchSource,
  ) {}

  /**
   * The buckets of one group, by count descending then value. The groups asked of the same family in one tick
   * (`facets { year hostCountry theme }`, of one list or of every parent's) are read together.
   */
  async buckets(entity: EntityClass<WithId>, dimension: FacetDimension, set: FacetSet): Promise<object[]> {
    const loader = this.batches.batched<GroupOfSet, GroupRow[], string>(
      `facets|${entity.name}|${familyOf(set)}`,
      async (groups) => {
        const dimensions = [...new Set(groups.map((group) => group.dimension))];
        const sets = [...new Map(groups.map((group) => [keyOf(group.set), group.set])).values()];
        const rows = await this.groupRows(entity, dimensions, this.restriction(entity, sets));
        const byGroup = new Map<string, GroupRow[]>();
        for (const row of rows) {
          const key = `${row.facet}|${row.parent}`;
          const list = byGroup.get(key);
          if (list) list.push(row);
          else byGroup.set(key, [row]);
        }
        return groups.map((group) => byGroup.get(`${dimensions.indexOf(group.dimension)}|${keyOf(group.set)}`) ?? []);
      },
      (group) => `${group.dimension.name}|${keyOf(group.set)}`,
    );
    const rows = await loader.load({ dimension, set });
    return rows.map((row) => this.bucket(dimension, row));
  }

  /** The count of the set and the aggregates of its numeric fields, one statement for all of them. */
  async aggregates(entity: EntityClass<WithId>, fields: AggregateField[], set: FacetSet): Promise<AggregateResult> {
    const loader = this.loaderFor<AggregateRow[]>('aggregates', entity, set, (restriction) =>
      this.aggregateRows(entity, fields, restriction),
    );
    const [row] = await loader.load(set);
    const result: AggregateResult = { count: Number(row?.count ?? 0), fields: {} };
    fields.forEach((field, index) => {
      const number = (name: string) => (row?.[`${name}${index}`] == null ? null : Number(row[`${name}${index}`]));
      result.fields[field.name] = {
        count: number('count') ?? 0,
        sum: number('sum'),
        min: number('min'),
        max: number('max'),
        average: number('average'),
      };
    });
    return result;
  }

  private bucket(dimension: FacetDimension, row: GroupRow): object {
    const count = Number(row.count);
    const value = dimension.value;
    switch (value.kind) {
      case 'int':
        return { value: Number(row.value), count };
      case 'boolean':
        return { value: row.value === 'true', count };
      case 'enum':
        return Object.assign(Object.create(value.bucket.prototype as object) as object, { value: row.value, count });
      case 'reference': {
        const id = Number(row.value);
        return Object.assign(Object.create(value.bucket.prototype as object) as object, {
          value: id,
          count,
          load: () => this.batches.byId(value.entity).load(id),
        });
      }
    }
  }

  /**
   * A loader per group and family: the sets of one family (the same relation and filter, different parents)
   * are read in one statement, grouped by parent.
   */
  private loaderFor<V>(
    what: string,
    entity: EntityClass<WithId>,
    set: FacetSet,
    read: (restriction: Restriction) => Promise<Array<V extends Array<infer R> ? R & { parent: number } : never>>,
  ): DataLoader<FacetSet, V, number> {
    return this.batches.batched<FacetSet, V>(
      `${what}|${entity.name}|${familyOf(set)}`,
      async (sets) => {
        const rows = await read(this.restriction(entity, sets));
        const byParent = new Map<number, unknown[]>();
        for (const row of rows) {
          const list = byParent.get(Number(row.parent)) ?? [];
          list.push(row);
          byParent.set(Number(row.parent), list);
        }
        return sets.map((one) => (byParent.get(keyOf(one)) ?? []) as V);
      },
      keyOf,
    );
  }

  /** SQL limiting `e` to the sets' rows, and the expression of each row's parent. */
  private restriction(entity: EntityClass<WithId>, sets: readonly FacetSet[]): Restriction {
    const first = sets[0];
    if (first.kind === 'listed') {
      const parents: number[] = [];
      const ids: number[] = [];
      for (const one of sets as Array<Extract<FacetSet, { kind: 'listed' }>>) {
        for (const id of one.ids) {
          parents.push(one.parentId);
          ids.push(id);
        }
      }
      return {
        join: `join unnest(?::int[], ?::int[]) as "listed" ("parent", "id") on "listed"."id" = "e"."id"`,
        joinBindings: [`{${parents.join(',')}}`, `{${ids.join(',')}}`],
        where: '',
        whereBindings: [],
        parent: '"listed"."parent"',
      };
    }
    if (first.kind === 'children') {
      const parentIds = (sets as Array<Extract<FacetSet, { kind: 'children' }>>).map((one) => one.parentId);
      const inner = this.idsOf(entity, { $and: [{ [first.parentKey]: { $in: parentIds } }, first.where] });
      return {
        join: '',
        joinBindings: [],
        where: `where "e"."id" in (${inner.sql})`,
        whereBindings: inner.bindings,
        parent: `"e".${this.quote(this.rows.columnOf(entity, first.parentKey))}`,
      };
    }
    const inner = this.idsOf(entity, first.where);
    return {
      join: '',
      joinBindings: [],
      where: `where "e"."id" in (${inner.sql})`,
      whereBindings: inner.bindings,
      parent: '0',
    };
  }

  /** The ids matching `where`, as the ORM writes the filter (its joins and subqueries for relation paths). */
  private idsOf(entity: EntityClass<WithId>, where: object): { sql: string; bindings: unknown[] } {
    const query = this.em
      .createQueryBuilder(entity, 'f')
      .select('f.id')
      .where(where as never)
      .getKnexQuery()
      .toSQL();
    // The ORM may add the ids of what it joins to the selection (a one-to-one's): only the item's own id is kept.
    return { sql: `select "matching"."id" from (${query.sql}) as "matching"`, bindings: [...query.bindings] };
  }

  /**
   * The buckets of `dimensions` over the restricted rows, one branch of a UNION ALL each: the groups' values are
   * of different types, so each is read as text (bucket() reads it back), and ordered within its branch, by its
   * own type, before it is turned into text.
   */
  private async groupRows(
    entity: EntityClass<WithId>,
    dimensions: FacetDimension[],
    restriction: Restriction,
  ): Promise<Array<GroupRow>> {
    const table = this.quote(this.metadataOf(entity).tableName);
    const branches = dimensions.map((dimension, index) => {
      const { joins, column } = this.columnAt(entity, dimension.path);
      const value = dimension.expression ? dimension.expression(column) : column;
      const where = restriction.where ? `${restriction.where} and ${value} is not null` : `where ${value} is not null`;
      // Through a to-many path (a conference's topics' themes) an item may meet a value more than once: it counts once.
      return `select ${index} as "facet", "g"."parent", "g"."value"::text as "value", "g"."count",
          row_number() over (partition by "g"."parent" order by "g"."count" desc, "g"."value") as "place"
        from (select ${restriction.parent} as "parent", ${value} as "value", count(distinct "e"."id") as "count"
          from ${table} as "e" ${restriction.join} ${joins.join(' ')}
          ${where}
          group by 1, 2) as "g"`;
    });
    const bindings = dimensions.flatMap(() => [...restriction.joinBindings, ...restriction.whereBindings]);
    return this.rows.sql<GroupRow>(`${branches.join('\n      union all ')}\n      order by 1, 2, 5`, bindings);
  }

  private async aggregateRows(
    entity: EntityClass<WithId>,
    fields: AggregateField[],
    restriction: Restriction,
  ): Promise<AggregateRow[]> {
    const table = this.quote(this.metadataOf(entity).tableName);
    const columns = fields.flatMap((field, index) => {
      const { column } = this.columnAt(entity, field.path);
      return [
        `count(${column}) as "count${index}"`,
        `sum(${column}) as "sum${index}"`,
        `min(${column}) as "min${index}"`,
        `max(${column}) as "max${index}"`,
        `avg(${column}) as "average${index}"`,
      ];
    });
    const sql = `select ${restriction.parent} as "parent", ${['count(*) as "count"', ...columns].join(', ')}
      from ${table} as "e" ${restriction.join}
      ${restriction.where}
      group by 1`;
    return this.rows.sql<AggregateRow>(sql, [...restriction.joinBindings, ...restriction.whereBindings]);
  }

  /**
   * The joins from `e` along `path` and the column at its end. To-one relations join their target; inverse
   * one-to-ones and one-to-manys join their rows by the foreign key pointing back; a relation at the end is
   * grouped by its id; an embeddable's part (`attendance.participants`) is its flattened column.
   */
  private columnAt(entity: EntityClass<WithId>, path: string[]): { joins: string[]; column: string } {
    let meta = this.metadataOf(entity) as EntityMetadata;
    let alias = 'e';
    const joins: string[] = [];
    for (const [index, step] of path.entries()) {
      const prop = (meta.properties as Record<string, EntityProperty>)[step];
      if (!prop) throw new Error(`${meta.className} has no property ${step}.`);
      const last = index === path.length - 1;
      if (prop.kind === ReferenceKind.EMBEDDED) {
        const part = prop.embeddedProps[path[index + 1]];
        if (!part || index + 2 !== path.length) throw new Error(`Bad embedded path ${path.join('.')}.`);
        return { joins, column: `"${alias}".${this.quote(part.fieldNames[0])}` };
      }
      if (prop.kind === ReferenceKind.SCALAR) {
        if (!last) throw new Error(`${path.join('.')} goes past a column.`);
        return { joins, column: `"${alias}".${this.quote(prop.fieldNames[0])}` };
      }
      const owning = prop.kind === ReferenceKind.MANY_TO_ONE || (prop.kind === ReferenceKind.ONE_TO_ONE && prop.owner);
      if (owning && last) return { joins, column: `"${alias}".${this.quote(prop.fieldNames[0])}` };
      const target = this.em.getMetadata().get(prop.type);
      const next = `j${index}`;
      const on = owning
        ? `"${next}"."id" = "${alias}".${this.quote(prop.fieldNames[0])}`
        : `"${next}".${this.quote((target.properties as Record<string, EntityProperty>)[prop.mappedBy].fieldNames[0])} = "${alias}"."id"`;
      joins.push(`left join ${this.quote(target.tableName)} as "${next}" on ${on}`);
      if (last) return { joins, column: `"${next}"."id"` };
      meta = target;
      alias = next;
    }
    throw new Error(`Empty facet path for ${entity.name}.`);
  }

  private metadataOf(entity: EntityClass<WithId>): EntityMetadata {
    return this.em.getMetadata().get(entity.name);
  }

  private quote(identifier: string): string {
    return this.em.getPlatform().quoteIdentifier(identifier);
  }
}

interface Restriction {
  join: string;
  joinBindings: unknown[];
  where: string;
  whereBindings: unknown[];
  parent: string;
}

/** The family of a set: the sets of one family differ only in their parent, and are counted together. */
function familyOf(set: FacetSet): string {
  return set.kind === 'where'
    ? `where:${JSON.stringify(set.where)}`
    : set.kind === 'children'
      ? `children:${set.parentKey}:${JSON.stringify(set.where)}`
      : `listed:${set.family}`;
}

function keyOf(set: FacetSet): number {
  return set.kind === 'where' ? 0 : set.parentId;
}

/** The GraphQL types of one type's facets and aggregates, built from its declared groups and numeric fields. */
export interface FacetTypes {
  entity: EntityClass<WithId>;
  Facets: new (source: FacetSource) => object;
  Aggregates: new (source: FacetSource) => object;
}

/**
 * Builds `<Type>Facets` (one field per declared group, each a list of buckets) and `<Type>Aggregates` (`count`
 * and one `NumericAggregate` per numeric field) for a type, e.g. `facetsFor(Conference, 'Conference', …)`.
 * Every group is read when, and only when, it is asked for.
 */
export function facetsFor<T extends WithId>(
  entity: EntityClass<T>,
  typeName: string,
  about: { list: string; countExample: string },
  dimensions: FacetDimension[],
  numericFields: AggregateField[] = [],
): FacetTypes {
  const counted = entity as unknown as EntityClass<WithId>;

  @ObjectType(`${typeName}Facets`, {
    description: `How the ${typeName} items matching the filter (all pages) fall into groups, each read only when asked for, e.g. \`${about.list}(filter: …) { facets { ${dimensions[0].name} { count } } }\`.`,
  })
  class Facets {
    constructor(readonly source: FacetSource) {}
  }
  for (const dimension of dimensions) {
    const descriptor: PropertyDescriptor = {
      value: function (this: Facets) {
        return this.source.reader.buckets(counted, dimension, this.source.set);
      },
      configurable: true,
    };
    Object.defineProperty(Facets.prototype, dimension.name, descriptor);
    const bucketType =
      dimension.value.kind === 'int'
        ? IntFacet
        : dimension.value.kind === 'boolean'
          ? BooleanFacet
          : dimension.value.bucket;
    Field(() => [bucketType], {
      description: `${dimension.description} By count, largest first, then by value.`,
      complexity: ({ childComplexity }) => FACET_GROUP_COST * Math.max(childComplexity, 1),
    })(Facets.prototype, dimension.name, descriptor);
  }

  @ObjectType(`${typeName}Aggregates`, {
    description: `Figures over the ${typeName} items matching the filter (all pages): their count${numericFields.length ? ` and the sum, min, max and average of ${numericFields.map((field) => field.name).join(', ')}` : ''}; e.g. ${about.countExample}.`,
  })
  class Aggregates {
    constructor(readonly source: FacetSource) {}

    private read(): Promise<AggregateResult> {
      return this.source.reader.aggregates(counted, numericFields, this.source.set);
    }

    @Field(() => Int, { description: 'How many items match the filter.' })
    async count(): Promise<number> {
      return (await this.read()).count;
    }
  }
  for (const field of numericFields) {
    const descriptor: PropertyDescriptor = {
      value: async function (this: Aggregates) {
        return (await this.source.reader.aggregates(counted, numericFields, this.source.set)).fields[field.name];
      },
      configurable: true,
    };
    Object.defineProperty(Aggregates.prototype, field.name, descriptor);
    Field(() => NumericAggregate, { description: field.description })(Aggregates.prototype, field.name, descriptor);
  }

  return { entity: counted, Facets, Aggregates };
}
