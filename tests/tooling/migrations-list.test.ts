import { readdirSync } from 'node:fs';
import path from 'node:path';
import { loadMigrationsList, migrationNames } from '../../server/database/migrations';

/**
 * Migrations keep their own hand-written list (its order is the database's history), so this checks it against
 * the folder: a migration file that is not listed would never run, and one listed out of order would run
 * before what it builds on.
 */
const folder = path.resolve(__dirname, '../../server/database/migrations');
const files = readdirSync(folder)
  .filter((file) => /^Migration\d{14}_\w+\.ts$/.test(file))
  .map((file) => file.replace(/\.ts$/, ''));

describe('the migrations list', () => {
  it('names every migration file in the folder once, oldest first', () => {
    expect(files.length).toBeGreaterThanOrEqual(2);
    expect(migrationNames).toEqual([...files].sort());
  });

  it('runs each migration under its own file name, with the class that file exports', async () => {
    const migrationsList = loadMigrationsList();
    expect(migrationsList.map((migration) => migration.name)).toEqual(migrationNames);
    for (const migration of migrationsList) {
      const exported = (await import(path.join(folder, migration.name))) as Record<string, unknown>;
      expect(typeof migration.class).toBe('function');
      expect(migration.class).toBe(exported[migration.name]);
    }
  });
});
