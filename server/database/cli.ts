import 'reflect-metadata';
import { createLogger } from '../common/logger';
import { loadConfig, type AppConfig } from '../config';
import { invalidateSharedResponses } from '../common/response-cache';
import { openDatabase } from './database';
import { initOrm } from './orm';
import { loadMigrator } from './migrator';
import { prepareDatabase } from './prepare';
import { DatasetSeeder } from './seeders/dataset.seeder';
import { Role } from '../modules/access/access.entity';
import { createApiKey } from '../modules/access/access.service';
import { parseScaleArguments, runScale } from './scale/cli';

/**
 * Database maintenance from the command line, against the same database `npm start` would use:
 *   migrate            apply pending migrations
 *   seed               load the dataset (idempotent: adds only what is missing)
 *   migration:create   write a migration for the difference between the entities and the database
 *   apikey:create NAME [EDITOR|ADMIN]   create an API key (the first admin key, say) and print it, once
 *   scale --factor N [--seed S]   add generated data (×1 to ×1000) to a database holding the seed dataset (scale/)
 *
 * On the embedded engine these need the server stopped: the folder has one owner at a time, and the running
 * server's engine admits no second connection (see embedded.ts), so openDatabase refuses with one line naming
 * the server's process (DataDirInUseError) rather than writing where the server would never see it.
 * With the server running, keys are created through its `createApiKey` mutation with an admin key.
 */
async function main(command: string | undefined, rest: string[]): Promise<void> {
  // Bad arguments are refused before the database is opened (and, on the embedded engine, its folder locked).
  const scaleArguments = command === 'scale' ? parseScaleArguments(rest) : undefined;
  const config = loadConfig();
  const database = await openDatabase(config);
  const orm = await initOrm(database, createLogger(config));
  try {
    const migrator = loadMigrator(orm);
    switch (command) {
      case 'migrate': {
        const applied = await migrator.up();
        console.log(`Applied ${applied.length} migration(s) on ${database.description}.`);
        break;
      }
      case 'seed': {
        await migrator.up();
        await orm.seeder.seed(DatasetSeeder);
        console.log(`Seeded ${database.description}.`);
        break;
      }
      case 'migration:create': {
        await migrator.up();
        const result = await migrator.createMigration('server/database/migrations', false, false);
        console.log(result.fileName ? `Created ${result.fileName}; add it to migrations/index.ts.` : 'No changes.');
        break;
      }
      case 'apikey:create': {
        const [name, role = Role.ADMIN] = rest;
        if (!name || !Object.values(Role).includes(role as Role)) {
          throw new Error('Usage: npm run apikey:create -- NAME [EDITOR|ADMIN]');
        }
        await migrator.up();
        const { apiKey, key } = await createApiKey(orm.em.fork(), name, role as Role);
        console.log(
          `Created ${apiKey.role} key "${apiKey.name}". Send it as "Authorization: Bearer <key>"; it is shown only now:\n${key}`,
        );
        break;
      }
      case 'scale': {
        // As on a first start: migrations, and the dataset if the database holds none yet (a database holding
        // anything is left as it is, for db:scale to check and perhaps refuse).
        await prepareDatabase(orm, { seed: true });
        await runScale(orm.em.fork(), scaleArguments!, database.description);
        break;
      }
      default:
        throw new Error(
          `Unknown command "${command ?? ''}"; use migrate, seed, migration:create, apikey:create or scale.`,
        );
    }
    if (command === 'migrate' || command === 'seed' || command === 'scale') await invalidateResponses(config);
  } finally {
    await orm.close(true);
    await database.close();
  }
}

/** Servers sharing a response cache must not answer from before these writes (see common/response-cache.ts). */
async function invalidateResponses(config: AppConfig): Promise<void> {
  if (!config.redisUrl) return;
  if (!(await invalidateSharedResponses(config))) {
    console.error(
      `Warning: could not reach Redis at REDIS_URL to invalidate the shared response cache; restart servers that use it.`,
    );
  }
}

main(process.argv[2], process.argv.slice(3)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
