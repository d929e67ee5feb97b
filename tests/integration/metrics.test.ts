import { createApp } from '../../server/app';
import { createLogger } from '../../server/common/logger';
import { MAX_OPERATION_LABELS } from '../../server/common/metrics';
import { testDatabaseTarget } from '../helpers/database';
import { postGraphQL } from '../helpers/graphql';
import { startTestServer, testConfig, type TestServer } from '../helpers/server';

/**
 * `GET /metrics`: what operators scrape (Prometheus text format), counted from the same record the request log
 * writes: requests by operation and status, latency by operation, errors by operation and code, rate-limit
 * refusals, the database pool, the response cache once one registers, and the process.
 */
const CONFERENCE = 'query Conference($year: Int!) { conference(year: $year) { hostCity { name } } }';
const CITY_WITHOUT_NAME = 'query CityWithoutName { city { name } }';
const UNKNOWN_HASH = 'ecf4edb46db40b5132295c0291d62fb65d6759a9eedfa4d5d612dd5ec54a6b38';
const TOKEN = 'scrape-token-0123456789';

/** One sample's value, e.g. `sample(text, 'mce_graphql_requests_total', { operation: 'Conference', status: '200' })`. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = match[2] ? match[2].split(/,(?=[a-z_]+=")/) : [];
    if (wanted.length === present.length && wanted.every((label) => present.includes(label))) return Number(match[3]);
  }
  return undefined;
}

async function scrape(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; contentType: string | null; text: string }> {
  const response = await fetch(`${url}/metrics`, { headers });
  return { status: response.status, contentType: response.headers.get('content-type'), text: await response.text() };
}

describe('with metrics on (the default)', () => {
  let server: TestServer;
  let text: string;
  let contentType: string | null;

  beforeAll(async () => {
    server = await startTestServer();
    const good = await postGraphQL(server.endpoint, CONFERENCE, { year: 2014 });
    expect(good.data).toEqual({ conference: { hostCity: { name: 'Zurich' } } });
    const badInput = await postGraphQL(server.endpoint, CITY_WITHOUT_NAME);
    expect(badInput.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const miss = await fetch(server.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: UNKNOWN_HASH } } }),
    });
    expect(((await miss.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0].extensions.code).toBe(
      'PERSISTED_QUERY_NOT_FOUND',
    );
    ({ text, contentType } = await scrape(server.url));
  });
  afterAll(() => server.close());

  it('answers in the Prometheus text format', () => {
    expect(contentType).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(text).toContain('# TYPE mce_graphql_requests_total counter');
    expect(text).toContain('# TYPE mce_graphql_request_duration_seconds histogram');
  });

  it('counts requests by operation and HTTP status', () => {
    expect(sample(text, 'mce_graphql_requests_total', { operation: 'Conference', status: '200' })).toBe(1);
    expect(sample(text, 'mce_graphql_requests_total', { operation: 'CityWithoutName', status: '200' })).toBe(1);
    // A hash the server has never seen: no operation name yet.
    expect(sample(text, 'mce_graphql_requests_total', { operation: '(anonymous)', status: '200' })).toBe(1);
  });

  it('counts errors by operation and code', () => {
    expect(sample(text, 'mce_graphql_errors_total', { operation: 'CityWithoutName', code: 'BAD_USER_INPUT' })).toBe(1);
    expect(
      sample(text, 'mce_graphql_errors_total', { operation: '(anonymous)', code: 'PERSISTED_QUERY_NOT_FOUND' }),
    ).toBe(1);
    expect(
      sample(text, 'mce_graphql_errors_total', { operation: 'Conference', code: 'BAD_USER_INPUT' }),
    ).toBeUndefined();
    expect(sample(text, 'mce_rate_limit_refusals_total')).toBe(0);
  });

  it('keeps a latency histogram per operation, in seconds', () => {
    expect(sample(text, 'mce_graphql_request_duration_seconds_count', { operation: 'Conference' })).toBe(1);
    expect(sample(text, 'mce_graphql_request_duration_seconds_bucket', { operation: 'Conference', le: '+Inf' })).toBe(
      1,
    );
    expect(sample(text, 'mce_graphql_request_duration_seconds_bucket', { operation: 'Conference', le: '10' })).toBe(1);
    const seconds = sample(text, 'mce_graphql_request_duration_seconds_sum', { operation: 'Conference' })!;
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThan(10);
  });

  it('shows the database pool: one connection for the embedded engine, idle between requests', () => {
    const pool = server.orm.em.getConnection().getKnex().client.pool as { max: number };
    expect(sample(text, 'mce_db_pool_max_connections', { pool: 'primary' })).toBe(
      testDatabaseTarget().embedded ? 1 : pool.max,
    );
    expect(sample(text, 'mce_db_pool_connections', { pool: 'primary', state: 'used' })).toBe(0);
    expect(sample(text, 'mce_db_pool_connections', { pool: 'primary', state: 'free' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'mce_db_pool_pending', { pool: 'primary', state: 'acquire' })).toBe(0);
    expect(sample(text, 'mce_db_pool_pending', { pool: 'primary', state: 'create' })).toBe(0);
  });

  it("includes the process's metrics, and no response-cache metric while no cache registered one", () => {
    expect(sample(text, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(sample(text, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
    expect(text).not.toContain('mce_response_cache');
  });

  it('gives the first operation names a label each, and counts the rest as (other)', async () => {
    const names = Array.from({ length: MAX_OPERATION_LABELS + 5 }, (_, index) => `Probe${index}`);
    for (const name of names)
      expect((await postGraphQL(server.endpoint, `query ${name} { __typename }`)).status).toBe(200);
    const after = (await scrape(server.url)).text;
    const labelled = new Set(
      [...after.matchAll(/^mce_graphql_requests_total\{operation="([^"]+)"/gm)].map((match) => match[1]),
    );
    expect(labelled.size).toBe(MAX_OPERATION_LABELS + 1);
    expect(labelled).toContain('(other)');
    // Conference, CityWithoutName and (anonymous) came first: 97 probes got their own label, 8 did not.
    expect(sample(after, 'mce_graphql_requests_total', { operation: 'Probe96', status: '200' })).toBe(1);
    expect(sample(after, 'mce_graphql_requests_total', { operation: 'Probe97', status: '200' })).toBeUndefined();
    expect(sample(after, 'mce_graphql_requests_total', { operation: '(other)', status: '200' })).toBe(8);
  });
});

describe('rate-limit refusals', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({}, { rateLimitPoints: 3 });
  });
  afterAll(() => server.close());

  it('are counted, with their 429s, whether GraphQL ran or not', async () => {
    // A budget of 3 points: the first request spends 1 on arrival and then its cost, 3, which is more than is left
    // (refused by GraphQL, which knows the operation); the next three find the budget spent at the door.
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await postGraphQL(server.endpoint, CONFERENCE, { year: 2014 }));
    expect(answers.map((answer) => [answer.status, answer.errors?.[0].extensions?.code])).toEqual(
      Array(4).fill([429, 'RATE_LIMITED']),
    );
    const { text } = await scrape(server.url);
    expect(sample(text, 'mce_rate_limit_refusals_total')).toBe(4);
    expect(sample(text, 'mce_graphql_requests_total', { operation: 'Conference', status: '429' })).toBe(1);
    expect(sample(text, 'mce_graphql_requests_total', { operation: '(anonymous)', status: '429' })).toBe(3);
    expect(sample(text, 'mce_graphql_errors_total', { operation: '(anonymous)', code: 'RATE_LIMITED' })).toBe(3);
  });
});

describe('METRICS_TOKEN', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({}, { metricsToken: TOKEN });
  });
  afterAll(() => server.close());

  it('refuses a scrape without the token, or with another, with 401', async () => {
    const wrong: Array<Record<string, string>> = [{}, { authorization: `Bearer ${TOKEN}x` }, { authorization: TOKEN }];
    for (const headers of wrong) {
      const refused = await scrape(server.url, headers);
      expect(refused.status).toBe(401);
      expect(JSON.parse(refused.text)).toEqual({
        errors: [
          {
            message: 'The metrics need the scrape token: send it as `Authorization: Bearer <METRICS_TOKEN>`.',
            extensions: { code: 'UNAUTHENTICATED' },
          },
        ],
      });
      expect(refused.text).not.toContain('mce_graphql');
    }
  });

  it('serves the metrics with it', async () => {
    const scraped = await scrape(server.url, { authorization: `Bearer ${TOKEN}` });
    expect(scraped.status).toBe(200);
    expect(scraped.text).toContain('# TYPE mce_graphql_requests_total counter');
  });
});

it('serves no /metrics with METRICS=false', async () => {
  const server = await startTestServer({}, { metrics: false });
  try {
    await postGraphQL(server.endpoint, CONFERENCE, { year: 2014 });
    const scraped = await scrape(server.url);
    expect(scraped.status).toBe(404);
    expect(scraped.text).not.toContain('mce_graphql');
  } finally {
    await server.close();
  }
});

it("shows a response cache's hits and misses once it registers them", async () => {
  const server = await startTestServer();
  const app = await createApp({
    orm: server.orm,
    config: { ...testConfig, environment: 'test' },
    logger: createLogger(testConfig),
  });
  const cache = { hits: 7, misses: 3 };
  app.metrics!.registerResponseCache(cache);
  const running = await app.listen(0, '127.0.0.1');
  try {
    const first = (await scrape(running.url)).text;
    expect(sample(first, 'mce_response_cache_lookups_total', { result: 'hit' })).toBe(7);
    expect(sample(first, 'mce_response_cache_lookups_total', { result: 'miss' })).toBe(3);
    // Read at each scrape: the cache keeps its own counts.
    cache.hits = 8;
    expect(sample((await scrape(running.url)).text, 'mce_response_cache_lookups_total', { result: 'hit' })).toBe(8);
  } finally {
    await running.close();
    await server.close();
  }
});
