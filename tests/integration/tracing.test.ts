import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { testDatabaseTarget } from '../helpers/database';
import { postGraphQL } from '../helpers/graphql';
import { startTestServer } from '../helpers/server';

/**
 * With OTEL_EXPORTER_OTLP_ENDPOINT set, the compiled server sends traces over OTLP/HTTP: here to a receiver the
 * test runs, in OTLP's JSON encoding. One GraphQL request is one trace: the HTTP server span carrying the request
 * id, the GraphQL operation's spans and one span per SQL statement. Unset, the SDK is not even loaded.
 */
const ROOT = path.join(__dirname, '../..');
const MAIN = path.join(ROOT, 'dist/server/main.js');
const CONFERENCE = 'query Conference($year: Int!) { conference(year: $year) { hostCity { name } } }';

interface OtlpAttribute {
  key: string;
  value: { stringValue?: string; intValue?: number | string; boolValue?: boolean };
}
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  /** 1 internal, 2 server, 3 client. */
  kind: number;
  attributes: OtlpAttribute[];
}
interface Received {
  service: string | undefined;
  span: OtlpSpan;
}

const SERVER_SPAN = 2;
const CLIENT_SPAN = 3;

function attribute(span: OtlpSpan, key: string): string | number | boolean | undefined {
  const value = span.attributes.find((entry) => entry.key === key)?.value;
  return value?.stringValue ?? value?.intValue ?? value?.boolValue;
}

/** A collector's OTLP/HTTP trace endpoint, keeping every span it is sent. */
async function startReceiver(): Promise<{ url: string; spans: Received[]; close(): Promise<void> }> {
  const spans: Received[] = [];
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      if (request.url === '/v1/traces' && request.headers['content-type']?.startsWith('application/json')) {
        const payload = JSON.parse(body) as {
          resourceSpans: Array<{ resource: { attributes: OtlpAttribute[] }; scopeSpans: Array<{ spans: OtlpSpan[] }> }>;
        };
        for (const { resource, scopeSpans } of payload.resourceSpans) {
          const service = resource.attributes.find((entry) => entry.key === 'service.name')?.value.stringValue;
          for (const scope of scopeSpans) for (const span of scope.spans) spans.push({ service, span });
        }
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    spans,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The compiled server as `npm start` runs it, on a free port; resolves once it says where it listens. */
function startServer(env: Record<string, string>): Promise<{ child: ChildProcessWithoutNullStreams; url: string }> {
  const child = spawn(process.execPath, [MAIN], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: os.homedir(), PORT: '0', LOG_LEVEL: 'silent', ...env },
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start: ${output}`));
    }, 45_000);
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /MCE graph API\s+(\S+)\/graphql/.exec(output);
      if (match && output.includes('Database')) {
        clearTimeout(timer);
        resolve({ child, url: match[1] });
      }
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}: ${output}`));
    });
  });
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  if (!existsSync(MAIN)) throw new Error('dist/server/main.js is missing: `npm test` builds it first (npm run build).');
  // The shared test database, migrated and seeded (the first test file to start does it; this may be that one).
  const server = await startTestServer();
  await server.close();
});

describe('with OTEL_EXPORTER_OTLP_ENDPOINT set', () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let server: Awaited<ReturnType<typeof startServer>>;
  let requestId: string;

  beforeAll(async () => {
    receiver = await startReceiver();
    server = await startServer({
      DATABASE_URL: testDatabaseTarget().url,
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      // Export within a tenth of a second rather than the default five.
      OTEL_BSP_SCHEDULE_DELAY: '100',
    });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: CONFERENCE, variables: { year: 2014 }, operationName: 'Conference' }),
    });
    expect(await response.json()).toEqual({ data: { conference: { hostCity: { name: 'Zurich' } } } });
    requestId = response.headers.get('x-request-id') ?? '';
    const withRequestId = () => receiver.spans.find(({ span }) => attribute(span, 'mce.request_id') === requestId);
    await waitFor(() => {
      const root = withRequestId();
      return (
        !!root && receiver.spans.some(({ span }) => span.traceId === root.span.traceId && span.kind === CLIENT_SPAN)
      );
    }, 'the request trace with its SQL spans');
    // Spans end in order; give the last batch of the trace a moment to arrive.
    await new Promise((resolve) => setTimeout(resolve, 500));
  }, 60_000);

  afterAll(async () => {
    server?.child.kill('SIGTERM');
    await new Promise((resolve) => server?.child.once('exit', resolve));
    await receiver?.close();
  });

  it('sends one trace per request: HTTP server span with the request id, GraphQL operation, SQL statements', () => {
    const root = receiver.spans.find(
      ({ span }) => span.kind === SERVER_SPAN && attribute(span, 'mce.request_id') === requestId,
    );
    expect(root).toBeDefined();
    expect(root!.service).toBe('mce-graph-api');
    expect(root!.span.name).toBe('POST /graphql');
    expect(root!.span.parentSpanId ?? '').toBe('');
    expect(attribute(root!.span, 'http.route')).toBe('/graphql');

    const trace = receiver.spans.filter(({ span }) => span.traceId === root!.span.traceId).map(({ span }) => span);
    const operation = trace.find((span) => span.name === 'query Conference');
    expect(operation).toBeDefined();
    expect(attribute(operation!, 'graphql.operation.name')).toBe('Conference');
    expect(attribute(operation!, 'graphql.operation.type')).toBe('query');

    const statements = trace.filter(
      (span) => span.kind === CLIENT_SPAN && attribute(span, 'db.system.name') === 'postgresql',
    );
    expect(statements.length).toBeGreaterThanOrEqual(1);
    expect(statements.map((span) => String(attribute(span, 'db.query.text')))).toContainEqual(
      expect.stringMatching(/^select .* from "conference"/),
    );

    // Every span of the trace hangs from the HTTP server span.
    const ids = new Set(trace.map((span) => span.spanId));
    for (const span of trace.filter((span) => span !== root!.span)) expect(ids).toContain(span.parentSpanId);
  });

  it('traces no health probe', () => {
    expect(
      receiver.spans.filter(
        ({ span }) => attribute(span, 'url.path') === '/healthz' || attribute(span, 'http.target') === '/healthz',
      ),
    ).toEqual([]);
    expect(receiver.spans.filter(({ span }) => span.kind === SERVER_SPAN).map(({ span }) => span.name)).toEqual([
      'POST /graphql',
    ]);
  });

  it('still answers as without tracing', async () => {
    const result = await postGraphQL(`${server.url}/graphql`, CONFERENCE, { year: 2014 });
    expect(result).toMatchObject({ status: 200, data: { conference: { hostCity: { name: 'Zurich' } } } });
  });
});

it('loads no tracing SDK when OTEL_EXPORTER_OTLP_ENDPOINT is unset', () => {
  const loads = (env: Record<string, string>) => {
    const script = `require('./dist/server/tracing');
      process.stdout.write(String(Object.keys(require.cache).some((file) => file.includes('@opentelemetry/sdk-node'))));`;
    const run = spawnSync(process.execPath, ['-e', script], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', ...env },
      encoding: 'utf8',
    });
    expect(run.status).toBe(0);
    return run.stdout;
  };
  expect(loads({})).toBe('false');
  expect(loads({ OTEL_EXPORTER_OTLP_ENDPOINT: '' })).toBe('false');
  expect(loads({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9' })).toBe('true');
});
