import { postGraphQL } from '../helpers/graphql';
import { startTestServer, type TestServer } from '../helpers/server';

/** What the schema shows of itself: introspection can be turned off, and production hides field suggestions. */
const TYPO = '{ conferenc(year: 2014) { year } }';

describe('INTROSPECTION=false, NODE_ENV=production', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({}, { introspection: false, environment: 'production' });
  });
  afterAll(() => server.close());

  it('refuses introspection but answers queries', async () => {
    const introspection = await postGraphQL(server.endpoint, '{ __schema { queryType { name } } }');
    expect(introspection.status).toBe(400);
    expect(introspection.errors?.[0]).toMatchObject({
      message: expect.stringContaining('introspection is not allowed'),
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    expect((await postGraphQL(server.endpoint, '{ conference(year: 2011) { hostCity { name } } }')).data).toEqual({
      conference: { hostCity: { name: 'Prato' } },
    });
  });

  it('names an unknown field without suggesting the real one', async () => {
    const typo = await postGraphQL(server.endpoint, TYPO);
    expect(typo.errors?.[0].message).toBe('Cannot query field "conferenc" on type "Query".');
  });
});

describe('the defaults (development)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({}, { environment: 'development' });
  });
  afterAll(() => server.close());

  it('allows introspection and suggests the field meant', async () => {
    expect((await postGraphQL(server.endpoint, '{ __schema { queryType { name } } }')).data).toEqual({
      __schema: { queryType: { name: 'Query' } },
    });
    expect((await postGraphQL(server.endpoint, TYPO)).errors?.[0].message).toMatch(/Did you mean "conference"/);
  });
});
