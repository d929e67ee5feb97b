import type { MikroORM } from '@mikro-orm/postgresql';

/**
 * Row count and latest change of every table: equal before and after an operation means it changed nothing.
 * `except` leaves out tables an operation may legitimately touch (none, for a rejected one).
 */
export async function databaseState(orm: MikroORM, except: string[] = []): Promise<Record<string, string>> {
  const tables = Object.values(orm.getMetadata().getAll())
    .filter((meta) => !meta.embeddable && !meta.abstract && !except.includes(meta.tableName))
    .map((meta) => meta.tableName)
    .sort();
  const state: Record<string, string> = {};
  for (const table of tables) {
    const [row] = await orm.em
      .fork()
      .getConnection()
      .execute(
        `select count(*)::int as count, max(updated_at)::text as changed, sum(version)::int as versions from "${table}"`,
      );
    state[table] = `${row.count} rows, last changed ${row.changed}, versions ${row.versions}`;
  }
  return state;
}
