import { ArrayMaxSize, IsOptional, MaxLength } from './class-validator';
import { Field, InputType, Int } from 'type-graphql';

/**
 * The one set of filter operators every filter input uses, and their translation to MikroORM conditions.
 * A field's filter matches when all of its given operators match.
 */

const MAX_LIST = 100;
const MAX_TEXT = 200;

@InputType({ description: 'Conditions on a text field; all given conditions must hold.' })
export class StringFilter {
  @Field(() => String, { nullable: true, description: 'Exactly equal (case-sensitive).' })
  @IsOptional()
  @MaxLength(MAX_TEXT)
  eq?: string | null;

  @Field(() => String, { nullable: true, description: 'Not equal (case-sensitive).' })
  @IsOptional()
  @MaxLength(MAX_TEXT)
  ne?: string | null;

  @Field(() => [String], { nullable: true, description: `Equal to one of these (at most ${MAX_LIST}).` })
  @IsOptional()
  @ArrayMaxSize(MAX_LIST)
  @MaxLength(MAX_TEXT, { each: true })
  in?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Contains this text, ignoring case.' })
  @IsOptional()
  @MaxLength(MAX_TEXT)
  contains?: string | null;

  @Field(() => String, { nullable: true, description: 'Starts with this text, ignoring case.' })
  @IsOptional()
  @MaxLength(MAX_TEXT)
  startsWith?: string | null;
}

@InputType({ description: 'Conditions on a whole-number field; all given conditions must hold.' })
export class IntFilter {
  @Field(() => Int, { nullable: true, description: 'Equal.' })
  eq?: number | null;

  @Field(() => Int, { nullable: true, description: 'Not equal.' })
  ne?: number | null;

  @Field(() => [Int], { nullable: true, description: `Equal to one of these (at most ${MAX_LIST}).` })
  @IsOptional()
  @ArrayMaxSize(MAX_LIST)
  in?: number[] | null;

  @Field(() => Int, { nullable: true, description: 'Greater than.' })
  gt?: number | null;

  @Field(() => Int, { nullable: true, description: 'Greater than or equal.' })
  gte?: number | null;

  @Field(() => Int, { nullable: true, description: 'Less than.' })
  lt?: number | null;

  @Field(() => Int, { nullable: true, description: 'Less than or equal.' })
  lte?: number | null;
}

/** Conditions an enum filter may carry; `enumFilterFor` builds one input type per enum. */
export interface EnumFilterShape<E> {
  eq?: E | null;
  ne?: E | null;
  in?: E[] | null;
}

export function enumFilterFor<E extends string>(enumObject: Record<string, E>, enumName: string) {
  @InputType(`${enumName}Filter`, { description: `Conditions on a ${enumName} field; all given conditions must hold.` })
  class EnumFilter implements EnumFilterShape<E> {
    @Field(() => enumObject, { nullable: true, description: 'Equal.' })
    eq?: E | null;

    @Field(() => enumObject, { nullable: true, description: 'Not equal.' })
    ne?: E | null;

    @Field(() => [enumObject], { nullable: true, description: 'One of these.' })
    @IsOptional()
    @ArrayMaxSize(MAX_LIST)
    in?: E[] | null;
  }
  return EnumFilter;
}

/** One MikroORM condition; a list of them is combined with `$and`. */
export type Condition = Record<string, unknown>;

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/** MikroORM operator conditions for one field; combine them with `$and`. */
export function stringConditions(filter: StringFilter | null | undefined): Condition[] {
  if (!filter) return [];
  const conditions: Condition[] = [];
  if (filter.eq != null) conditions.push({ $eq: filter.eq });
  if (filter.ne != null) conditions.push({ $ne: filter.ne });
  if (filter.in != null) conditions.push({ $in: filter.in });
  if (filter.contains != null) conditions.push({ $ilike: `%${escapeLike(filter.contains)}%` });
  if (filter.startsWith != null) conditions.push({ $ilike: `${escapeLike(filter.startsWith)}%` });
  return conditions;
}

export function intConditions(filter: IntFilter | null | undefined): Condition[] {
  if (!filter) return [];
  const operators = ['eq', 'ne', 'in', 'gt', 'gte', 'lt', 'lte'] as const;
  return operators
    .filter((operator) => filter[operator] != null)
    .map((operator) => ({ [`$${operator}`]: filter[operator] }));
}

export function enumConditions<E>(filter: EnumFilterShape<E> | null | undefined): Condition[] {
  if (!filter) return [];
  const conditions: Condition[] = [];
  if (filter.eq != null) conditions.push({ $eq: filter.eq });
  if (filter.ne != null) conditions.push({ $ne: filter.ne });
  if (filter.in != null) conditions.push({ $in: filter.in });
  return conditions;
}

/**
 * Builds a MikroORM `where` from `[path, conditions]` pairs, e.g. `[['country.code', [...]], ['year', [...]]]`.
 * Dotted paths become nested relation conditions, which MikroORM turns into joins.
 */
export function whereFrom(entries: Array<[string, Condition[]]>, extra: Condition[] = []): Condition {
  const clauses: Condition[] = [...extra];
  for (const [path, conditions] of entries) {
    for (const condition of conditions) {
      clauses.push(path.split('.').reduceRight<unknown>((inner, key) => ({ [key]: inner }), condition) as Condition);
    }
  }
  return clauses.length === 0 ? {} : { $and: clauses };
}
