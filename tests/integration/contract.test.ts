import { readFile } from 'node:fs/promises';
import path from 'node:path';
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
