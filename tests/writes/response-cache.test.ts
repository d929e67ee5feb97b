import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { createApp } from '../../server/app';
import { createLogger, type LogDestination } from '../../server/common/logger';
import type { AppConfig } from '../../server/config';
import { Role } from '../../server/modules/access/access.entity';
import { createApiKey } from '../../server/modules/access/access.service';
import { captureLogs } from '../helpers/logs';
import { startTestServer, testConfig, type TestServer } from '../helpers/server';

/**
 * The response cache over real HTTP: a repeated anonymous query is answered from it with the same bytes; a write
 * makes the very next read, through any instance sharing the Redis, run again; answers to a key holder and
 * answers with errors are never shared; without a reachable store the cache stands aside and answers stay right.
 */
const SLUG = `cache-test-${randomUUID().slice(0, 8)}`;
const THEME_QUERY = 'query Theme($slug: String!) { theme(slug: $slug) { id name version } }';

interface Answer {
  status: number;
  cache: string | null;
  body: string;
  headers: Headers;
}

async function post(endpoint: string, body: object, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    cache: response.headers.get('x-cache'),
    body: await response.text(),
    headers: response.headers,
  };
}

const readTheme = (endpoint: string, headers: Record<string, string> = {}) =>
  post(endpoint, { query: THEME_QUERY, variables: { slug: SLUG }, operationName: 'Theme' }, headers);

function themeOf(answer: Answer): { id: string; name: string; version: number } {
  return (JSON.parse(answer.body) as { data: { theme: { id: string; name: string; version: number } } }).data.theme;
}

async function rename(
  endpoint: string,
  editorKey: string,
  theme: { id: string; version: number },
  name: string,
): Promise<void> {
  const answer = await post(
    endpoint,
    {
      query: 'mutation Rename($input: UpdateThemeInput!) { updateTheme(input: $input) { name } }',
      variables: { input: { id: theme.id, version: theme.version, name } },
    },
    { authorization: `Bearer ${editorKey}` },
  );
  expect(JSON.parse(answer.body)).toEqual({ data: { updateTheme: { name } } });
  expect(answer.cache).toBe('BYPASS');
}

const cached: Partial<AppConfig> = { responseCache: true };
let editorKey: string;
let themeId: string;

/** One server of the run that creates the test's own theme (so seeded data stays as it is) and removes it after. */
let owner: TestServer;

interface Instance {
  endpoint: string;
  close(): Promise<void>;
}

/** Another instance of the app on the owner's database (the embedded engine takes one connection: its ORM). */
async function startInstance(overrides: Partial<AppConfig>, logDestination?: LogDestination): Promise<Instance> {
  const config: AppConfig = { ...testConfig, environment: 'test', ...cached, ...overrides };
  const app = await createApp({ orm: owner.orm, config, logger: createLogger(config, logDestination) });
  const running = await app.listen(0, '127.0.0.1');
  return { endpoint: `${running.url}/graphql`, close: running.close };
}

beforeAll(async () => {
  owner = await startTestServer();
  editorKey = (await createApiKey(owner.orm.em.fork(), 'cache test editor', Role.EDITOR)).key;
  const created = await post(
    owner.endpoint,
    {
      query: 'mutation Create($input: CreateThemeInput!) { createTheme(input: $input) { id } }',
      variables: {
        input: { name: `Cache test ${SLUG}`, slug: SLUG, description: 'A theme the response-cache test renames.' },
      },
    },
    { authorization: `Bearer ${editorKey}` },
  );
  themeId = (JSON.parse(created.body) as { data: { createTheme: { id: string } } }).data.createTheme.id;
});

afterAll(async () => {
  const { theme } = JSON.parse((await readTheme(owner.endpoint)).body).data as { theme: { version: number } };
  await post(
    owner.endpoint,
    {
      query: 'mutation Delete($id: ID!, $version: Int!) { deleteTheme(id: $id, version: $version) }',
      variables: { id: themeId, version: theme.version },
    },
    { authorization: `Bearer ${editorKey}` },
  );
  await owner.close();
});

describe('in memory', () => {
  let server: Instance;
  const logs = captureLogs();
  beforeAll(async () => {
    server = await startInstance({ rateLimitPoints: 1000, logLevel: 'info', logFormat: 'json' }, logs.destination);
  });
  afterAll(() => server?.close());

  it('answers a repeated query from the cache with the same bytes and representation headers', async () => {
    const miss = await readTheme(server.endpoint);
    const hit = await readTheme(server.endpoint);
    expect([miss.status, miss.cache, hit.status, hit.cache]).toEqual([200, 'MISS', 200, 'HIT']);
    expect(themeOf(hit).name).toBe(`Cache test ${SLUG}`);
    expect(hit.body).toBe(miss.body);
    for (const name of ['content-type', 'content-length', 'etag'])
      expect(hit.headers.get(name)).toBe(miss.headers.get(name));
    expect(hit.headers.get('content-type')).toBe('application/json; charset=utf-8');
  });

  it('counts its hits and misses on /metrics', async () => {
    const lookups = async () => {
      const text = await (await fetch(server.endpoint.replace(/\/graphql$/, '/metrics'))).text();
      const count = (result: string) =>
        Number(new RegExp(`^mce_response_cache_lookups_total\\{result="${result}"\\} (\\d+)$`, 'm').exec(text)?.[1]);
      return { hit: count('hit'), miss: count('miss') };
    };
    const before = await lookups();
    expect(Number.isInteger(before.hit) && Number.isInteger(before.miss)).toBe(true);
    await readTheme(server.endpoint);
    await readTheme(server.endpoint);
    const after = await lookups();
    // The theme is already cached by the test before: two more hits, no new miss.
    expect([after.hit - before.hit, after.miss - before.miss]).toEqual([2, 0]);
  });

  it('charges a hit the query cost and logs it like any request', async () => {
    await readTheme(server.endpoint);
    const before = logs.lines().length;
    const first = await readTheme(server.endpoint);
    const second = await readTheme(server.endpoint);
    expect([first.cache, second.cache]).toEqual(['HIT', 'HIT']);
    // One point on arrival and the query's cost (1 for theme, 1 for each of its three scalars... as the miss paid).
    const spent = Number(first.headers.get('ratelimit-remaining')) - Number(second.headers.get('ratelimit-remaining'));
    const [line] = logs
      .lines()
      .slice(before)
      .map((text) => JSON.parse(text) as Record<string, unknown>);
    expect(line).toEqual(
      expect.objectContaining({
        message: 'graphql request',
        operation: 'Theme',
        status: 200,
        errors: [],
        cache: 'hit',
      }),
    );
    expect(typeof line.cost).toBe('number');
    expect(spent).toBe(1 + (line.cost as number));
  });

  it('answers the next read after a mutation with the new value', async () => {
    const before = themeOf(await readTheme(server.endpoint));
    await rename(server.endpoint, editorKey, before, `Renamed ${SLUG}`);
    const after = await readTheme(server.endpoint);
    expect(after.cache).toBe('MISS');
    expect(themeOf(after)).toEqual({ id: before.id, name: `Renamed ${SLUG}`, version: before.version + 1 });
    expect((await readTheme(server.endpoint)).cache).toBe('HIT');
  });

  it('neither serves nor stores an answer for a request with an Authorization header', async () => {
    const authorised = { authorization: `Bearer ${editorKey}` };
    const query = { query: '{ themes(first: 2) { totalCount } }' };
    const keyFirst = await post(server.endpoint, query, authorised);
    const anonymous = await post(server.endpoint, query);
    const anonymousAgain = await post(server.endpoint, query);
    const keyAgain = await post(server.endpoint, query, authorised);
    expect([keyFirst.cache, anonymous.cache, anonymousAgain.cache, keyAgain.cache]).toEqual([
      'BYPASS',
      'MISS',
      'HIT',
      'BYPASS',
    ]);
    expect(keyAgain.body).toBe(anonymous.body);
  });

  it('never stores an answer with errors', async () => {
    const broken = { query: '{ node(id: "not-an-id") { id } }' };
    const first = await post(server.endpoint, broken);
    const second = await post(server.endpoint, broken);
    expect(JSON.parse(second.body).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect([first.cache, second.cache]).toEqual(['BYPASS', 'BYPASS']);
  });
});

// As the shared rate-limit test: Redis runs on the project's machines and in CI.
const REDIS_URL = process.env.MCE_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/15';
const redisAnswers =
  spawnSync(process.execPath, [
    '-e',
    `require('net').connect(${Number(new URL(REDIS_URL).port || 6379)}, ${JSON.stringify(new URL(REDIS_URL).hostname)}).on('connect', () => process.exit(0)).on('error', () => process.exit(1))`,
  ]).status === 0;
if (!redisAnswers && process.env.CI === 'true')
  throw new Error(`CI must run the shared response-cache test, but no Redis answers at ${REDIS_URL}.`);
const redisTest = redisAnswers ? describe : describe.skip;

redisTest('shared through Redis by two instances', () => {
  const prefix = `mce:cache-test:${randomUUID()}`;
  let a: Instance;
  let b: Instance;
  beforeAll(async () => {
    a = await startInstance({ redisUrl: REDIS_URL, responseCacheKeyPrefix: prefix });
    b = await startInstance({ redisUrl: REDIS_URL, responseCacheKeyPrefix: prefix });
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('serves an answer stored through one instance from the other', async () => {
    const miss = await readTheme(b.endpoint);
    const hit = await readTheme(a.endpoint);
    expect([miss.cache, hit.cache]).toEqual(['MISS', 'HIT']);
    expect(hit.body).toBe(miss.body);
  });

  it('shows a write through one instance on the very next read through the other', async () => {
    const before = themeOf(await readTheme(b.endpoint));
    expect((await readTheme(b.endpoint)).cache).toBe('HIT');
    await rename(a.endpoint, editorKey, before, `Shared ${SLUG}`);
    const after = await readTheme(b.endpoint);
    expect(after.cache).toBe('MISS');
    expect(themeOf(after)).toEqual({ id: before.id, name: `Shared ${SLUG}`, version: before.version + 1 });
  });
});

describe('with Redis unreachable', () => {
  let server: Instance;
  beforeAll(async () => {
    // Port 9 (discard) has no Redis.
    server = await startInstance({ redisUrl: 'redis://127.0.0.1:9/0' });
  });
  afterAll(() => server?.close());

  it('answers every read correctly, none from a cache', async () => {
    const first = await readTheme(server.endpoint);
    const second = await readTheme(server.endpoint);
    expect([first.status, first.cache, second.status, second.cache]).toEqual([200, 'BYPASS', 200, 'BYPASS']);
    expect(themeOf(second).id).toBe(themeId);
    expect(second.body).toBe(first.body);
  });
});
