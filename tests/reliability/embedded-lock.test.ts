import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { postGraphQL } from '../helpers/graphql';

/**
 * One process owns an embedded data folder. With the compiled server (dist/server/main.js) running on a folder,
 * a second server and the CLI on the same folder refuse with one line naming the owner and exit 1, instead of
 * opening a second engine whose writes the first never sees (an API key the server then rejects). A server
 * killed with SIGKILL leaves its lock behind, and the next start takes it over and finds the data written before;
 * so does a start that finds the dead owner's PID now used by another process.
 */
const ROOT = path.join(__dirname, '../..');
const MAIN = path.join(ROOT, 'dist/server/main.js');
const CLI = path.join(ROOT, 'dist/server/database/cli.js');
const LOCK_FILE = 'mce-embedded.lock';
// Each test starts processes that boot the engine (the first also migrates and seeds it): on a busy shared
// machine the first test has taken over the default minute, so each gets more.
const STEPS_TIMEOUT_MS = 240_000;
let dataDir: string;
let adminKey: string;

// A test that fails half-way must not leave its server running.
const children = new Set<ChildProcessWithoutNullStreams>();
beforeAll(async () => {
  if (!existsSync(MAIN)) throw new Error('dist/server/main.js is missing: `npm test` builds it first (npm run build).');
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'mce-lock-'));
});
afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await rm(dataDir, { recursive: true, force: true });
});

function environment(): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '',
    HOME: os.homedir(),
    PORT: '0',
    LOG_LEVEL: 'silent',
    RATE_LIMIT_POINTS: '0',
    DATA_DIR: dataDir,
  };
}

interface Started {
  child: ChildProcessWithoutNullStreams;
  output: string;
  endpoint: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startServer(): Promise<Started> {
  const child = spawn(process.execPath, [MAIN], { cwd: ROOT, env: environment() });
  children.add(child);
  let output = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${output}`)), 60_000);
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /MCE graph API\s+(\S+)/.exec(output);
      if (match && /Database/.test(output)) {
        clearTimeout(timer);
        resolve({ child, output, endpoint: match[1], exited });
      }
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    void exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}: ${output}`));
    });
  });
}

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a node script to its end. One that is still running after `timeoutMs` (a second server that started
 * instead of refusing) is killed and reported with code null, so that the assertion on its code fails.
 */
function runToEnd(args: string[], timeoutMs: number): Promise<Finished> {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: environment() });
  children.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

async function stop(
  started: Started,
  signal: NodeJS.Signals,
): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  started.child.kill(signal);
  return started.exited;
}

const refusal = (pid: number | undefined) =>
  `The embedded database in ${dataDir} is in use by process ${pid}; stop it or set DATA_DIR\n`;

async function addTheme(endpoint: string, slug: string): Promise<unknown> {
  const result = await postGraphQL<{ createTheme: { name: string; slug: string } }>(
    endpoint,
    'mutation AddTheme($input: CreateThemeInput!) { createTheme(input: $input) { name slug } }',
    { input: { name: `Theme ${slug}`, slug, description: 'Written while another process tried the folder.' } },
    { authorization: `Bearer ${adminKey}` },
  );
  return result.errors ?? result.data;
}

async function readBack(endpoint: string, slugs: string[]): Promise<unknown> {
  const result = await postGraphQL(
    endpoint,
    `{ ${slugs.map((slug, index) => `t${index}: theme(slug: "${slug}") { name }`).join(' ')}
       apiKeys { nodes { name role } } }`,
    undefined,
    { authorization: `Bearer ${adminKey}` },
  );
  return result.errors ?? result.data;
}

describe('an embedded data folder in use', () => {
  it(
    'refuses a second server and the CLI with one line and exit code 1, and the first server keeps its data',
    async () => {
      // With no server running the CLI owns the folder for its run: the first admin key, before the first start.
      const created = await runToEnd([CLI, 'apikey:create', 'lock test admin', 'ADMIN'], 60_000);
      expect(created).toMatchObject({ code: 0, stderr: '' });
      adminKey = created.stdout.trim().split('\n').pop() ?? '';
      expect(adminKey).toMatch(/^mce_/);

      const first = await startServer();
      expect(first.output).toContain(
        `embedded PostgreSQL (PGlite) with data in ${dataDir}, seeded with the MCE dataset`,
      );
      expect(await addTheme(first.endpoint, 'before-second-server')).toEqual({
        createTheme: { name: 'Theme before-second-server', slug: 'before-second-server' },
      });

      const second = await runToEnd([MAIN], 30_000);
      expect(second).toEqual({ code: 1, stdout: '', stderr: refusal(first.child.pid) });

      const cli = await runToEnd([CLI, 'apikey:create', 'second admin', 'ADMIN'], 30_000);
      expect(cli).toEqual({ code: 1, stdout: '', stderr: refusal(first.child.pid) });

      // The first server still works on its data, and nothing the refused processes did reached it.
      expect(await addTheme(first.endpoint, 'after-second-server')).toEqual({
        createTheme: { name: 'Theme after-second-server', slug: 'after-second-server' },
      });
      expect(await readBack(first.endpoint, ['before-second-server', 'after-second-server'])).toEqual({
        t0: { name: 'Theme before-second-server' },
        t1: { name: 'Theme after-second-server' },
        apiKeys: { nodes: [{ name: 'lock test admin', role: 'ADMIN' }] },
      });

      // Killed outright, the server leaves its lock behind: the next start must see that its owner is gone.
      expect(await stop(first, 'SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' });
      expect(JSON.parse(await readFile(path.join(dataDir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: first.child.pid });
    },
    STEPS_TIMEOUT_MS,
  );

  it(
    'takes over the lock of a killed server, and the data written before is there',
    async () => {
      const next = await startServer();
      expect(next.output).toContain(`embedded PostgreSQL (PGlite) with data in ${dataDir}\n`);
      expect(JSON.parse(await readFile(path.join(dataDir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: next.child.pid });
      expect(await readBack(next.endpoint, ['before-second-server', 'after-second-server'])).toEqual({
        t0: { name: 'Theme before-second-server' },
        t1: { name: 'Theme after-second-server' },
        apiKeys: { nodes: [{ name: 'lock test admin', role: 'ADMIN' }] },
      });
      expect(await addTheme(next.endpoint, 'before-pid-reuse')).toEqual({
        createTheme: { name: 'Theme before-pid-reuse', slug: 'before-pid-reuse' },
      });
      expect(await stop(next, 'SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' });
    },
    STEPS_TIMEOUT_MS,
  );

  it(
    'takes over a lock whose PID another process has since been given, and a clean stop removes the lock',
    async () => {
      // The killed server's PID handed to a live process (this test runner): alive, but not the process that
      // started at the recorded time.
      const lockPath = path.join(dataDir, LOCK_FILE);
      const stale = JSON.parse(await readFile(lockPath, 'utf8')) as { pid: number };
      await writeFile(lockPath, JSON.stringify({ ...stale, pid: process.pid }));

      const next = await startServer();
      expect(await readBack(next.endpoint, ['before-second-server', 'before-pid-reuse'])).toEqual({
        t0: { name: 'Theme before-second-server' },
        t1: { name: 'Theme before-pid-reuse' },
        apiKeys: { nodes: [{ name: 'lock test admin', role: 'ADMIN' }] },
      });
      expect(await stop(next, 'SIGTERM')).toEqual({ code: 0, signal: null });
      expect(existsSync(lockPath)).toBe(false);
    },
    STEPS_TIMEOUT_MS,
  );
});
