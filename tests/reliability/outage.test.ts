import { postGraphQL } from '../helpers/graphql';
import { testDatabaseTarget } from '../helpers/database';
import { startTestServer, type TestServer } from '../helpers/server';
import { TcpProxy } from './tcp-proxy';

/**
 * A database outage, made by cutting a TCP proxy between the server and PostgreSQL: requests fail fast with
 * SERVICE_UNAVAILABLE (HTTP 503, Retry-After), /readyz turns not-ready, and service resumes by itself once the
 * database is reachable again.
 */
let server: TestServer;
let proxy: TcpProxy;

beforeAll(async () => {
  const { proxy: opened, url: throughProxy } = await TcpProxy.to(testDatabaseTarget().url);
  proxy = opened;
  // Short pool timeouts so that a dead database is noticed in well under a second.
  // One connection, as the embedded engine allows (it serves a single session at a time).
  server = await startTestServer({ pool: { min: 0, max: 1, acquireTimeoutMillis: 1000 } }, {}, throughProxy);
});
afterAll(async () => {
  // Reconnected first, so that the server can close its database connections cleanly.
  await proxy.open();
  await server.close();
  await proxy.cut();
});

const QUERY = '{ conference(year: 2012) { hostCity { name } } }';

describe('when the database goes away', () => {
  it('fails fast with 503 SERVICE_UNAVAILABLE, reports not-ready, and recovers by itself', async () => {
    expect((await postGraphQL(server.endpoint, QUERY)).data).toEqual({ conference: { hostCity: { name: 'Vienna' } } });

    await proxy.cut();
    const started = Date.now();
    const failed = await postGraphQL(server.endpoint, QUERY);
    const failedIn = Date.now() - started;
    expect(failed.status).toBe(503);
    expect(failed.errors?.[0]).toMatchObject({
      message: 'The database is unavailable; try again shortly.',
      extensions: { code: 'SERVICE_UNAVAILABLE' },
    });
    expect(failedIn).toBeLessThan(5000);
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(ready.headers.get('retry-after')).toBe('5');
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);

    await proxy.open();
    let recovered = false;
    for (let attempt = 0; attempt < 50 && !recovered; attempt += 1) {
      const result = await postGraphQL(server.endpoint, QUERY);
      recovered = result.status === 200 && result.errors === undefined;
      if (!recovered) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(recovered).toBe(true);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
  });
});
