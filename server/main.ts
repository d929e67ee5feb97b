import 'reflect-metadata';
import { createApp, GRAPHQL_PATH } from './app';
import { ConfigError, loadConfig } from './config';
import { openDatabase } from './database/database';
import { initOrm } from './database/orm';
import { prepareDatabase } from './database/prepare';

/** Start-up only: configuration, database, app, listen; and a clean stop on SIGTERM / SIGINT. */
async function main(): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase(config);
  const orm = await initOrm(database);
  const { seeded } = await prepareDatabase(orm, { seed: config.seedOnStart });
  const app = await createApp({ orm, config });
  const running = await app.listen(config.port, config.host);

  console.log(`MCE graph API   ${running.url}${GRAPHQL_PATH}`);
  console.log(`GraphQL IDE     ${running.url}${GRAPHQL_PATH} (open in a browser)`);
  console.log(`Health          ${running.url}/healthz, ${running.url}/readyz`);
  console.log(`Database        ${database.description}${seeded ? ', seeded with the MCE dataset' : ''}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received: finishing in-flight requests and shutting down.`);
    await running.close();
    await orm.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  // Configuration mistakes are the user's to fix: one line naming the variable, no stack trace.
  console.error(error instanceof ConfigError ? error.message : `Start-up failed: ${describe(error)}`);
  process.exit(1);
});

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
