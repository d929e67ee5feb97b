import { spawnSync } from 'node:child_process';
import Redis from 'ioredis';
import { createClient } from '@mce/sdk';
import { createApiKey } from '../../server/modules/access/access.service';
import { Role } from '../../server/modules/access/access.entity';
import { createApp } from '../../server/app';
import { failure } from '../helpers/failure';
import { startTestServer, testConfig, type TestServer } from '../helpers/server';

/**
 * Rate limiting by cost points per window: each request spends one point on arrival plus its query cost; a
 * valid API key has its own budget, everyone else spends their address's; a spent budget answers 429
 * RATE_LIMITED with Retry-After; the RateLimit header fields tell what is left. With REDIS_URL several
 * instances share one budget. (This file creates API keys, so it runs with the writing tests.)
 */

// countries(first: 10) { nodes { code } }: 1 for the connection + 10 items × (nodes 1 + code 1) = 21 points,
// plus the point every request spends on arrival.
const TEN_COUNTRIES = '{ countries(first: 10) { nodes { code } } }';
const TEN_COUNTRIES_SPENDS = 22;
// 1 + 100 × 2 = 201, plus 1.
const HUNDRED_THEMES = '{ themes(first: 100) { nodes { slug } } }';
const HUNDRED_THEMES_SPENDS = 202;

async function post(server: { endpoint: string }, query: string, headers: Record<string, string> = {}) {
  const response = await fetch(server.endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as {
    data?: unknown;
    errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
  };
  const remaining = response.headers.get('ratelimit-remaining');
  return {
    status: response.status,
    headers: response.headers,
    body,
    remaining: remaining === null ? null : Number(remaining),
  };
}

describe('rate limiting in memory', () => {
  let server: TestServer;
  let editorKey: string;

  beforeAll(async () => {
    server = await startTestServer({}, { rateLimitPoints: 1000, rateLimitWindowSeconds: 60 });
    editorKey = (await createApiKey(server.orm.em.fork(), 'rate-limited editor', Role.EDITOR)).key;
  });
  afterAll(() => server.close());

  it('charges each request its cost plus one and says what is left in the RateLimit headers', async () => {
    const first = await post(server, TEN_COUNTRIES);
    expect(first.status).toBe(200);
    expect(first.headers.get('ratelimit-policy')).toBe('1000;w=60');
    expect(first.headers.get('ratelimit-limit')).toBe('1000');
    expect(first.remaining).toBe(1000 - TEN_COUNTRIES_SPENDS);
    expect(Number(first.headers.get('ratelimit-reset'))).toBeGreaterThan(0);
    expect(Number(first.headers.get('ratelimit-reset'))).toBeLessThanOrEqual(60);

    const second = await post(server, HUNDRED_THEMES);
    expect(second.remaining).toBe(1000 - TEN_COUNTRIES_SPENDS - HUNDRED_THEMES_SPENDS);

    // A request that fails to parse still spends its arrival point.
    const broken = await post(server, '{ countries(');
    expect(broken.body.errors?.[0].extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(broken.remaining).toBe(1000 - TEN_COUNTRIES_SPENDS - HUNDRED_THEMES_SPENDS - 1);
  });

  it('answers 429 RATE_LIMITED with Retry-After once the budget is spent, and health checks are not limited', async () => {
    let last = await post(server, HUNDRED_THEMES);
    while (last.status === 200) last = await post(server, HUNDRED_THEMES);
    expect(last.status).toBe(429);
    expect(last.body.data ?? null).toBeNull();
    expect(last.body.errors?.[0]).toMatchObject({
      message: expect.stringMatching(
        /^Rate limit exceeded: this client may spend 1000 cost points every 60 s; try again in \d+ s\.$/,
      ),
      extensions: { code: 'RATE_LIMITED' },
    });
    expect(last.remaining).toBe(0);
    expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0);

    // Once spent, even the cheapest request is turned away before it runs.
    const cheap = await post(server, '{ __typename }');
    expect(cheap.status).toBe(429);
    expect(cheap.body.errors?.[0].extensions).toMatchObject({
      code: 'RATE_LIMITED',
      retryAfterSeconds: expect.any(Number),
    });
    expect(Number(cheap.headers.get('retry-after'))).toBeGreaterThan(0);

    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);

    // What an application using the SDK sees.
    const error = await failure(createClient({ url: server.endpoint }).conference({ year: 2014 }));
    expect(error.status).toBe(429);
    expect(error.codes).toEqual(['RATE_LIMITED']);
    expect(error.errors[0].extensions.retryAfterSeconds).toEqual(expect.any(Number));
  });

  it('gives a valid API key its own budget, and counts an invalid one against the address', async () => {
    const withKey = await post(server, TEN_COUNTRIES, { authorization: `Bearer ${editorKey}` });
    expect(withKey.status).toBe(200);
    expect(withKey.body.data).toMatchObject({ countries: { nodes: expect.arrayContaining([{ code: 'AT' }]) } });
    expect(withKey.remaining).toBe(1000 - TEN_COUNTRIES_SPENDS);

    const forged = await post(server, TEN_COUNTRIES, { authorization: 'Bearer mce_abcdefgh_not-a-real-secret' });
    expect(forged.status).toBe(429);
  });
});

describe('a rate-limit window', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({}, { rateLimitPoints: 100, rateLimitWindowSeconds: 1 });
  });
  afterAll(() => server.close());

  it('makes the whole budget available again when it ends', async () => {
    const spent = await post(server, HUNDRED_THEMES);
    expect(spent.status).toBe(429);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const again = await post(server, TEN_COUNTRIES);
    expect(again.status).toBe(200);
    expect(again.remaining).toBe(100 - TEN_COUNTRIES_SPENDS);
  });
});

describe('rate limiting with an unreachable Redis', () => {
  let server: TestServer;
  beforeAll(async () => {
    // Port 9 (discard) has no Redis: the instance must keep serving on its own memory budget.
    server = await startTestServer(
      {},
      { rateLimitPoints: 1000, rateLimitWindowSeconds: 60, redisUrl: 'redis://127.0.0.1:9/0' },
    );
  });
  afterAll(() => server.close());

  it('keeps serving and limiting on the instance memory budget', async () => {
    const first = await post(server, TEN_COUNTRIES);
    expect(first.status).toBe(200);
    expect(first.remaining).toBe(1000 - TEN_COUNTRIES_SPENDS);
    const second = await post(server, TEN_COUNTRIES);
    expect(second.remaining).toBe(1000 - 2 * TEN_COUNTRIES_SPENDS);
  });
});

// Redis runs on the project's machines and in CI; on a bare machine without one, the shared-budget test says
// so in one line and is skipped, except under CI=true, where it must run.
const REDIS_URL = process.env.MCE_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/15';
const redisAnswers =
  spawnSync(
    process.execPath,
    [
      '-e',
      `require('net').connect(${Number(new URL(REDIS_URL).port || 6379)}, ${JSON.stringify(new URL(REDIS_URL).hostname)}).on('connect', () => process.exit(0)).on('error', () => process.exit(1))`,
    ],
    { timeout: 3000 },
  ).status === 0;
if (!redisAnswers) {
  if (process.env.CI === 'true')
    throw new Error(`CI must run the shared rate-limit test, but no Redis answers at ${REDIS_URL}.`);
  console.log(`Skipping the shared (Redis) rate-limit test: no Redis at ${REDIS_URL} (set MCE_TEST_REDIS_URL).`);
}
const redisTest = redisAnswers ? describe : describe.skip;

redisTest('rate limiting shared through Redis', () => {
  const sharedConfig = { rateLimitPoints: 1000, rateLimitWindowSeconds: 60, redisUrl: REDIS_URL };
  let one: TestServer;
  let two: { endpoint: string; close(): Promise<void> };

  beforeAll(async () => {
    const redis = new Redis(REDIS_URL);
    await redis.flushdb();
    await redis.quit();
    one = await startTestServer({}, sharedConfig);
    // A second instance of the app on the same database (the embedded engine takes one connection, so the
    // two share the first one's ORM), with its own memory but the same Redis.
    const app = await createApp({ orm: one.orm, config: { ...testConfig, environment: 'test', ...sharedConfig } });
    const running = await app.listen(0, '127.0.0.1');
    two = { endpoint: `${running.url}/graphql`, close: running.close };
  });
  afterAll(async () => {
    await two?.close();
    await one?.close();
  });

  it('spends one budget across instances', async () => {
    expect((await post(one, TEN_COUNTRIES)).remaining).toBe(1000 - TEN_COUNTRIES_SPENDS);
    expect((await post(two, TEN_COUNTRIES)).remaining).toBe(1000 - 2 * TEN_COUNTRIES_SPENDS);
    expect((await post(one, HUNDRED_THEMES)).remaining).toBe(1000 - 2 * TEN_COUNTRIES_SPENDS - HUNDRED_THEMES_SPENDS);

    let last = await post(two, HUNDRED_THEMES);
    while (last.status === 200) last = await post(one, HUNDRED_THEMES);
    expect(last.status).toBe(429);
    // The other instance knows the budget is spent too.
    const other = await post(two, '{ __typename }');
    expect(other.status).toBe(429);
    expect(other.body.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
  });
});
