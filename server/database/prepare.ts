import type { MikroORM } from '@mikro-orm/postgresql';
import { Source } from '../modules/source/source.entity';
import { migrateUp } from './migrator';

/**
 * Brings a database up to date: applies pending migrations, then loads the dataset if the database holds
 * none yet (first start). Later starts leave the data alone, including records created through the API.
 */
export async function prepareDatabase(
  orm: MikroORM,
  { seed }: { seed: boolean },
): Promise<{ migrationsApplied: number; seeded: boolean }> {
  const migrationsApplied = await migrateUp(orm);
  if (!seed || (await orm.em.fork().count(Source)) > 0) return { migrationsApplied, seeded: false };
  // A require, not an import: loaded only for a first start, like the migrations (a seeded database never needs
  // the dataset's code again).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { DatasetSeeder } = require('./seeders/dataset.seeder') as typeof import('./seeders/dataset.seeder');
  await orm.seeder.seed(DatasetSeeder);
  return { migrationsApplied, seeded: true };
}
