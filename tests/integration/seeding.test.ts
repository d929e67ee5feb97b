import type { MikroORM } from '@mikro-orm/postgresql';
import { DatasetSeeder } from '../../server/database/seeders/dataset.seeder';
import { startTestServer, type TestServer } from '../helpers/server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

/** Row count and latest change of every table. */
async function snapshot(orm: MikroORM) {
  const tables = Object.values(orm.getMetadata().getAll())
    .filter((meta) => !meta.embeddable && !meta.abstract)
    .map((meta) => meta.tableName)
    .sort();
  const rows: Record<string, string> = {};
  for (const table of tables) {
    const [result] = await orm.em
      .getConnection()
      .execute(`select count(*)::int as count, max(updated_at)::text as changed from "${table}"`);
    rows[table] = `${result.count} rows, last changed ${result.changed}`;
  }
  return rows;
}

describe('the seeder', () => {
  it('changes nothing and duplicates nothing when run again', async () => {
    const before = await snapshot(server.orm);
    await server.orm.getSeeder().seed(DatasetSeeder);
    await server.orm.getSeeder().seed(DatasetSeeder);
    expect(await snapshot(server.orm)).toEqual(before);
    expect(before.organisation).toMatch(/^53 rows/);
    expect(before.topic).toMatch(/^61 rows/);
  });

  it('gives every seeded record its source document', async () => {
    const withoutSource: string[] = [];
    for (const meta of Object.values(server.orm.getMetadata().getAll())) {
      if (meta.embeddable || meta.abstract || !meta.properties.source) continue;
      const [result] = await server.orm.em.getConnection().execute(`select count(*)::int as count from "${meta.tableName}" where source_id is null`);
      if (result.count > 0) withoutSource.push(`${meta.tableName}: ${result.count}`);
    }
    expect(withoutSource).toEqual([]);
  });
});

describe('migrations', () => {
  it('create exactly the schema the entities describe (nothing left for schema sync to do)', async () => {
    const pending = await server.orm.schema.getUpdateSchemaSQL({ wrap: false });
    expect(pending.trim()).toBe('');
  });
});
