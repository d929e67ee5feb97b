import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../server/database/embedded';
import { TEST_DATABASE_EMBEDDED, TEST_DATABASE_URL, recreateDatabase } from './database';

declare global {
  // Kept between globalSetup and globalTeardown, which run in the same process.
  var embeddedTestDatabase: EmbeddedPostgres | undefined;
}

export default async function globalSetup(): Promise<void> {
  let url: string;
  let embedded: boolean;
  if (process.env.DATABASE_URL) {
    url = await recreateDatabase(process.env.DATABASE_URL, 'mce_test');
    embedded = false;
    console.log(`\nTests use PostgreSQL at ${new URL(url).host} (database mce_test).`);
  } else {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'mce-test-'));
    globalThis.embeddedTestDatabase = await startEmbeddedPostgres(dataDir);
    url = globalThis.embeddedTestDatabase.url;
    embedded = true;
    console.log(`\nTests use embedded PostgreSQL (PGlite) in ${dataDir}.`);
  }
  process.env[TEST_DATABASE_URL] = url;
  process.env[TEST_DATABASE_EMBEDDED] = String(embedded);
}
