import { postGraphQL } from '../helpers/graphql';
import { startTestServer, testConfig, type TestServer } from '../helpers/server';

/** Hostile or careless queries are refused before they run, with a 4xx that names the limit. */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

function nested(depth: number): string {
  // country -> cities -> nodes -> country -> cities -> …: a cycle the schema allows.
  let selection = 'name';
  for (let level = 0; level < depth; level += 1) {
    // Built from the inside out; the outermost wrapper, right under the city, is always `country`.
    selection =
      (depth - 1 - level) % 2 === 0 ? `country { ${selection} }` : `cities(first: 1) { nodes { ${selection} } }`;
  }
  return `{ city(slug: "vienna") { ${selection} } }`;
}

describe('query limits (defaults)', () => {
  it('refuses a query nested deeper than the limit', async () => {
    const result = await postGraphQL(server.endpoint, nested(12));
    expect(result.status).toBe(400);
    expect(result.errors![0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(result.errors![0].message).toMatch(new RegExp(`depth limit of ${testConfig.maxDepth}`));
  });

  it('answers a query just inside the depth limit', async () => {
    const result = await postGraphQL(server.endpoint, nested(8));
    expect(result.errors).toBeUndefined();
    expect(result.status).toBe(200);
  });

  it('refuses an alias flood', async () => {
    const aliases = Array.from({ length: 31 }, (_, index) => `a${index}: association { name }`).join(' ');
    const result = await postGraphQL(server.endpoint, `{ ${aliases} }`);
    expect(result.status).toBe(400);
    expect(result.errors![0].message).toMatch(/Aliases limit of 30/);
  });

  it('refuses a directive flood', async () => {
    const result = await postGraphQL(server.endpoint, `{ association { name ${'@include(if: true) '.repeat(60)} } }`);
    expect(result.status).toBe(400);
    expect(result.errors![0].message).toMatch(/Directives limit of 50/);
  });

  it('refuses a document with too many tokens', async () => {
    const result = await postGraphQL(server.endpoint, `{ association { ${'name '.repeat(12_000)} } }`);
    expect(result.status).toBe(400);
    expect(result.errors![0].extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(result.errors![0].message).toMatch(/Document contains more that 10000 tokens/);
  });

  const EXPENSIVE = `countries(first: $n) { nodes { members(first: $n) { nodes { conferencesHosted(first: $n) { nodes { topics(first: $n) { nodes { wording } } } } } } } }`;

  it('refuses a query whose page sizes multiply past the cost limit, written literally', async () => {
    const result = await postGraphQL(server.endpoint, `{ ${EXPENSIVE.replace(/\$n/g, '100')} }`);
    expect(result.status).toBe(400);
    expect(result.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      limit: 'cost',
      maxCost: testConfig.maxCost,
    });
    expect(result.errors![0].message).toMatch(/over the limit of 250000/);
  });

  it('counts page sizes passed as variables too', async () => {
    const result = await postGraphQL(server.endpoint, `query ($n: Int) { ${EXPENSIVE} }`, { n: 100 });
    expect(result.status).toBe(400);
    expect(result.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', limit: 'cost' });
    const cheap = await postGraphQL(server.endpoint, `query ($n: Int) { ${EXPENSIVE} }`, { n: 5 });
    expect(cheap.status).toBe(200);
  });

  it('keeps serving after refusing', async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
  });
});
