import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  checkWrites,
  expectOutageSurvived,
  MixedLoad,
  slugArray,
  summarise,
  writeLookupSql,
} from '../reliability/mixed-load';
import { createOwnDatabase, dropOwnDatabase, withClient } from '../reliability/local-postgres';

/**
 * The local PostgreSQL server stopped and started again under mixed read/write load (`npm run test:outage`,
 * never part of `npm test`: it stops the machine's server). The compiled server runs against a database of its
 * own (mce_outage); while PostgreSQL is down every request fails fast with 503 SERVICE_UNAVAILABLE; once it is
 * up again service resumes by itself; every acknowledged write is in the database and none is half applied.
 * PostgreSQL is started again whatever happens.
 */
const MAIN = path.join(__dirname, '../../dist/server/main.js');
const CLI = path.join(__dirname, '../../dist/server/database/cli.js');
const DATABASE = 'mce_outage';
const DOWN_MS = 2000;
const SETTLED_AFTER_MS = 3000;
const CLUSTER_VERSION =
  process.env.PG_CLUSTER_VERSION ?? (existsSync('/etc/postgresql') ? readdirSync('/etc/postgresql')[0] : '15');

function pgCluster(action: 'start' | 'stop'): void {
  const result = spawnSync('pg_ctlcluster', ['--skip-systemctl-redirect', CLUSTER_VERSION, 'main', action], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (result.status !== 0)
    throw new Error(`pg_ctlcluster ${action} failed (${result.status}): ${result.stderr}${result.error ?? ''}`);
}

function pgIsUp(): boolean {
  return spawnSync('pg_isready', ['-h', '127.0.0.1', '-p', '5432', '-q']).status === 0;
}

let url: string;
let server: ChildProcessWithoutNullStreams | undefined;
let output = '';
let endpoint: string;
let editorKey: string;

beforeAll(async () => {
  if (!existsSync(MAIN))
    throw new Error('dist/server/main.js is missing: npm run build first (npm run test:outage does).');
  if (!pgIsUp()) throw new Error(`The local PostgreSQL server (cluster ${CLUSTER_VERSION}/main) is not running.`);
  url = await createOwnDatabase(DATABASE);
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: os.homedir(),
    DATABASE_URL: url,
    PORT: '0',
    LOG_LEVEL: 'error',
    RATE_LIMIT_POINTS: '0',
  };

  const cli = spawnSync(process.execPath, [CLI, 'apikey:create', 'outage editor', 'EDITOR'], {
    env,
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (cli.status !== 0) throw new Error(`apikey:create failed: ${cli.stderr}`);
  editorKey = cli.stdout.trim().split('\n').at(-1)!;

  server = spawn(process.execPath, [MAIN], { env });
  endpoint = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${output}`)), 60_000);
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /MCE graph API\s+(\S+)/.exec(output);
      if (match && output.includes('Database')) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    server!.stdout.on('data', collect);
    server!.stderr.on('data', collect);
    server!.once('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
}, 120_000);

afterAll(async () => {
  // Whatever happened: PostgreSQL runs again, the server is gone, and so is this test's database.
  if (!pgIsUp()) pgCluster('start');
  if (server && server.exitCode === null) server.kill('SIGKILL');
  await waitUntil(pgIsUp, 30_000);
  if (url) await dropOwnDatabase(DATABASE);
}, 120_000);

describe('PostgreSQL stopped and started under mixed read/write load', () => {
  it('answers 503 fast while it is down, recovers by itself, loses no acknowledged write, then stops cleanly', async () => {
    const load = new MixedLoad({
      endpoint,
      apiKey: editorKey,
      runId: `pg-${Date.now().toString(36)}`,
      writers: 4,
      readers: 4,
    });
    await load.seed();
    load.start();
    await load.warmUp();

    const stopIssuedAt = load.now();
    let downAt = stopIssuedAt;
    try {
      pgCluster('stop');
      downAt = load.now();
      await sleep(DOWN_MS);
    } finally {
      pgCluster('start');
    }
    const upAt = load.now();
    await load.settle(upAt, SETTLED_AFTER_MS);
    const outcomes = await load.stop();

    const summary = summarise(outcomes, { downAt, upAt, settledAfterMs: SETTLED_AFTER_MS });
    const firstUnavailable = outcomes
      .filter((o) => o.status === 503 && o.finishedAt >= stopIssuedAt)
      .map((o) => o.finishedAt);
    const firstUnavailableAfterStopMs = firstUnavailable.length ? Math.min(...firstUnavailable) - stopIssuedAt : null;
    const writes = await withClient(url, (client) =>
      checkWrites(outcomes, async (slugs) => (await client.query(writeLookupSql('$1'), [slugArray(slugs)])).rows),
    );
    console.log(
      `PostgreSQL stopped (stop took ${downAt - stopIssuedAt} ms, down ${upAt - downAt} ms incl. start): ` +
        `first 503 ${firstUnavailableAfterStopMs} ms after the stop began; ` +
        `${JSON.stringify({ ...summary, unexpected: summary.unexpected.length, failedAfterRecovery: summary.failedAfterRecovery.length })}\n` +
        `writes: ${JSON.stringify({ ...writes, failedButCommitted: writes.failedButCommitted.length })}` +
        (summary.unexpected.length ? `\nunexpected: ${JSON.stringify(summary.unexpected.slice(0, 5))}` : ''),
    );

    expectOutageSurvived(summary, writes, SETTLED_AFTER_MS);
    expect(firstUnavailableAfterStopMs).not.toBeNull();
    expect(firstUnavailableAfterStopMs!).toBeLessThan(2000);

    // The server lived through it, and still stops cleanly.
    server!.removeAllListeners('exit');
    const exited = new Promise<number | null>((resolve) => server!.once('exit', resolve));
    server!.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 120_000);
});

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<void> {
  const started = Date.now();
  while (!condition() && Date.now() - started < timeoutMs) await sleep(200);
}
