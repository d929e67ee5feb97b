import { ConfigError, loadConfig } from '../../server/config';
import { startTestServer, type TestServer } from '../helpers/server';

/**
 * CORS as a browser sees it: preflights, and the headers on answers, for the default (any origin) and for a list
 * of origins (CORS_ORIGINS). The browser itself is in tests/e2e/cors.test.ts.
 */
const APP = 'https://app.example.org';
const OTHER = 'https://elsewhere.example.net';
const QUERY = '{ conference(year: 2014) { hostCity { name } } }';
const ZURICH = { data: { conference: { hostCity: { name: 'Zurich' } } } };

/** What a browser sends before a cross-origin POST with a JSON body and a key (and Apollo's headers). */
function preflight(endpoint: string, origin: string): Promise<Response> {
  return fetch(endpoint, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization,content-type,apollo-require-preflight,x-apollo-operation-name',
    },
  });
}

function post(endpoint: string, origin: string, query = QUERY): Promise<Response> {
  return fetch(endpoint, {
    method: 'POST',
    headers: { origin, 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
}

function corsHeaders(response: Response): Record<string, string> {
  const found: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (name.startsWith('access-control-') || name === 'vary') found[name] = value;
  });
  return found;
}

const EXPOSED =
  'x-request-id,ratelimit-policy,ratelimit-limit,ratelimit-remaining,ratelimit-reset,retry-after,x-cache,x-write-position,content-disposition';

describe('by default, pages on any origin may call the API', () => {
  let server: TestServer;
  beforeAll(async () => {
    // Rate limiting on, as by default, so that its headers are there to expose.
    server = await startTestServer({}, { rateLimitPoints: 1_000_000 });
  });
  afterAll(() => server.close());

  it('answers a preflight with 204: any origin, GET and POST, the key, JSON and the Apollo headers, no credentials', async () => {
    const response = await preflight(server.endpoint, APP);
    expect(response.status).toBe(204);
    expect(corsHeaders(response)).toEqual({
      'access-control-allow-origin': '*',
      'access-control-allow-methods': 'GET,POST',
      'access-control-allow-headers':
        'authorization,content-type,apollo-require-preflight,x-apollo-operation-name,apollographql-client-name,apollographql-client-version,x-read-after',
      'access-control-expose-headers': EXPOSED,
      'access-control-max-age': '7200',
    });
    expect(response.headers.get('allow')).toBeNull();
    // A preflight runs nothing and spends nothing.
    expect(response.headers.get('ratelimit-remaining')).toBeNull();
    expect(await response.text()).toBe('');
  });

  it('lets the page read the answer, its request id and rate-limit headers', async () => {
    const response = await post(server.endpoint, APP);
    expect(response.status).toBe(200);
    expect(corsHeaders(response)).toEqual({
      'access-control-allow-origin': '*',
      'access-control-expose-headers': EXPOSED,
    });
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers.get('ratelimit-limit')).toBe('1000000');
    expect(await response.json()).toEqual(ZURICH);
  });

  it('lets the page read errors too', async () => {
    const response = await post(server.endpoint, APP, '{ conference(year: 2014) { motto } }');
    expect(response.status).toBe(400);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const body = (await response.json()) as { errors: Array<{ extensions: { code: string } }> };
    expect(body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('answers a GET query from another origin (a simple request: no preflight)', async () => {
    const response = await fetch(`${server.endpoint}?query=${encodeURIComponent(QUERY)}`, { headers: { origin: APP } });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(await response.json()).toEqual(ZURICH);
  });

  it('applies to the health routes', async () => {
    for (const route of ['/healthz', '/readyz']) {
      const response = await fetch(`${server.url}${route}`, { headers: { origin: APP } });
      expect({ route, status: response.status, origin: response.headers.get('access-control-allow-origin') }).toEqual({
        route,
        status: 200,
        origin: '*',
      });
    }
  });
});

describe('with CORS_ORIGINS set to a list', () => {
  let server: TestServer;
  beforeAll(async () => {
    const { corsOrigins } = loadConfig({ CORS_ORIGINS: `${APP}, http://localhost:3000` });
    server = await startTestServer({}, { corsOrigins });
  });
  afterAll(() => server.close());

  it('grants a listed origin by name, and says the answer varies by origin', async () => {
    const response = await preflight(server.endpoint, APP);
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
    expect(response.headers.get('vary')).toBe('Origin');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();

    const answer = await post(server.endpoint, APP);
    expect(corsHeaders(answer)).toEqual({
      'access-control-allow-origin': APP,
      'access-control-expose-headers': EXPOSED,
      vary: 'Origin',
    });
    expect(await answer.json()).toEqual(ZURICH);
  });

  it('grants another origin nothing, so its browser keeps the answer from the page', async () => {
    const response = await preflight(server.endpoint, OTHER);
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();

    const answer = await post(server.endpoint, OTHER);
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
    expect(answer.headers.get('vary')).toBe('Origin');
  });

  it('serves clients that are not browsers (no Origin) as before', async () => {
    const response = await fetch(server.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: QUERY }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(await response.json()).toEqual(ZURICH);
  });
});

describe('a spent rate limit', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({}, { rateLimitPoints: 2, rateLimitWindowSeconds: 60 });
  });
  afterAll(() => server.close());

  it('is readable by the page too, with its Retry-After', async () => {
    // One point on arrival and the query's cost spend the budget; the next request is turned away at arrival.
    await (await post(server.endpoint, APP)).text();
    const response = await post(server.endpoint, APP);
    expect(response.status).toBe(429);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-expose-headers')).toBe(EXPOSED);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const body = (await response.json()) as { errors: Array<{ extensions: { code: string } }> };
    expect(body.errors[0].extensions.code).toBe('RATE_LIMITED');
  });
});

describe('CORS_ORIGINS', () => {
  it('is any origin by default', () => {
    expect(loadConfig({}).corsOrigins).toBe('*');
    expect(loadConfig({ CORS_ORIGINS: ' * ' }).corsOrigins).toBe('*');
  });

  it('reads a comma-separated list, as browsers write origins', () => {
    expect(
      loadConfig({ CORS_ORIGINS: ' https://App.Example.org:443/ ,http://localhost:3000,https://app.example.org' })
        .corsOrigins,
    ).toEqual([APP, 'http://localhost:3000']);
  });

  it('refuses anything but origins with one line naming the variable and the bad entry', () => {
    const cases: Array<[string, string]> = [
      ['app.example.org', 'app.example.org'],
      [`${APP}/graphql`, `${APP}/graphql`],
      [`${APP}, ftp://files.example.org`, 'ftp://files.example.org'],
      [`*, ${APP}`, '*'],
      [`${APP}?x=1`, `${APP}?x=1`],
    ];
    for (const [value, bad] of cases) {
      expect(() => loadConfig({ CORS_ORIGINS: value })).toThrow(
        new ConfigError(
          'CORS_ORIGINS',
          'must be * or a comma-separated list of origins such as https://app.example.org (scheme, host, optional port; ' +
            `no path); ${JSON.stringify(bad)} is not one (got ${JSON.stringify(value)})`,
        ),
      );
    }
    expect(() => loadConfig({ CORS_ORIGINS: ' , ' })).toThrow(
      'Invalid configuration: CORS_ORIGINS must be * or a comma-separated list of origins such as https://app.example.org ' +
        '(scheme, host, optional port; no path) (got " , ")',
    );
  });
});
