import { rm } from 'node:fs/promises';

export default async function globalTeardown(): Promise<void> {
  const database = globalThis.embeddedTestDatabase;
  if (!database) return;
  await database.stop();
  await rm(database.dataDir, { recursive: true, force: true });
}
