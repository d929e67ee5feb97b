import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * SIGTERM on the compiled server (dist/server/main.js, embedded engine, its own data directory) while a batch of
 * heavy GraphQL requests is in flight: the listener closes at once (new connections are refused), every request
 * in flight is answered in full (200, the same data as before), the database is closed and the process exits 0.
 * In flight is proved two ways: some requests are held open by their client (the body's last byte is sent only
 * after the signal, so they cannot have been answered before it), and the rest are all written before the
 * signal with none answered yet; the server's own log line counts the requests it is finishing.
 * The bounds: past SHUTDOWN_TIMEOUT_MS, or on a second signal, the remaining requests are cut and it still exits 0.
 */
const MAIN = path.join(__dirname, '../../dist/server/main.js');
let dataDir: string;

beforeAll(async () => {
  if (!existsSync(MAIN)) throw new Error('dist/server/main.js is missing: `npm test` builds it first (npm run build).');
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'mce-shutdown-'));
});
// A test that fails half-way must not leave its server running.
const children = new Set<ChildProcessWithoutNullStreams>();
afterEach(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  children.clear();
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

interface Started {
  child: ChildProcessWithoutNullStreams;
  output: () => string;
  port: number;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

function startServer(env: Record<string, string>): Promise<Started> {
  const child = spawn(process.execPath, [MAIN], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: os.homedir(),
      PORT: '0',
      LOG_LEVEL: 'silent',
      RATE_LIMIT_POINTS: '0',
      DATA_DIR: dataDir,
      ...env,
    },
  });
  children.add(child);
  const chunks: string[] = [];
  const output = () => chunks.join('');
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${output()}`)), 60_000);
    const collect = (chunk: Buffer) => {
      chunks.push(chunk.toString());
      const match = /MCE graph API\s+http:\/\/127\.0\.0\.1:(\d+)\//.exec(output());
      if (match && /Database/.test(output())) {
        clearTimeout(timer);
        resolve({ child, output, port: Number(match[1]), exited });
      }
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    void exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}: ${output()}`));
    });
  });
}

interface Answer {
  status: number;
  body: string;
}

/** One POST on its own connection, written by hand so that the test decides when its last byte goes. */
class RawRequest {
  readonly response: Promise<Answer>;
  readonly written: Promise<void>;
  answered = false;
  private readonly request: http.ClientRequest;

  constructor(
    port: number,
    private readonly body: string,
    hold: boolean,
  ) {
    this.request = http.request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/graphql',
      agent: false,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    });
    this.response = new Promise<Answer>((resolve, reject) => {
      this.request.once('response', (response) => {
        this.answered = true;
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.once('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
        response.once('error', reject);
      });
      this.request.once('error', reject);
    });
    // Nobody may be left with an unhandled rejection when a test expects the request to be cut.
    this.response.catch(() => undefined);
    this.written = new Promise<void>((resolve) => {
      if (hold) this.request.write(body.slice(0, -1), () => resolve());
      else this.request.end(body, () => resolve());
    });
  }

  /** Sends the byte held back. */
  release(): void {
    this.request.end(this.body.slice(-1));
  }
}

/** Whether a new TCP connection to the port is refused. */
function connectionRefused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

const HAS_SS = spawnSync('ss', ['-V']).status === 0;

/** Connections waiting in the kernel's accept queue of the listener on `port` (Linux `ss`: Recv-Q). */
function acceptQueueLength(port: number): number {
  const result = spawnSync('ss', ['-Hltn', `sport = :${port}`], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`ss failed: ${result.stderr}${result.error ?? ''}`);
  const [, recvQ] = result.stdout.trim().split(/\s+/);
  return Number(recvQ);
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs: number): Promise<number | null> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await condition()) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return null;
}

/** Many rows over nested relations: each request costs the server many statements and real work. */
const HEAVY_QUERY = `{
  countries(first: 60, orderBy: { field: CODE, direction: ASC }) {
    totalCount
    nodes {
      code name
      cities(first: 10) { nodes { name aliases(first: 5) { nodes { name } } organisations(first: 10) { nodes { name kind membership { listedAs status } } } } }
      conferencesHosted(first: 10) { nodes { year title } }
    }
  }
  conferences(first: 100) { nodes { year title hostCity { name } topics(first: 50) { nodes { wording theme { name } } } } }
  themes(first: 100) { nodes { slug name topics(first: 50) { nodes { wording } } } }
}`;
const HEAVY_BODY = JSON.stringify({ query: HEAVY_QUERY });

describe('SIGTERM on the compiled server', () => {
  it('refuses new connections, finishes every request in flight with the right data, and exits 0', async () => {
    const server = await startServer({ SHUTDOWN_TIMEOUT_MS: '30000' });
    const referenceStarted = Date.now();
    const reference = await new RawRequest(server.port, HEAVY_BODY, false).response;
    const oneRequestMs = Date.now() - referenceStarted;
    expect(reference.status).toBe(200);
    const expected = JSON.parse(reference.body) as { data: { countries: { totalCount: number } }; errors?: unknown };
    expect(expected.errors).toBeUndefined();
    expect(expected.data.countries.totalCount).toBeGreaterThan(10);

    // Held open by their clients: begun (headers and all but the body's last byte sent), unanswerable until released.
    const held = Array.from({ length: 6 }, () => new RawRequest(server.port, HEAVY_BODY, true));
    await Promise.all(held.map((request) => request.written));
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Written in full just before the signal, once the server has accepted their connections: one still in the
    // kernel's accept queue when the listener closes is reset by the kernel (it never reached the server).
    const sent = Array.from({ length: 24 }, () => new RawRequest(server.port, HEAVY_BODY, false));
    await Promise.all(sent.map((request) => request.written));
    // Where there is no `ss` (not Linux, or no iproute2), a pause stands in for watching the queue empty.
    const acceptedAfterMs = HAS_SS
      ? await waitFor(async () => acceptQueueLength(server.port) === 0, 5000)
      : await new Promise<number>((resolve) => setTimeout(resolve, 300, 300));
    expect(acceptedAfterMs).not.toBeNull();
    const answeredBeforeSignal = sent.filter((request) => request.answered).length;
    const signalAt = Date.now();
    server.child.kill('SIGTERM');

    const refusedAfterMs = await waitFor(() => connectionRefused(server.port), 5000);
    const answeredWhenRefused = [...held, ...sent].filter((request) => request.answered).length;
    for (const request of held) request.release();
    const answers = await Promise.all(
      [...held, ...sent].map((request) =>
        request.response.catch((error: Error) => ({ status: 0, body: String(error) })),
      ),
    );
    const lastAnswerAt = Date.now();
    const exit = await server.exited;

    const inFlightAtSignal = Number(/Finishing (\d+) request\(s\) in flight/.exec(server.output())?.[1]);
    console.log(
      `graceful shutdown: one heavy request alone ${oneRequestMs} ms; ${held.length} held + ${sent.length} written, ` +
        `all accepted ${acceptedAfterMs} ms after written, ${answeredBeforeSignal} answered before SIGTERM; server counted ${inFlightAtSignal} in flight; new connections refused ` +
        `${refusedAfterMs} ms after the signal (${answeredWhenRefused} answered by then); last answer ${lastAnswerAt - signalAt} ms ` +
        `after the signal; exit ${exit.code} ${exit.at - signalAt} ms after it`,
    );

    expect(answeredBeforeSignal).toBe(0);
    expect(inFlightAtSignal).toBe(held.length + sent.length);
    expect(refusedAfterMs).not.toBeNull();
    // Refused while requests were still being finished: the held ones cannot be answered before their release.
    expect(answeredWhenRefused).toBeLessThan(held.length + sent.length);
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body)).toEqual(expected);
    }
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(server.output()).toContain('Stopped.');
  });

  it('lets keep-alive clients that go on sending finish cleanly: no request cut, nothing logged as an error', async () => {
    const server = await startServer({ SHUTDOWN_TIMEOUT_MS: '30000', LOG_LEVEL: 'warn', LOG_FORMAT: 'json' });
    const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
    const query = JSON.stringify({
      query: '{ conference(year: 2014) { hostCity { name } topics { nodes { wording theme { name } } } } }',
    });
    const answers: Array<{ status: number; body: string }> = [];
    let refusedOrClosed = 0;
    const ask = () =>
      new Promise<boolean>((resolve) => {
        const request = http.request(
          {
            port: server.port,
            host: '127.0.0.1',
            path: '/graphql',
            method: 'POST',
            agent,
            headers: { 'content-type': 'application/json' },
          },
          (response) => {
            let body = '';
            response.on('data', (chunk: Buffer) => (body += chunk.toString()));
            response.on('end', () => {
              answers.push({ status: response.statusCode ?? 0, body });
              resolve(true);
            });
          },
        );
        request.on('error', () => {
          refusedOrClosed += 1;
          resolve(false);
        });
        request.end(query);
      });
    // Four clients, each sending again as soon as it is answered, until the server stops taking requests.
    const clients = Array.from({ length: 4 }, async () => {
      while (await ask());
    });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    server.child.kill('SIGTERM');
    await Promise.all(clients);
    agent.destroy();
    const exit = await server.exited;

    // Each client was served on its kept-alive connection before it was turned away. (How many answers fit in
    // the second before the signal says how busy the machine is, not whether shutdown is clean.)
    expect(answers.length).toBeGreaterThanOrEqual(4);
    // Every client was eventually turned away (its connection closed, then refused), none left hanging.
    expect(refusedOrClosed).toBe(4);
    // Every answer it gave was whole and right: nothing was cut or failed under the database closing.
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body)).toMatchObject({ data: { conference: { hostCity: { name: 'Zurich' } } } });
    }
    expect(server.output()).not.toContain('"level":"error"');
    expect(exit).toMatchObject({ code: 0, signal: null });
  });

  it('cuts requests still running when SHUTDOWN_TIMEOUT_MS runs out, and still exits 0', async () => {
    const server = await startServer({ SHUTDOWN_TIMEOUT_MS: '500' });
    const stuck = new RawRequest(server.port, HEAVY_BODY, true);
    await stuck.written;
    await new Promise((resolve) => setTimeout(resolve, 300));
    const signalAt = Date.now();
    server.child.kill('SIGTERM');

    await expect(stuck.response).rejects.toThrow();
    const exit = await server.exited;
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.at - signalAt).toBeGreaterThanOrEqual(450);
    expect(exit.at - signalAt).toBeLessThan(5000);
    expect(server.output()).toContain('Grace period over: cutting 1 request(s) still in flight.');
    expect(server.output()).toContain('Stopped.');
  });

  it('cuts requests at once on a second signal, and still exits 0', async () => {
    const server = await startServer({ SHUTDOWN_TIMEOUT_MS: '60000' });
    const stuck = new RawRequest(server.port, HEAVY_BODY, true);
    await stuck.written;
    await new Promise((resolve) => setTimeout(resolve, 300));
    server.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 500));
    // Still waiting for the stuck request, as it should for up to a minute.
    expect(server.child.exitCode).toBeNull();
    const secondAt = Date.now();
    server.child.kill('SIGINT');

    await expect(stuck.response).rejects.toThrow();
    const exit = await server.exited;
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.at - secondAt).toBeLessThan(3000);
    expect(server.output()).toContain('SIGINT received again: cutting 1 request(s) still in flight.');
    expect(server.output()).toContain('Stopped.');
  });
});
