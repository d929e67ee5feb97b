import 'reflect-metadata';
import { loadConfig } from '../config';
import { openDatabase } from './database';
import { initOrm } from './orm';
import { DatasetSeeder } from './seeders/dataset.seeder';

/**
 * Database maintenance from the command line, against the same database `npm start` would use:
 *   migrate            apply pending migrations
 *   seed               load the dataset (idempotent: adds only what is missing)
 *   migration:create   write a migration for the difference between the entities and the database
 */
async function main(command: string | undefined): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase(config);
  const orm = await initOrm(database);
  try {
    const migrator = orm.getMigrator();
    switch (command) {
      case 'migrate': {
        const applied = await migrator.up();
        console.log(`Applied ${applied.length} migration(s) on ${database.description}.`);
        break;
      }
      case 'seed': {
        await migrator.up();
        await orm.getSeeder().seed(DatasetSeeder);
        console.log(`Seeded ${database.description}.`);
        break;
      }
      case 'migration:create': {
        await migrator.up();
        const result = await migrator.createMigration('server/database/migrations', false, false);
        console.log(result.fileName ? `Created ${result.fileName}; add it to migrations/index.ts.` : 'No changes.');
        break;
      }
      default:
        throw new Error(`Unknown command "${command ?? ''}"; use migrate, seed or migration:create.`);
    }
  } finally {
    await orm.close(true);
    await database.close();
  }
}

main(process.argv[2]).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
