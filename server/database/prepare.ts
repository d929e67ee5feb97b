import type { MikroORM } from '@mikro-orm/postgresql';
import { Source } from '../modules/source/source.entity';
import { DatasetSeeder } from './seeders/dataset.seeder';

/**
 * Brings a database up to date: applies pending migrations, then loads the dataset if the database holds
 * none yet (first start). Later starts leave the data alone, including records created through the API.
 */
export async function prepareDatabase(
  orm: MikroORM,
  { seed }: { seed: boolean },
): Promise<{ migrationsApplied: number; seeded: boolean }> {
  const migrationsApplied = (await orm.getMigrator().up()).length;
  if (!seed || (await orm.em.fork().count(Source)) > 0) return { migrationsApplied, seeded: false };
  await orm.getSeeder().seed(DatasetSeeder);
  return { migrationsApplied, seeded: true };
}
