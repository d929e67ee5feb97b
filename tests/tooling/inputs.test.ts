import { MetadataStorage } from '@mikro-orm/core';
import { getMetadataStorage as validationMetadata } from 'class-validator';
import {
  getNamedType,
  isInputObjectType,
  type GraphQLInputField,
  type GraphQLInputObjectType,
  type GraphQLSchema,
} from 'graphql';
import { getMetadataStorage as graphqlMetadata } from 'type-graphql';
import { MAX_TEXT_ARGUMENT_LENGTH } from '../../server/common/text-input';
import { createSchema } from '../../server/schema';

/**
 * A text's length is said in three places a client meets: the column (varchar(n)), the input's validator and the
 * field's description ("(1-200 characters)"). They are written from one declaration (common/text-length.ts);
 * this reads all three back, from MikroORM's metadata, class-validator's metadata and the built schema, and fails
 * when any two disagree, or when a mutation takes a text with no limit at all.
 */

/** The record a mutation input writes, where its name does not say it (CreateCityInput writes a City). */
const WRITES: Record<string, string> = { WorkshopTopicInput: 'Topic', ParticipantInput: 'ProjectParticipation' };

function entityWritten(inputName: string): string {
  return WRITES[inputName] ?? inputName.replace(/^(Create|Update)/, '').replace(/Input$/, '');
}

/** The input object types that mutations take, however deep (a conference's topics, its attendance). */
function mutationInputTypes(schema: GraphQLSchema): GraphQLInputObjectType[] {
  const found = new Map<string, GraphQLInputObjectType>();
  const visit = (type: unknown) => {
    const named = getNamedType(type as never);
    if (!isInputObjectType(named) || found.has(named.name)) return;
    found.set(named.name, named);
    for (const field of Object.values(named.getFields())) visit(field.type);
  };
  for (const mutation of Object.values(schema.getMutationType()!.getFields()))
    for (const arg of mutation.args) visit(arg.type);
  return [...found.values()];
}

interface Limits {
  min: number;
  max: number;
}

/** The length rule class-validator checks on a property (Length, MaxLength, or a slug's), if any. */
function validatedLength(target: Function, property: string): Limits | undefined {
  const rules = validationMetadata()
    .getTargetValidationMetadatas(target, '', true, false)
    .filter((rule) => rule.propertyName === property);
  const length = rules.find((rule) => rule.name === 'isLength');
  if (length) return { min: length.constraints[0] as number, max: length.constraints[1] as number };
  const maxLength = rules.find((rule) => rule.name === 'maxLength');
  return maxLength ? { min: 0, max: maxLength.constraints[0] as number } : undefined;
}

/**
 * The length a pattern allows, for the fixed-length patterns codes have (/^[A-Z]{2}$/: 2); NaN for any other
 * pattern, which the checks below then refuse as unbounded.
 */
function patternLength(target: Function, property: string): number | undefined {
  const rule = validationMetadata()
    .getTargetValidationMetadatas(target, '', true, false)
    .find((candidate) => candidate.propertyName === property && candidate.name === 'matches');
  if (!rule) return undefined;
  const fixed = /^\^\[[^\]]+\]\{(\d+)\}\$$/.exec((rule.constraints[0] as RegExp).source);
  return fixed ? Number(fixed[1]) : Number.NaN;
}

/** What the description says of the length: "(1-200 characters)", "each 1-50 characters", "at most 2000 characters". */
function describedLength(description: string | null | undefined): Limits | undefined {
  const range = /(\d[\d_]*)-(\d[\d_]*) characters/.exec(description ?? '');
  if (range) return { min: Number(range[1]), max: Number(range[2]) };
  const atMost = /at most (\d[\d_]*) characters/.exec(description ?? '');
  return atMost ? { min: 0, max: Number(atMost[1]) } : undefined;
}

/** varchar(n) of the entity's (or embeddable's) property, from the metadata the migrations are generated from. */
function columnLength(entity: string, property: string): number | undefined {
  const meta = Object.values(MetadataStorage.getMetadata()).find((candidate) => candidate.className === entity);
  const column = meta?.properties[property as never] as { length?: number; type?: unknown } | undefined;
  return column?.length;
}

/** A String field, or a list of them (a conference's languages). */
const isText = (field: GraphQLInputField) => getNamedType(field.type).name === 'String';

interface TextField {
  at: string;
  entity: string;
  property: string;
  column?: number;
  validated?: Limits;
  described?: Limits;
  /** The length a fixed-length pattern allows (an ISO code's), for a text checked by pattern only. */
  pattern?: number;
}

describe('text lengths', () => {
  let fields: TextField[];
  let entitiesWithoutMetadata: string[];

  beforeAll(async () => {
    const schema = await createSchema();
    const classes = new Map(graphqlMetadata().inputTypes.map((input) => [input.name, input.target]));
    const inputs = mutationInputTypes(schema);
    const entityNames = new Set(Object.values(MetadataStorage.getMetadata()).map((meta) => meta.className));
    entitiesWithoutMetadata = inputs.map((input) => entityWritten(input.name)).filter((name) => !entityNames.has(name));
    fields = inputs.flatMap((input) =>
      Object.values(input.getFields())
        .filter(isText)
        .map((field) => {
          const target = classes.get(input.name)!;
          const entity = entityWritten(input.name);
          return {
            at: `${input.name}.${field.name}`,
            entity,
            property: field.name,
            column: columnLength(entity, field.name),
            validated: validatedLength(target, field.name),
            described: describedLength(field.description),
            pattern: patternLength(target, field.name),
          };
        }),
    );
  });

  it('knows which record each mutation input writes', () => {
    expect(entitiesWithoutMetadata).toEqual([]);
  });

  it("checks every text column an input writes at the column's length", () => {
    const columns = fields.filter((field) => field.column !== undefined);
    // Names, slugs, titles, wordings, labels… of 15 kinds: the check is not empty.
    expect(columns.length).toBeGreaterThanOrEqual(30);
    const byLength = columns.filter((field) => field.validated || field.pattern === undefined);
    expect(
      byLength
        .filter((field) => field.validated?.max !== field.column)
        .map((field) => `${field.at}: column ${field.column}, validator ${field.validated?.max}`),
    ).toEqual([]);
    // Codes are checked by their pattern (two capital letters), which must fit the column too.
    const byPattern = columns.filter((field) => field.pattern !== undefined && !field.validated);
    expect(byPattern.map((field) => field.at).sort()).toEqual([
      'CityAliasInput.language',
      'CreateCountryInput.alpha3',
      'CreateCountryInput.code',
    ]);
    expect(
      byPattern
        .filter((field) => !(field.pattern! <= field.column!))
        .map((field) => `${field.at}: column ${field.column}, pattern ${field.pattern}`),
    ).toEqual([]);
  });

  it('describes a length only as it is checked', () => {
    const described = fields.filter((field) => field.described !== undefined);
    expect(described.length).toBeGreaterThanOrEqual(20);
    const disagreeing = described.filter(
      (field) => field.described!.min !== field.validated?.min || field.described!.max !== field.validated?.max,
    );
    expect(
      disagreeing.map(
        (field) => `${field.at}: says ${JSON.stringify(field.described)}, checks ${JSON.stringify(field.validated)}`,
      ),
    ).toEqual([]);
  });

  it('bounds every text a mutation takes, by its length or by a pattern of fixed length', () => {
    expect(fields.filter((field) => !field.validated && !(field.pattern! >= 0)).map((field) => field.at)).toEqual([]);
  });

  it("keeps the request-wide text limit at the longest text a field takes (a conference's description)", () => {
    const longest = Math.max(...fields.map((field) => field.validated?.max ?? 0));
    expect(longest).toBe(MAX_TEXT_ARGUMENT_LENGTH);
    expect(fields.find((field) => field.at === 'CreateConferenceInput.description')?.validated).toEqual({
      min: 0,
      max: MAX_TEXT_ARGUMENT_LENGTH,
    });
  });

  it('holds known facts: an organisation name is 1-200 characters in all three places, a theme slug 100 in its column and its check', () => {
    expect(fields.find((field) => field.at === 'CreateOrganisationInput.name')).toMatchObject({
      column: 200,
      validated: { min: 1, max: 200 },
      described: { min: 1, max: 200 },
    });
    expect(fields.find((field) => field.at === 'UpdateThemeInput.slug')).toMatchObject({
      column: 100,
      validated: { min: 1, max: 100 },
    });
    expect(fields.find((field) => field.at === 'MembershipInput.note')).toMatchObject({
      column: undefined,
      validated: { min: 0, max: 2000 },
    });
  });
});

describe('update inputs', () => {
  it('take their id and version from the one base (common/update-input.ts), declaring neither themselves', async () => {
    const schema = await createSchema();
    const updates = mutationInputTypes(schema).filter((input) => input.name.startsWith('Update'));
    expect(updates.length).toBeGreaterThanOrEqual(12);
    const declaredByItself = (name: string, field: string) =>
      graphqlMetadata().fields.some(
        (metadata) => metadata.name === field && (metadata.target as Function).name === name,
      );
    expect(
      updates
        .filter((input) => declaredByItself(input.name, 'id') || declaredByItself(input.name, 'version'))
        .map((input) => input.name),
    ).toEqual([]);
    for (const input of updates) {
      const { id, version } = input.getFields();
      expect([input.name, String(id?.type), String(version?.type)]).toEqual([input.name, 'ID!', 'Int!']);
    }
  });
});
