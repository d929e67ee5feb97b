import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  buildSchema,
  getNamedType,
  getNullableType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { MAX_TEXT_ARGUMENT_LENGTH } from '../../server/common/text-input';
import { Role } from '../../server/modules/access/access.entity';
import { createApiKey } from '../../server/modules/access/access.service';
import { databaseState } from '../helpers/database-state';
import { postGraphQL } from '../helpers/graphql';
import { sampleValue } from '../helpers/schema-samples';
import { startTestServer, type TestServer } from '../helpers/server';

/**
 * Every text an argument can carry, found from the schema, however many inputs are added later: for every field of
 * Query and Mutation with an input-object argument, each String or ID field reachable in it (nested inputs and list
 * items included) is refused, as BAD_USER_INPUT naming it in `argumentPath`,
 *
 * 1. when it is longer than any text field takes (MAX_TEXT_ARGUMENT_LENGTH), and
 * 2. inside the shared StringFilter that every filter uses, when it is over the filter's 200 characters (5,000),
 *    wherever the filter sits: its rules hold at any depth, with nothing to declare per field.
 *
 * The other arguments get minimal well-typed values (required fields only). An admin key keeps access checks from
 * answering first; every call is refused, and nothing changes.
 */

type Path = Array<string | number>;
interface TextField {
  path: Path;
  /** The input type that holds it. */
  holder: string;
}

const schema: GraphQLSchema = buildSchema(readFileSync(path.join(__dirname, '../../schema.graphql'), 'utf8'));
let server: TestServer;
let adminKey: string;

beforeAll(async () => {
  server = await startTestServer();
  adminKey = (await createApiKey(server.orm.em.fork(), 'text argument admin', Role.ADMIN)).key;
});
afterAll(() => server.close());

/** Every String and ID reachable in a value of `type`, as paths from it (list items as index 0). */
function textFields(type: GraphQLInputType, at: Path, holder: string, within: Set<string> = new Set()): TextField[] {
  const inner = getNullableType(type);
  if (isListType(inner)) return textFields(inner.ofType, [...at, 0], holder, within);
  if (isInputObjectType(inner)) {
    // An input that holds itself (none does yet) is followed once.
    if (within.has(inner.name)) return [];
    const inside = new Set(within).add(inner.name);
    return Object.values(inner.getFields()).flatMap((field) =>
      textFields(field.type, [...at, field.name], inner.name, inside),
    );
  }
  return isScalarType(inner) && ['String', 'ID'].includes(inner.name) ? [{ path: at, holder }] : [];
}

/** A minimal value of `type` with `text` at `at`, the inputs on the way filled in with their required fields. */
function valueWith(type: GraphQLInputType, at: Path, text: string): unknown {
  if (at.length === 0) return text;
  const inner = getNullableType(type);
  if (isListType(inner)) return [valueWith(inner.ofType, at.slice(1), text)];
  if (!isInputObjectType(inner)) throw new Error(`${String(type)} has no field ${String(at[0])}`);
  const [name, ...rest] = at;
  return { ...(sampleValue(inner) as object), [name]: valueWith(inner.getFields()[name as string].type, rest, text) };
}

interface RootField {
  operation: 'query' | 'mutation';
  field: GraphQLField<unknown, unknown>;
}

function rootFieldsWithInputs(): RootField[] {
  const roots: RootField[] = [
    ...Object.values(schema.getQueryType()!.getFields()).map((field) => ({ operation: 'query' as const, field })),
    ...Object.values(schema.getMutationType()!.getFields()).map((field) => ({ operation: 'mutation' as const, field })),
  ];
  return roots.filter(({ field }) => field.args.some((arg) => isInputObjectType(getNamedType(arg.type))));
}

function textFieldsOf({ field }: RootField): TextField[] {
  return field.args
    .filter((arg) => isInputObjectType(getNamedType(arg.type)))
    .flatMap((arg) => textFields(arg.type, [arg.name], ''));
}

/** Calls the field with `text` at `at`, and the required arguments besides; answers the first error's code and path. */
async function refusal({ operation, field }: RootField, at: Path, text: string) {
  const [argumentName, ...rest] = at as [string, ...Path];
  const args = field.args.filter(
    (arg) => arg.name === argumentName || (isNonNullType(arg.type) && arg.defaultValue === undefined),
  );
  const variables = Object.fromEntries(
    args.map((arg) => [arg.name, arg.name === argumentName ? valueWith(arg.type, rest, text) : sampleValue(arg.type)]),
  );
  const definitions = args.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(', ');
  const call = args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  const selection = isScalarType(getNamedType(field.type)) ? '' : ' { __typename }';
  const document = `${operation} (${definitions}) { ${field.name}(${call})${selection} }`;
  const answer = await postGraphQL(server.endpoint, document, variables, { authorization: `Bearer ${adminKey}` });
  const [error] = answer.errors ?? [];
  return { at, code: error?.extensions?.code, argumentPath: error?.extensions?.argumentPath, message: error?.message };
}

const TOO_LONG_FOR_ANY_FIELD = 'x'.repeat(MAX_TEXT_ARGUMENT_LENGTH + 1);
const TOO_LONG_FOR_A_FILTER = 'x'.repeat(5_000);

describe('text arguments', () => {
  it('finds the inputs to try in the schema (the filters of API keys and the audit log among them)', () => {
    const fields = rootFieldsWithInputs();
    expect(fields.length).toBeGreaterThanOrEqual(35);
    const texts = (name: string) =>
      textFieldsOf(fields.find(({ field }) => field.name === name)!).map(({ path: at }) => at);
    expect(texts('apiKeys')).toContainEqual(['filter', 'name', 'contains']);
    expect(texts('auditLog')).toEqual(
      expect.arrayContaining([
        ['filter', 'entityType', 'contains'],
        ['filter', 'recordId'],
      ]),
    );
    expect(texts('createConference')).toContainEqual(['input', 'topics', 0, 'wording']);
  });

  describe.each(rootFieldsWithInputs().map((root) => [root.field.name, root] as const))('%s', (_name, root) => {
    it(`refuses every text over ${MAX_TEXT_ARGUMENT_LENGTH} characters, naming it`, async () => {
      const before = await databaseState(server.orm);
      const fields = textFieldsOf(root);
      const answers = [];
      for (const { path: at } of fields) answers.push(await refusal(root, at, TOO_LONG_FOR_ANY_FIELD));
      expect(answers).toEqual(
        fields.map(({ path: at }) => ({
          at,
          code: 'BAD_USER_INPUT',
          argumentPath: at,
          message: `Invalid argument ${at.join('.')}: text may be at most ${MAX_TEXT_ARGUMENT_LENGTH} characters long.`,
        })),
      );
      expect(await databaseState(server.orm)).toEqual(before);
    });

    const filterTexts = () => textFieldsOf(root).filter(({ holder }) => holder === 'StringFilter');
    it('refuses a StringFilter text over 200 characters, wherever the filter sits', async () => {
      const answers = [];
      for (const { path: at } of filterTexts()) answers.push(await refusal(root, at, TOO_LONG_FOR_A_FILTER));
      // A rule on each item of a list (`in`) names the list.
      const named = (at: Path) => (typeof at.at(-1) === 'number' ? at.slice(0, -1) : at);
      expect(answers).toEqual(
        filterTexts().map(({ path: at }) => ({
          at,
          code: 'BAD_USER_INPUT',
          argumentPath: named(at),
          message: expect.stringMatching(/must be shorter than or equal to 200 characters$/),
        })),
      );
    });
  });

  it('checks each request of one document by its own variables, and literals and defaults wherever written', async () => {
    const document = `query Named($name: String = "Vien") { cities(filter: { name: { contains: $name } }) { totalCount } }`;
    const codeOf = async (variables: Record<string, unknown>, text = document) => {
      const answer = await postGraphQL(server.endpoint, text, variables);
      const [error] = answer.errors ?? [];
      return error ? [error.extensions?.code, error.extensions?.argumentPath] : answer.data;
    };
    const nul = 'Vie\u0000nna';
    expect(await codeOf({ name: 'Vienna' })).toEqual({ cities: { totalCount: 1 } });
    // The same document again, now with a NUL in the variable: refused, naming where the variable is passed.
    expect(await codeOf({ name: nul })).toEqual(['BAD_USER_INPUT', ['filter', 'name', 'contains']]);
    expect(await codeOf({})).toEqual({ cities: { totalCount: 1 } });
    expect(await codeOf({ name: 'Vienna' })).toEqual({ cities: { totalCount: 1 } });
    // Written in the document: as a literal, and as a variable's default used when the variable is left out.
    const literal = `{ cities(filter: { name: { contains: "Vie\\u0000nna" } }) { totalCount } }`;
    expect(await codeOf({}, literal)).toEqual(['BAD_USER_INPUT', ['filter', 'name', 'contains']]);
    const withDefault = document.replace('"Vien"', '"Vie\\u0000nna"');
    expect(await codeOf({}, withDefault)).toEqual(['BAD_USER_INPUT', ['filter', 'name', 'contains']]);
    expect(await codeOf({ name: 'Vienna' }, withDefault)).toEqual({ cities: { totalCount: 1 } });
  });
});
