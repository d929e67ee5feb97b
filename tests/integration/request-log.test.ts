import { stripVTControlCharacters } from 'node:util';
import { createLogger } from '../../server/common/logger';
import type { AppConfig } from '../../server/config';
import { loadConfig } from '../../server/config';
import { captureLogs } from '../helpers/logs';
import { startTestServer, testConfig } from '../helpers/server';

/**
 * One log line per GraphQL request: JSON for machines, a readable line for people (LOG_FORMAT=pretty), with
 * the request id the response carries; variables only at LOG_LEVEL=debug. The logger is made from the app's
 * configuration, so the level and the format are those it was given, whether or not stderr is a terminal.
 */
const CONFERENCE = 'query Conference($year: Int!) { conference(year: $year) { hostCity { name } } }';
const CONFERENCE_BODY = JSON.stringify({ query: CONFERENCE, variables: { year: 2014 }, operationName: 'Conference' });

/** Starts the app with `config`, sends one request and returns the request id and the lines the app wrote. */
async function logged(
  config: Partial<AppConfig>,
  { body = CONFERENCE_BODY, terminal = false }: { body?: string; terminal?: boolean } = {},
): Promise<{ requestId: string; lines: string[]; status: number }> {
  const logs = captureLogs({ isTTY: terminal });
  const server = await startTestServer({}, config, undefined, logs.destination);
  try {
    const before = logs.lines().length;
    const response = await fetch(server.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    await response.text();
    return {
      requestId: response.headers.get('x-request-id') ?? '',
      lines: logs.lines().slice(before),
      status: response.status,
    };
  } finally {
    await server.close();
  }
}

const PRETTY_LINE = (requestId: string) =>
  new RegExp(
    `^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO: graphql request  requestId=${requestId} operation=Conference durationMs=\\d+ cost=3 status=200$`,
  );

it('writes one JSON line per request with its id, operation, cost and status, and no variables', async () => {
  const { requestId, lines } = await logged({ logLevel: 'info', logFormat: 'json' });
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
  const { requestId, lines } = await logged({ logLevel: 'debug', logFormat: 'json' });
  expect(lines.map((line) => JSON.parse(line))).toEqual([
    expect.objectContaining({ level: 'debug', message: 'graphql request', requestId, variables: { year: 2014 } }),
  ]);
});

it('writes a readable line with LOG_FORMAT=pretty', async () => {
  const { requestId, lines } = await logged({ logLevel: 'info', logFormat: 'pretty' });
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(PRETTY_LINE(requestId));
});

it('writes the format configured, whether or not the log goes to a terminal', async () => {
  for (const terminal of [false, true]) {
    const json = await logged({ logLevel: 'info', logFormat: 'json' }, { terminal });
    expect(JSON.parse(json.lines[0])).toMatchObject({
      message: 'graphql request',
      requestId: json.requestId,
      operation: 'Conference',
      cost: 3,
    });
    const pretty = await logged({ logLevel: 'info', logFormat: 'pretty' }, { terminal });
    // On a terminal the level is coloured; the words are the same.
    expect(stripVTControlCharacters(pretty.lines[0])).toMatch(PRETTY_LINE(pretty.requestId));
  }
});

it('writes JSON by default (LOG_FORMAT=auto) unless a person is reading outside production', async () => {
  const auto = { logLevel: 'info', logFormat: loadConfig({}).logFormat } as const;
  expect(auto.logFormat).toBe('auto');
  const piped = await logged(auto, { terminal: false });
  expect(JSON.parse(piped.lines[0])).toMatchObject({ message: 'graphql request', requestId: piped.requestId });
  const terminal = await logged(auto, { terminal: true });
  expect(stripVTControlCharacters(terminal.lines[0])).toMatch(PRETTY_LINE(terminal.requestId));
  const production = await logged({ ...auto, environment: 'production' }, { terminal: true });
  expect(JSON.parse(production.lines[0])).toMatchObject({
    message: 'graphql request',
    requestId: production.requestId,
  });
});

it('writes nothing at LOG_LEVEL=warn for a request that succeeds', async () => {
  expect((await logged({ logLevel: 'warn', logFormat: 'json' })).lines).toEqual([]);
});

it('takes the level from LOG_LEVEL through loadConfig', async () => {
  const fromEnvironment = (env: NodeJS.ProcessEnv) => ({
    ...loadConfig({ LOG_FORMAT: 'json', ...env }),
    rateLimitPoints: testConfig.rateLimitPoints,
  });
  expect(fromEnvironment({}).logLevel).toBe('info');
  expect((await logged(fromEnvironment({}))).lines).toHaveLength(1);
  expect(fromEnvironment({ LOG_LEVEL: 'error' }).logLevel).toBe('error');
  expect((await logged(fromEnvironment({ LOG_LEVEL: 'error' }))).lines).toEqual([]);
  // A refused request is logged at info too: nothing at error either.
  expect((await logged(fromEnvironment({ LOG_LEVEL: 'error' }), { body: '{ "query": ' })).lines).toEqual([]);
});

it('writes the line of a request refused before GraphQL ran, in the same shape', async () => {
  const { requestId, lines, status } = await logged({ logLevel: 'info', logFormat: 'json' }, { body: '{ "query": ' });
  expect(status).toBe(400);
  expect(lines.map((line) => JSON.parse(line))).toEqual([
    expect.objectContaining({
      message: 'graphql request',
      requestId,
      operation: null,
      status: 400,
      errors: ['BAD_REQUEST'],
    }),
  ]);
});

it('redacts credentials should a line ever carry them', () => {
  const logs = captureLogs();
  const log = createLogger({ ...testConfig, logLevel: 'debug', logFormat: 'json' }, logs.destination);
  log.debug(
    {
      headers: { authorization: 'Bearer mce_0123456789ab_SECRET' },
      variables: { input: { apiKey: 'mce_0123456789ab_SECRET' } },
    },
    'probe',
  );
  expect(logs.lines()).toHaveLength(1);
  expect(JSON.parse(logs.lines()[0])).toMatchObject({
    message: 'probe',
    headers: { authorization: '[redacted]' },
    variables: { input: { apiKey: '[redacted]' } },
  });
});
