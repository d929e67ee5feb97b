import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { buildSchema, getNullableType, isScalarType, type GraphQLSchema } from 'graphql';
import { Role } from '../../server/modules/access/access.entity';
import { createApiKey } from '../../server/modules/access/access.service';
import { databaseState } from '../helpers/database-state';
import { postGraphQL } from '../helpers/graphql';
import { sampleValue } from '../helpers/schema-samples';
import { startTestServer, type TestServer } from '../helpers/server';

/**
 * Every mutation the schema has, however many are added later: without a key it is UNAUTHENTICATED, with an
 * editor key the admin-only ones are FORBIDDEN, and either way nothing changes. The arguments are made up from
 * the schema (well-typed, not necessarily valid): access is checked before the input.
 */
let server: TestServer;
let schema: GraphQLSchema;
let editorKey: string;

beforeAll(async () => {
  server = await startTestServer();
  schema = buildSchema(await readFile(path.join(__dirname, '../../schema.graphql'), 'utf8'));
  editorKey = (await createApiKey(server.orm.em.fork(), 'access test editor', Role.EDITOR)).key;
});
afterAll(() => server.close());

function mutationCalls() {
  const mutation = schema.getMutationType()!;
  return Object.values(mutation.getFields()).map((field) => {
    const definitions = field.args.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(', ');
    const call = field.args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
    const type = getNullableType(field.type);
    const selection = isScalarType(type) ? '' : ' { __typename }';
    return {
      name: field.name,
      adminOnly: /admins only/.test(field.description ?? ''),
      document: `mutation${definitions ? `(${definitions})` : ''} { ${field.name}${call ? `(${call})` : ''}${selection} }`,
      variables: Object.fromEntries(field.args.map((arg) => [arg.name, sampleValue(arg.type)])),
    };
  });
}

describe('every mutation', () => {
  it('needs an API key, and leaves the data alone without one', async () => {
    const calls = mutationCalls();
    expect(calls.length).toBeGreaterThanOrEqual(30);
    const before = await databaseState(server.orm);
    for (const call of calls) {
      const result = await postGraphQL(server.endpoint, call.document, call.variables);
      expect({ mutation: call.name, code: result.errors?.[0]?.extensions?.code }).toEqual({
        mutation: call.name,
        code: 'UNAUTHENTICATED',
      });
    }
    expect(await databaseState(server.orm)).toEqual(before);
  });

  it('refuses admin-only ones to an editor key', async () => {
    const adminOnly = mutationCalls().filter((call) => call.adminOnly);
    expect(adminOnly.map((call) => call.name).sort()).toEqual(['createApiKey', 'revokeApiKey']);
    const before = await databaseState(server.orm);
    for (const call of adminOnly) {
      const result = await postGraphQL(server.endpoint, call.document, call.variables, {
        authorization: `Bearer ${editorKey}`,
      });
      expect({ mutation: call.name, code: result.errors?.[0]?.extensions?.code }).toEqual({
        mutation: call.name,
        code: 'FORBIDDEN',
      });
    }
    expect(await databaseState(server.orm)).toEqual(before);
  });

  // A GET needs no special header (urql sends queries that way), so it is the method, not CSRF prevention, that
  // keeps a link or an <img> from running a mutation.
  const GET_REFUSAL = {
    errors: [
      {
        message: 'GET requests only support query operations, not mutation operations',
        extensions: { code: 'BAD_REQUEST' },
      },
    ],
  };

  it('cannot be sent as a GET request, even with an editor key: 405 and a clear error, nothing changed', async () => {
    const [call] = mutationCalls();
    const before = await databaseState(server.orm);
    const url = `${server.endpoint}?query=${encodeURIComponent(call.document)}&variables=${encodeURIComponent(JSON.stringify(call.variables))}`;
    const response = await fetch(url, { headers: { authorization: `Bearer ${editorKey}` } });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    expect(await response.json()).toEqual(GET_REFUSAL);
    expect(await databaseState(server.orm)).toEqual(before);
  });

  it('cannot be sent as a GET naming a persisted query hash either', async () => {
    const query =
      'mutation { createTheme(input: { name: "Sent by GET", slug: "sent-by-get", description: "Must not exist." }) { id } }';
    const extensions = { persistedQuery: { version: 1, sha256Hash: createHash('sha256').update(query).digest('hex') } };
    // Without a key the POST runs nothing, but it registers the hash, so that a GET could name the mutation by it.
    const registered = await fetch(server.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, extensions }),
    });
    expect(
      ((await registered.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0].extensions.code,
    ).toBe('UNAUTHENTICATED');

    const before = await databaseState(server.orm);
    const response = await fetch(`${server.endpoint}?extensions=${encodeURIComponent(JSON.stringify(extensions))}`, {
      headers: { authorization: `Bearer ${editorKey}` },
    });
    expect(response.status).toBe(405);
    expect(await response.json()).toEqual(GET_REFUSAL);
    expect(await databaseState(server.orm)).toEqual(before);
  });
});
