import { startTestServer, type TestServer } from '../helpers/server';

/**
 * One log line per GraphQL request: JSON for machines, a readable line for people (LOG_FORMAT=pretty), with
 * the request id the response carries; variables only at LOG_LEVEL=debug.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const CONFERENCE = 'query Conference($year: Int!) { conference(year: $year) { hostCity { name } } }';

/** Sends one request with the logger set as given and returns the request id and the lines written. */
async function logged(
  env: { LOG_LEVEL: string; LOG_FORMAT: string },
  body = JSON.stringify({ query: CONFERENCE, variables: { year: 2014 }, operationName: 'Conference' }),
): Promise<{ requestId: string; lines: string[]; status: number }> {
  const saved = { LOG_LEVEL: process.env.LOG_LEVEL, LOG_FORMAT: process.env.LOG_FORMAT };
  Object.assign(process.env, env);
  const lines: string[] = [];
  const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(...String(chunk).split('\n').filter(Boolean));
    return true;
  });
  try {
    const response = await fetch(server.endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    await response.text();
    return { requestId: response.headers.get('x-request-id') ?? '', lines, status: response.status };
  } finally {
    spy.mockRestore();
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

it('writes one JSON line per request with its id, operation, cost and status, and no variables', async () => {
  const { requestId, lines } = await logged({ LOG_LEVEL: 'info', LOG_FORMAT: 'json' });
  expect(lines).toHaveLength(1);
  const line = JSON.parse(lines[0]) as Record<string, unknown>;
  expect(line).toEqual({
    time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    level: 'info',
    message: 'graphql request',
    requestId,
    operation: 'Conference',
    durationMs: expect.any(Number),
    cost: 3,
    status: 200,
    errors: [],
  });
  expect(lines[0]).not.toContain('2014');
});

it('adds the variables at LOG_LEVEL=debug', async () => {
  const { requestId, lines } = await logged({ LOG_LEVEL: 'debug', LOG_FORMAT: 'json' });
  expect(lines.map((line) => JSON.parse(line))).toEqual([
    expect.objectContaining({ level: 'debug', message: 'graphql request', requestId, variables: { year: 2014 } }),
  ]);
});

it('writes a readable line with LOG_FORMAT=pretty', async () => {
  const { requestId, lines } = await logged({ LOG_LEVEL: 'info', LOG_FORMAT: 'pretty' });
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(
    new RegExp(`^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  graphql request  requestId=${requestId} operation=Conference durationMs=\\d+ cost=3 status=200$`),
  );
});

it('writes nothing at LOG_LEVEL=warn for a request that succeeds', async () => {
  expect((await logged({ LOG_LEVEL: 'warn', LOG_FORMAT: 'json' })).lines).toEqual([]);
});

it('writes the line of a request refused before GraphQL ran, in the same shape', async () => {
  const { requestId, lines, status } = await logged({ LOG_LEVEL: 'info', LOG_FORMAT: 'json' }, '{ "query": ');
  expect(status).toBe(400);
  expect(lines.map((line) => JSON.parse(line))).toEqual([
    expect.objectContaining({ message: 'graphql request', requestId, operation: null, status: 400, errors: ['BAD_REQUEST'] }),
  ]);
});
