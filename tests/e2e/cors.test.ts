import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { browserDescribe, launchChromium } from '../helpers/chromium';
import { createApp } from '../../server/app';
import { startTestServer, testConfig, type TestServer } from '../helpers/server';

/**
 * A web app on another origin calls the API from headless Chromium, as a browser enforces CORS: POSTs with a JSON
 * body and an API key (which need a preflight), reading the request id and rate-limit headers; a GET as urql
 * sends it; and, from an origin a CORS_ORIGINS list leaves out, a request the browser refuses to hand to the page.
 */
const browserTest = browserDescribe('CORS');

// Well-formed but unknown: the read-only tests create no keys. The server's answer ("not valid", not "needs an API
// key") shows the header crossed the origin boundary and was read.
const UNKNOWN_KEY = `mce_000000000000_${'A'.repeat(43)}`;

/**
 * The whole app: on load it calls the API named in its URL and leaves what it saw in `window.results`. Only the
 * API's own CORS answers decide what the page may read; the test gives it nothing else.
 */
const PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>Another origin</title></head>
<body><pre id="out">running</pre>
<script>
const params = new URLSearchParams(location.search);
const api = params.get('api');
const key = params.get('key');
const postJson = (query) => fetch(api, {
  method: 'POST',
  headers: { 'content-type': 'application/json', authorization: 'Bearer ' + key },
  body: JSON.stringify({ query }),
});

async function call(run) {
  try {
    const response = await run();
    return {
      status: response.status,
      requestId: response.headers.get('x-request-id'),
      rateLimitLimit: response.headers.get('ratelimit-limit'),
      rateLimitRemaining: response.headers.get('ratelimit-remaining'),
      body: await response.json(),
    };
  } catch (error) {
    return { failed: error.name + ': ' + error.message };
  }
}

(async () => {
  const post = await call(() => postJson('{ conference(year: 2014) { hostCity { name } } }'));
  const keyCheck = await call(() => postJson('{ apiKeys { totalCount } }'));
  const get = await call(() => fetch(api + '?query=' + encodeURIComponent('{ conference(year: 2016) { hostCity { name } } }')));
  window.results = { origin: location.origin, post, keyCheck, get };
  document.getElementById('out').textContent = JSON.stringify(window.results, null, 2);
})();
</script></body></html>`;

interface Call {
  status?: number;
  requestId?: string | null;
  rateLimitLimit?: string | null;
  rateLimitRemaining?: string | null;
  body?: unknown;
  failed?: string;
}
interface Results {
  origin: string;
  post: Call;
  keyCheck: Call;
  get: Call;
}

/** A second web server, on a port of its own: pages it serves have an origin other than the API's. */
async function startPageServer(): Promise<{ origin: string; close(): Promise<void> }> {
  const pages = http.createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
  });
  await new Promise<void>((resolve) => pages.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(pages.address() as AddressInfo).port}`,
    close: async () => {
      pages.closeAllConnections();
      await new Promise((resolve) => pages.close(resolve));
    },
  };
}

browserTest('CORS in headless Chromium', () => {
  let anyOrigin: TestServer;
  let listedOrigins: { endpoint: string; close(): Promise<void> };
  let listedPage: Awaited<ReturnType<typeof startPageServer>>;
  let otherPage: Awaited<ReturnType<typeof startPageServer>>;
  let browser: Browser;

  beforeAll(async () => {
    listedPage = await startPageServer();
    otherPage = await startPageServer();
    // The default: any origin; with rate limiting on, as by default, so that its headers are there.
    anyOrigin = await startTestServer({}, { rateLimitPoints: 1_000_000 });
    // A second app on the same database (the embedded engine takes one connection, so it shares the first's ORM).
    const listed = await createApp({
      orm: anyOrigin.orm,
      config: { ...testConfig, environment: 'test', rateLimitPoints: 1_000_000, corsOrigins: [listedPage.origin] },
    });
    const running = await listed.listen(0, '127.0.0.1');
    listedOrigins = { endpoint: `${running.url}/graphql`, close: running.close };
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await listedOrigins?.close();
    await anyOrigin?.close();
    await listedPage?.close();
    await otherPage?.close();
  });

  /** Opens the app at `pageOrigin`, pointed at `api`, and returns what it saw. */
  async function runApp(
    pageOrigin: string,
    api: { endpoint: string },
  ): Promise<{ results: Results; consoleErrors: string[] }> {
    const page = await browser.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    try {
      await page.goto(`${pageOrigin}/?${new URLSearchParams({ api: api.endpoint, key: UNKNOWN_KEY })}`);
      await page.waitForFunction(() => 'results' in window, undefined, { timeout: 20_000 });
      const results = await page.evaluate(() => (window as unknown as { results: Results }).results);
      return { results, consoleErrors };
    } finally {
      await page.close();
    }
  }

  const ZURICH = { data: { conference: { hostCity: { name: 'Zurich' } } } };
  const KEY_READ = {
    data: null,
    errors: [
      {
        message: 'The API key is not valid (unknown, malformed or revoked).',
        locations: [{ line: 1, column: 3 }],
        path: ['apiKeys'],
        extensions: { code: 'UNAUTHENTICATED' },
      },
    ],
  };
  const FLORENCE = { data: { conference: { hostCity: { name: 'Florence' } } } };

  it('by default a page on any origin posts JSON with a key, reads the answer, its request id and rate limit, and GETs', async () => {
    const { results, consoleErrors } = await runApp(otherPage.origin, anyOrigin);
    expect(new URL(results.origin).port).not.toBe(new URL(anyOrigin.url).port);
    expect(results.post).toEqual({
      status: 200,
      requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      rateLimitLimit: '1000000',
      rateLimitRemaining: expect.stringMatching(/^\d+$/),
      body: ZURICH,
    });
    expect(Number(results.post.rateLimitRemaining)).toBeLessThan(1_000_000);
    expect(results.keyCheck).toMatchObject({ status: 200, body: KEY_READ });
    expect(results.get).toMatchObject({
      status: 200,
      requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      body: FLORENCE,
    });
    expect(consoleErrors).toEqual([]);
  });

  it('with CORS_ORIGINS listing the page origin, the page is served', async () => {
    const { results } = await runApp(listedPage.origin, listedOrigins);
    expect(results.post).toMatchObject({
      status: 200,
      requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      body: ZURICH,
    });
    expect(results.keyCheck).toMatchObject({ status: 200, body: KEY_READ });
    expect(results.get).toMatchObject({ status: 200, body: FLORENCE });
  });

  it('with CORS_ORIGINS not listing the page origin, the browser refuses the page both answers', async () => {
    const { results, consoleErrors } = await runApp(otherPage.origin, listedOrigins);
    expect(results.post).toEqual({ failed: 'TypeError: Failed to fetch' });
    expect(results.keyCheck).toEqual({ failed: 'TypeError: Failed to fetch' });
    expect(results.get).toEqual({ failed: 'TypeError: Failed to fetch' });
    // Chromium says why, naming the missing header.
    expect(consoleErrors.join('\n')).toMatch(/blocked by CORS policy.*No 'Access-Control-Allow-Origin' header/s);
  });
});
