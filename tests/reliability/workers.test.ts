import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createOwnDatabase, dropOwnDatabase, requireLocalPostgres } from './local-postgres';

/**
 * WORKERS=2 on the compiled server (dist/server/main.js): the primary migrates and seeds once, then two processes
 * answer on one port (each answer names its process in `x-worker-pid`); a worker killed outright is replaced and
 * the port keeps answering; SIGTERM on the primary stops every worker after the requests in flight are answered,
 * and the primary exits 0. On a real PostgreSQL server, in a database of this test's own. Without DATABASE_URL
 * the embedded engine cannot be shared, and the server refuses to start in one line.
 */
const MAIN = path.join(__dirname, '../../dist/server/main.js');
const DATABASE = 'mce_workers';
/** A fact of the dataset: the 2014 conference was hosted by Zurich. */
const QUERY = JSON.stringify({ query: '{ conference(year: 2014) { hostCity { name } } }' });
const ANSWER = { data: { conference: { hostCity: { name: 'Zurich' } } } };

const children = new Set<ChildProcessWithoutNullStreams>();
afterEach(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  children.clear();
});
beforeAll(() => {
  if (!existsSync(MAIN)) throw new Error('dist/server/main.js is missing: `npm test` builds it first (npm run build).');
});

interface Child {
  child: ChildProcessWithoutNullStreams;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function spawnServer(env: Record<string, string>): Child {
  const child = spawn(process.execPath, [MAIN], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: os.homedir(),
      PORT: '0',
      LOG_LEVEL: 'silent',
      RATE_LIMIT_POINTS: '0',
      ...env,
    },
  });
  children.add(child);
  const chunks: string[] = [];
  child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => chunks.join(''), exited };
}

/** Waits until the output matches `pattern` (or the process exits, or a minute passes). */
async function waitForOutput({ output, child }: Child, pattern: RegExp): Promise<RegExpExecArray> {
  const until = Date.now() + 60_000;
  for (;;) {
    const match = pattern.exec(output());
    if (match) return match;
    if (child.exitCode !== null || Date.now() > until)
      throw new Error(`no ${pattern} in the server's output:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** One query on a connection of its own (so the cluster hands each to a worker); resolves once written too. */
function ask(port: number): {
  written: Promise<void>;
  answer: Promise<{ status: number; workerPid: number; body: unknown }>;
} {
  const request = http.request({
    host: '127.0.0.1',
    port,
    method: 'POST',
    path: '/graphql',
    agent: false,
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(QUERY) },
  });
  const answer = new Promise<{ status: number; workerPid: number; body: unknown }>((resolve, reject) => {
    request.once('response', (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.once('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          workerPid: Number(response.headers['x-worker-pid']),
          body: JSON.parse(text),
        }),
      );
    });
    request.once('error', reject);
  });
  const written = new Promise<void>((resolve) => request.end(QUERY, () => resolve()));
  return { written, answer };
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

it('refuses WORKERS > 1 on the embedded engine, in one line, before opening it', async () => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'mce-workers-'));
  try {
    const server = spawnServer({ WORKERS: '2', DATA_DIR: dataDir });
    expect(await server.exited).toEqual({ code: 1, signal: null });
    expect(server.output().trim()).toBe(
      'Invalid configuration: WORKERS is 2, but the embedded engine serves one process only: set DATABASE_URL to a PostgreSQL server, or WORKERS=1',
    );
    // Nothing was started in the folder: no engine files, no lock.
    expect(await readdir(dataDir)).toEqual([]);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});

const hasServer = requireLocalPostgres('the WORKERS test');
(hasServer ? describe : describe.skip)('WORKERS=2 on a real PostgreSQL server', () => {
  let url: string;
  beforeAll(async () => {
    url = await createOwnDatabase(DATABASE);
  });
  afterAll(() => dropOwnDatabase(DATABASE));

  it('serves from both workers, replaces one killed outright, and stops cleanly on SIGTERM with nothing lost', async () => {
    const server = spawnServer({ WORKERS: '2', DATABASE_URL: url });
    const [, port] = await waitForOutput(server, /MCE graph API\s+http:\/\/127\.0\.0\.1:(\d+)\//);
    const [, pidList] = await waitForOutput(server, /Workers\s+2 processes \((\d+, \d+)\)/);
    const workers = pidList.split(', ').map(Number);
    // Migrations and the seeding ran once, in the primary, which serves nothing itself.
    expect(server.output().match(/seeded with the MCE dataset/g)).toHaveLength(1);
    expect(workers).not.toContain(server.child.pid);

    const answeredBy = async (count: number) => {
      const answers = await Promise.all(Array.from({ length: count }, () => ask(Number(port)).answer));
      for (const answer of answers) expect(answer).toMatchObject({ status: 200, body: ANSWER });
      return new Set(answers.map((answer) => answer.workerPid));
    };
    expect([...(await answeredBy(20))].sort()).toEqual([...workers].sort());

    const [killed, survivor] = workers;
    process.kill(killed, 'SIGKILL');
    await waitForOutput(
      server,
      new RegExp(`Worker ${killed} exited unexpectedly on SIGKILL; starting another in \\d+ ms\\.`),
    );
    const [, replacement] = await waitForOutput(server, /Worker (\d+) is serving\./);
    expect(isRunning(killed)).toBe(false);
    expect([...(await answeredBy(20))].sort()).toEqual([survivor, Number(replacement)].sort());

    // Requests written before the signal: every one is answered in full.
    const inFlight = Array.from({ length: 12 }, () => ask(Number(port)));
    await Promise.all(inFlight.map((request) => request.written));
    server.child.kill('SIGTERM');
    const answers = await Promise.all(inFlight.map((request) => request.answer));
    for (const answer of answers) expect(answer).toMatchObject({ status: 200, body: ANSWER });
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(server.output()).toContain('SIGTERM received: stopping 2 worker(s).');
    expect(server.output()).toContain('All workers stopped.');
    expect(server.output().match(/^Stopped\.$/gm)).toHaveLength(2);
    expect(isRunning(survivor) || isRunning(Number(replacement))).toBe(false);
  }, 120_000);
});
