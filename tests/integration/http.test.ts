import http from 'node:http';
import { postGraphQL } from '../helpers/graphql';
import { startTestServer, type TestServer } from '../helpers/server';

/** GraphQL over HTTP as the GraphQL-over-HTTP specification describes it. */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const QUERY = '{ conference(year: 2015) { hostCity { name } } }';

describe('POST', () => {
  it('answers a query with 200 and application/graphql-response+json when asked for it', async () => {
    const result = await postGraphQL(server.endpoint, QUERY);
    expect(result.status).toBe(200);
    expect(result.contentType).toMatch(/^application\/graphql-response\+json/);
    expect(result.data).toEqual({ conference: { hostCity: { name: 'Hamburg' } } });
  });

  it('answers with the length of its body and no ETag (a POST answer is never revalidated)', async () => {
    const response = await fetch(server.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: QUERY }),
    });
    const body = await response.text();
    expect(response.headers.get('content-length')).toBe(String(Buffer.byteLength(body)));
    expect(response.headers.get('etag')).toBeNull();
    expect(JSON.parse(body)).toEqual({ data: { conference: { hostCity: { name: 'Hamburg' } } } });
  });

  it('answers application/json to clients that accept only that', async () => {
    const response = await fetch(server.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: QUERY }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({ data: { conference: { hostCity: { name: 'Hamburg' } } } });
  });

  it('runs the named operation of a document holding several', async () => {
    const response = await fetch(server.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query:
          'query A { conference(year: 2010) { hostCity { name } } } query B { conference(year: 2011) { hostCity { name } } }',
        operationName: 'B',
      }),
    });
    expect(await response.json()).toEqual({ data: { conference: { hostCity: { name: 'Prato' } } } });
  });
});

describe('GET', () => {
  it('answers a query sent in the URL, with no content type or other header (as urql sends it)', async () => {
    const response = await fetch(`${server.endpoint}?query=${encodeURIComponent(QUERY)}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { conference: { hostCity: { name: 'Hamburg' } } } });
  });

  it('answers one with variables and an operation name too', async () => {
    const params = new URLSearchParams({
      query: 'query Host($year: Int!) { conference(year: $year) { hostCity { name } } }',
      variables: JSON.stringify({ year: 2011 }),
      operationName: 'Host',
    });
    const response = await fetch(`${server.endpoint}?${params}`, {
      headers: { accept: 'application/graphql-response+json' },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { conference: { hostCity: { name: 'Prato' } } } });
  });

  it('tags an answer with an ETag, and answers 304 with no body to a client that holds those bytes', async () => {
    const url = `${server.endpoint}?query=${encodeURIComponent(QUERY)}`;
    const first = await plainGet(url);
    const tag = first.headers.etag;
    expect(tag).toMatch(/^W\/"[0-9a-f]+-[\w+/=-]+"$/);
    expect(first.headers['content-length']).toBe(String(Buffer.byteLength(first.body)));
    expect(JSON.parse(first.body)).toEqual({ data: { conference: { hostCity: { name: 'Hamburg' } } } });

    const again = await plainGet(url, { 'if-none-match': tag! });
    expect([again.status, again.headers.etag, again.body]).toEqual([304, tag, '']);

    // Other bytes, or a client that asks to skip its cache (as fetch does with any conditional header), get them.
    const other = await plainGet(
      `${server.endpoint}?query=${encodeURIComponent('{ conference(year: 2011) { year } }')}`,
      {
        'if-none-match': tag!,
      },
    );
    expect([other.status, JSON.parse(other.body)]).toEqual([200, { data: { conference: { year: 2011 } } }]);
    const noCache = await plainGet(url, { 'if-none-match': tag!, 'cache-control': 'no-cache' });
    expect([noCache.status, noCache.body]).toEqual([200, first.body]);
  });
});

/** A GET with exactly these headers: node:http, since fetch adds its own to conditional requests. */
function plainGet(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body }));
      })
      .on('error', reject);
  });
}

describe('bad requests', () => {
  it('rejects a malformed query with 400 and GRAPHQL_PARSE_FAILED', async () => {
    const result = await postGraphQL(server.endpoint, '{ conference(year: 2015) { ');
    expect(result.status).toBe(400);
    expect(result.errors![0].extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('rejects an unknown field with 400 and GRAPHQL_VALIDATION_FAILED', async () => {
    const result = await postGraphQL(server.endpoint, '{ conference(year: 2015) { motto } }');
    expect(result.status).toBe(400);
    expect(result.errors![0]).toMatchObject({
      message: 'Cannot query field "motto" on type "Conference".',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
  });

  it('rejects a variable of the wrong type with 400 and BAD_USER_INPUT', async () => {
    const result = await postGraphQL(server.endpoint, 'query ($year: Int!) { conference(year: $year) { title } }', {
      year: 'twenty fifteen',
    });
    expect(result.status).toBe(400);
    expect(result.errors![0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors![0].message).toMatch(/\$year/);
  });

  it('rejects a body that is not JSON with 400', async () => {
    const response = await fetch(server.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": ',
    });
    expect(response.status).toBe(400);
    expect(await response.text()).not.toMatch(/at .*\.js:\d+/);
  });

  it('rejects a body over 100 kB with 413', async () => {
    const response = await fetch(server.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ association { name } } #${'x'.repeat(120_000)}` }),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      errors: [
        {
          message: 'The request body is too large (at most 102400 bytes: MAX_BODY_BYTES).',
          extensions: { code: 'BAD_REQUEST' },
        },
      ],
    });
  });

  it('returns null, not an error, for a conference year that has none', async () => {
    const result = await postGraphQL(server.endpoint, '{ conference(year: 2020) { title } }');
    expect(result).toMatchObject({ status: 200, data: { conference: null } });
    expect(result.errors).toBeUndefined();
  });

  it('needs exactly one of name and slug to find a city', async () => {
    const result = await postGraphQL(server.endpoint, '{ city { name } }');
    expect(result.errors![0]).toMatchObject({
      message: 'Give exactly one of `name` and `slug`.',
      extensions: { code: 'BAD_USER_INPUT', argumentPath: ['name'] },
    });
  });

  it('never includes a stack trace in an error', async () => {
    const result = await postGraphQL(server.endpoint, '{ node(id: "???") { id } }');
    expect(JSON.stringify(result.errors)).not.toMatch(/stacktrace|\.ts:\d+|\.js:\d+/);
  });
});

describe('health', () => {
  it('/healthz says the process is alive', async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('/readyz says the database is reachable', async () => {
    const response = await fetch(`${server.url}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready' });
  });

  it('tags every response with a request id', async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('unknown paths', () => {
  it('answer 404 in JSON, naming what is served, for any method', async () => {
    for (const method of ['GET', 'POST', 'DELETE']) {
      const response = await fetch(`${server.url}/graphq1`, { method });
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      const body = (await response.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
      expect(body.errors[0].extensions.code).toBe('NOT_FOUND');
      expect(body.errors[0].message).toBe(
        `${method} /graphq1 is not served here. Try /graphql, /healthz, /readyz, /metrics.`,
      );
    }
  });
});
