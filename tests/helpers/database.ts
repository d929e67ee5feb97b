import { Client } from 'pg';

/**
 * Where the test run's database lives. With DATABASE_URL the tests use a fresh database `mce_test` on that
 * server (dropped and recreated each run, so the server's own data is never touched); without it, an embedded
 * engine in a temporary directory. globalSetup decides and passes the answer on through these variables.
 */
export const TEST_DATABASE_URL = 'MCE_TEST_DATABASE_URL';
export const TEST_DATABASE_EMBEDDED = 'MCE_TEST_DATABASE_EMBEDDED';

export function testDatabaseTarget(): { url: string; embedded: boolean } {
  const url = process.env[TEST_DATABASE_URL];
  if (!url) throw new Error('The test database is not set up: run the tests through jest (globalSetup).');
  return { url, embedded: process.env[TEST_DATABASE_EMBEDDED] === 'true' };
}

/** Drops and recreates `name` on the server at `serverUrl`; returns the new database's URL. */
export async function recreateDatabase(serverUrl: string, name: string): Promise<string> {
  await onServer(serverUrl, [`drop database if exists "${name}" with (force)`, `create database "${name}"`]);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Drops `name` on the server at `serverUrl`, if it is there. */
export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  await onServer(serverUrl, [`drop database if exists "${name}" with (force)`]);
}

async function onServer(serverUrl: string, statements: string[]): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}
