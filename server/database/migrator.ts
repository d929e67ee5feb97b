import type { IMigrator } from '@mikro-orm/core';
import type { MikroORM } from '@mikro-orm/postgresql';
import { loadMigrationsList, migrationNames } from './migrations';

/** MikroORM's default: where it records the migrations it has applied. */
const DEFAULT_MIGRATIONS_TABLE = 'mikro_orm_migrations';
/** PostgreSQL's undefined_table: a database no migration has run on yet. */
const UNDEFINED_TABLE = '42P01';

/**
 * The migrations this build knows that the database has not recorded as applied, oldest first — asked of the
 * migrations table in one statement, without loading the migrator (see loadMigrationsList for why).
 */
export async function pendingMigrationNames(orm: MikroORM): Promise<string[]> {
  const table = orm.config.get('migrations').tableName ?? DEFAULT_MIGRATIONS_TABLE;
  try {
    const rows = await orm.em.getConnection().execute<{ name: string }[]>(`select name from "${table}"`);
    const applied = new Set(rows.map((row) => row.name));
    return migrationNames.filter((name) => !applied.has(name));
  } catch (error) {
    if ((error as { code?: string }).code === UNDEFINED_TABLE) return [...migrationNames];
    throw error;
  }
}

/** MikroORM's migrator over this build's migrations, loaded on first use. */
export function loadMigrator(orm: MikroORM): IMigrator {
  const options = orm.config.get('migrations');
  if (!options.migrationsList) orm.config.set('migrations', { ...options, migrationsList: loadMigrationsList() });
  return orm.migrator;
}

/** Applies what is pending; a current database costs one statement and loads nothing. Returns how many ran. */
export async function migrateUp(orm: MikroORM): Promise<number> {
  if ((await pendingMigrationNames(orm)).length === 0) return 0;
  return (await loadMigrator(orm).up()).length;
}
