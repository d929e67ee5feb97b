import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { isInputObjectType, isNonNullType, type GraphQLField } from 'graphql';
import { createSchema, printPublicSchema } from '../../server/schema';

describe('schema.graphql', () => {
  it('is exactly what the code emits (run `npm run schema:emit` after changing the API)', async () => {
    const committed = await readFile(path.join(__dirname, '../../schema.graphql'), 'utf8');
    expect(printPublicSchema(await createSchema())).toBe(committed);
  });

  it('describes every type, field and argument', async () => {
    const schema = await createSchema();
    const undocumented: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__')) continue;
      if (!type.description && !['Boolean', 'String', 'Int', 'Float', 'ID', 'Query', 'Mutation'].includes(type.name)) {
        undocumented.push(type.name);
      }
      if (!('getFields' in type)) continue;
      for (const field of Object.values(type.getFields())) {
        if (!field.description) undocumented.push(`${type.name}.${field.name}`);
        for (const argument of 'args' in field ? field.args : []) {
          if (!argument.description) undocumented.push(`${type.name}.${field.name}(${argument.name})`);
        }
      }
    }
    expect(undocumented).toEqual([]);
  });
});

describe('mutation arguments', () => {
  /** Mutations that are none of create, update and delete, each with its arguments and why. */
  const otherMutations: Record<string, string[]> = {
    // Revoking is final and idempotent, so it needs no version to guard against a concurrent change.
    revokeApiKey: ['id: ID!'],
  };

  it("take one style: create* and update* one `input`, an update's with id and version; delete* id and version", async () => {
    const mutation = (await createSchema()).getMutationType()!;
    const styleOf = (field: GraphQLField<unknown, unknown>) => {
      const args = field.args.map((arg) => `${arg.name}: ${String(arg.type)}`).sort();
      if (/^(create|update)[A-Z]/.test(field.name)) {
        const [input] = field.args;
        const inputType = input && isNonNullType(input.type) ? input.type.ofType : undefined;
        if (field.args.length !== 1 || input.name !== 'input' || !isInputObjectType(inputType)) return args;
        if (!field.name.startsWith('update')) return ['input'];
        const fields = inputType.getFields();
        return ['input', `id: ${String(fields.id?.type)}`, `version: ${String(fields.version?.type)}`];
      }
      return args;
    };
    const expected = (name: string) => {
      if (name.startsWith('create')) return ['input'];
      if (name.startsWith('update')) return ['input', 'id: ID!', 'version: Int!'];
      if (name.startsWith('delete')) return ['id: ID!', 'version: Int!'];
      return otherMutations[name] ?? ['(a create*, update* or delete*, or a row in otherMutations saying why not)'];
    };
    const fields = Object.values(mutation.getFields());
    expect(fields.filter((field) => /^(create|update|delete)[A-Z]/.test(field.name)).length).toBeGreaterThanOrEqual(35);
    expect(Object.fromEntries(fields.map((field) => [field.name, styleOf(field)]))).toEqual(
      Object.fromEntries(fields.map((field) => [field.name, expected(field.name)])),
    );
  });
});
