import { DatasetSeeder } from '../../server/database/seeders/dataset.seeder';
import { databaseState } from '../helpers/database-state';
import { startTestServer, type TestServer } from '../helpers/server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('the seeder', () => {
  it('changes nothing and duplicates nothing when run again', async () => {
    const before = await databaseState(server.orm);
    await server.orm.getSeeder().seed(DatasetSeeder);
    await server.orm.getSeeder().seed(DatasetSeeder);
    expect(await databaseState(server.orm)).toEqual(before);
    expect(before.organisation).toMatch(/^53 rows/);
    expect(before.api_key).toMatch(/^0 rows/);
    expect(before.topic).toMatch(/^61 rows/);
  });

  it('gives every seeded record its source document', async () => {
    const withoutSource: string[] = [];
    for (const meta of Object.values(server.orm.getMetadata().getAll())) {
      if (meta.embeddable || meta.abstract || !meta.properties.source) continue;
      const [result] = await server.orm.em
        .getConnection()
        .execute(`select count(*)::int as count from "${meta.tableName}" where source_id is null`);
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
