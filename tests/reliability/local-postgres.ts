import { spawnSync } from 'node:child_process';
import { Client } from 'pg';

/**
 * The real PostgreSQL server for the tests that need one even when the suite runs on the embedded engine (the
 * statement timeout, which the embedded engine does not enforce; stopping and starting the server). Each such
 * test makes its own database on it, never `mce_test`. The server is DATABASE_URL's when set (as in CI's first
 * run), else the local one at 127.0.0.1:5432.
 */
export const LOCAL_POSTGRES_URL = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

/**
 * Whether the server answers, checked synchronously (a child process) so that a test file can decide at load
 * time whether to run: where there is none it says so in one line and is skipped, except under CI=true.
 */
export function requireLocalPostgres(what: string): boolean {
  const probe = `const { Client } = require('pg');
    const client = new Client({ connectionString: process.argv[1], connectionTimeoutMillis: 3000 });
    client.connect().then(() => client.end()).then(() => process.exit(0), () => process.exit(1));`;
  const reachable =
    spawnSync(process.execPath, ['-e', probe, LOCAL_POSTGRES_URL], { cwd: __dirname, timeout: 10_000 }).status === 0;
  const where = new URL(LOCAL_POSTGRES_URL).host;
  if (!reachable) {
    if (process.env.CI === 'true')
      throw new Error(`CI must run ${what}, but no PostgreSQL server answers at ${where}.`);
    console.log(
      `Skipping ${what}: no PostgreSQL server answers at ${where} (set DATABASE_URL, or start the local one).`,
    );
  }
  return reachable;
}

/** Drops and creates database `name` on the server; returns its URL. */
export async function createOwnDatabase(name: string, serverUrl = LOCAL_POSTGRES_URL): Promise<string> {
  await withClient(serverUrl, async (client) => {
    await client.query(`drop database if exists "${name}" with (force)`);
    await client.query(`create database "${name}"`);
  });
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropOwnDatabase(name: string, serverUrl = LOCAL_POSTGRES_URL): Promise<void> {
  await withClient(serverUrl, (client) => client.query(`drop database if exists "${name}" with (force)`));
}

export async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
