/**
 * The servers the side-by-side benchmark compares, each a child process on loopback over the same database, with
 * the SQL counter preloaded (sql-counter.ts) and its CPU time and RSS read from /proc.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { freeLoopbackPort, startServerProcess, type ServerProcess } from '../lib/server-process';
import { deployedNodeOptions } from '../lib/deployed-node';
import type { SqlCountMessage } from './sql-counter';

export const ROOT = path.resolve(__dirname, '../../..');
const DIST_BENCH = path.join(ROOT, 'dist/bench');
const SQL_COUNTER = path.join(DIST_BENCH, 'harness/sql-counter.js');

/**
 * PostGraphile has an install of its own (its package.json and lock file), apart from the project's: its packages
 * want Node 22, and a fresh `npm ci` of the project on Node 20 must install nothing whose engines reject Node 20.
 * It runs on Node 20 here with the polyfill preloaded.
 */
const POSTGRAPHILE_DIR = path.join(ROOT, 'bench/peers/postgraphile');
const POSTGRAPHILE_MODULE = path.join(POSTGRAPHILE_DIR, 'node_modules/postgraphile');

/** Installs PostGraphile from its lock file when it is missing or another version than its package.json names. */
export function ensurePostgraphileInstalled(): void {
  const wanted = (
    JSON.parse(readFileSync(path.join(POSTGRAPHILE_DIR, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    }
  ).dependencies.postgraphile;
  const installedFile = path.join(POSTGRAPHILE_MODULE, 'package.json');
  const installed = existsSync(installedFile)
    ? (JSON.parse(readFileSync(installedFile, 'utf8')) as { version: string }).version
    : undefined;
  if (installed === wanted) return;
  console.log(
    `bench: installing PostGraphile ${wanted} into ${path.relative(ROOT, POSTGRAPHILE_DIR)}/node_modules (npm ci, once) ...`,
  );
  // Errors only: its engine warnings (Node 22 wanted) are expected, and engine-strict in a user's npmrc must not
  // refuse it.
  execFileSync(
    'npm',
    ['ci', '--prefix', POSTGRAPHILE_DIR, '--no-audit', '--no-fund', '--loglevel=error', '--engine-strict=false'],
    { cwd: ROOT, stdio: 'inherit' },
  );
}

/** Which documents a peer answers: this API's schema (compared byte for byte) or PostGraphile's (as facts). */
export type SchemaKind = 'ours' | 'postgraphile';

export interface Peer {
  key: string;
  label: string;
  schema: SchemaKind;
  /** Whether it reads the database (the ceiling does not; it has no SQL count). */
  database: boolean;
  endpoint: string;
  server: ServerProcess;
  /** SQL statements it has sent so far. */
  sqlCount(): Promise<number>;
}

interface Launch {
  key: string;
  label: string;
  schema: SchemaKind;
  database: boolean;
  args: string[];
  env: NodeJS.ProcessEnv;
  /** Its URL, from its start-up output. */
  endpointFrom: (startup: string) => string | undefined;
}

function sqlCounter(server: ServerProcess): () => Promise<number> {
  return () =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no SQL count from the server within 5 s')), 5000);
      const onMessage = (message: SqlCountMessage) => {
        if (message?.type !== 'sql-count' || typeof message.count !== 'number') return;
        clearTimeout(timer);
        server.child.off('message', onMessage);
        resolve(message.count);
      };
      server.child.on('message', onMessage);
      server.child.send({ type: 'sql-count' } satisfies SqlCountMessage);
    });
}

/** Starts a peer; `started` receives it at once, so that the caller can stop it on every path. */
async function launch(spec: Launch, started: ServerProcess[]): Promise<Peer> {
  const { server, ready } = startServerProcess({
    label: spec.key,
    command: process.execPath,
    args: ['--require', SQL_COUNTER, ...spec.args],
    cwd: ROOT,
    env: spec.env,
    ipc: true,
    readyWhen: { output: (startup) => spec.endpointFrom(startup) !== undefined },
  });
  started.push(server);
  await ready;
  const endpoint = spec.endpointFrom(server.startup) ?? '';
  if (new URL(endpoint).hostname !== '127.0.0.1') throw new Error(`${spec.label} is not on loopback: ${endpoint}`);
  return {
    key: spec.key,
    label: spec.label,
    schema: spec.schema,
    database: spec.database,
    endpoint,
    server,
    sqlCount: sqlCounter(server),
  };
}

const listening = (startup: string) => /listening (http:\S+)/.exec(startup)?.[1];

/** The servers that read the database, started side by side. */
export async function startDatabasePeers(databaseUrl: string, started: ServerProcess[]): Promise<Peer[]> {
  // Every peer runs as it would be deployed: graphql-js and express skip their development-time checks under
  // NODE_ENV=production (graphql-js's instanceOf looks for a second copy of itself at every type check otherwise).
  const base = { ...process.env, NODE_ENV: 'production', DATABASE_URL: databaseUrl };
  const postgraphilePort = await freeLoopbackPort();
  return Promise.all([
    launch(
      {
        key: 'handwritten',
        label: 'hand-written (graphql-js + pg + DataLoader)',
        schema: 'ours',
        database: true,
        args: [path.join(DIST_BENCH, 'peers/handwritten/main.js')],
        env: { ...base, PORT: '0' },
        endpointFrom: listening,
      },
      started,
    ),
    launch(
      {
        key: 'postgraphile',
        label: 'PostGraphile 5 (amber)',
        schema: 'postgraphile',
        database: true,
        args: [
          '--require',
          path.join(POSTGRAPHILE_DIR, 'polyfill.cjs'),
          path.join(POSTGRAPHILE_MODULE, 'dist/cli-run.js'),
          '-C',
          path.join(POSTGRAPHILE_DIR, 'graphile.config.mjs'),
        ],
        env: { ...base, PORT: String(postgraphilePort), GRAPHILE_ENV: 'production' },
        endpointFrom: (startup) =>
          /Server listening on port \d+/.test(startup) ? `http://127.0.0.1:${postgraphilePort}/graphql` : undefined,
      },
      started,
    ),
    launch(
      {
        key: 'project',
        label: 'this server (uncached)',
        schema: 'ours',
        database: true,
        args: [...deployedNodeOptions(ROOT), path.join(ROOT, 'dist/server/main.js')],
        env: { ...base, PORT: '0', HOST: '127.0.0.1', RATE_LIMIT_POINTS: '0', LOG_LEVEL: 'warn' },
        endpointFrom: (startup) =>
          /Database\s+.+\n/.test(startup) ? /MCE graph API\s+(\S+)/.exec(startup)?.[1] : undefined,
      },
      started,
    ),
    // The same server with its response cache on: its answers must be the same bytes. The cache is in memory,
    // right only while this process is the database's only writer: the benchmark only reads. Should it ever
    // write through another peer, give this one REDIS_URL (and a RESPONSE_CACHE_KEY_PREFIX of its own).
    launch(
      {
        key: 'project-cached',
        label: 'this server (response cache)',
        schema: 'ours',
        database: true,
        args: [...deployedNodeOptions(ROOT), path.join(ROOT, 'dist/server/main.js')],
        env: {
          ...base,
          PORT: '0',
          HOST: '127.0.0.1',
          RATE_LIMIT_POINTS: '0',
          LOG_LEVEL: 'warn',
          RESPONSE_CACHE: 'true',
          REDIS_URL: '',
        },
        endpointFrom: (startup) =>
          /Database\s+.+\n/.test(startup) ? /MCE graph API\s+(\S+)/.exec(startup)?.[1] : undefined,
      },
      started,
    ),
  ]);
}

/** The ceiling, answering with the bytes in `answersFile` (see peers/ceiling.ts). */
export function startCeiling(answersFile: string, started: ServerProcess[]): Promise<Peer> {
  return launch(
    {
      key: 'ceiling',
      label: 'ceiling (bare node:http, same bytes)',
      schema: 'ours',
      database: false,
      args: [path.join(DIST_BENCH, 'peers/ceiling.js')],
      env: { ...process.env, PORT: '0', ANSWERS_FILE: answersFile },
      endpointFrom: listening,
    },
    started,
  );
}
