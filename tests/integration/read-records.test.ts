import { ReferenceKind } from '@mikro-orm/core';
import { RowReader } from '../../server/common/rows';
import { Role } from '../../server/modules/access/access.entity';
import { createApiKey } from '../../server/modules/access/access.service';
import { Conference } from '../../server/modules/conference/conference.entity';
import { entities } from '../../server/modules/domains';
import { City } from '../../server/modules/city/city.entity';
import { Organisation } from '../../server/modules/organisation/organisation.entity';
import { postGraphQL } from '../helpers/graphql';
import { startPrivateTestServer, type TestServer } from '../helpers/server';

/**
 * The read path reads plain records (server/common/rows.ts), the write path ORM entities. For every kind of
 * record in the registry, every row must read the same both ways: each column's value, of the same JavaScript
 * type (a Date stays a Date, a text[] an array, an embeddable an object), and each to-one relation's id.
 * The kinds the seed leaves empty (talks, API keys, audit entries) get rows first, through the API.
 */
let server: TestServer;

beforeAll(async () => {
  server = await startPrivateTestServer('read_records');
  const editor = await createApiKey(server.orm.em.fork(), 'read-records editor', Role.EDITOR);
  const created = await postGraphQL(
    server.endpoint,
    `mutation { createTalk(input: { title: "Open data in Cork", conferenceYear: 2019, speakerSlug: "giorgio-prister", organisationSlug: "cork-city-council" }) { id } }`,
    {},
    { authorization: `Bearer ${editor.key}` },
  );
  expect(created.errors).toBeUndefined();
}, 120_000);
afterAll(() => server?.close());

function kindsWithRows() {
  return entities.filter((entity) => !server.orm.getMetadata().get(entity.name).embeddable);
}

/** A value as a comparable string, with its JavaScript type, so that '2019' and 2019 or a string and a Date differ. */
function described(value: unknown): string {
  const type = value instanceof Date ? 'Date' : Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
  return `${type}:${JSON.stringify(value)}`;
}

describe('records read as plain rows equal the ORM entities', () => {
  it('for every kind of record, every row and every column', async () => {
    const compared: Record<string, number> = {};
    for (const entity of kindsWithRows()) {
      const meta = server.orm.getMetadata().get(entity.name);
      const viaOrm = (await server.orm.em
        .fork()
        .find(entity, {}, { orderBy: { id: 'ASC' } as never })) as unknown as Array<Record<string, unknown>>;
      const viaRows = (await new RowReader(server.orm.em.fork()).find(
        entity,
        {},
        { orderBy: { id: 'ASC' } as never },
      )) as unknown as Array<Record<string, unknown>>;
      expect(viaRows.map((row) => row.id)).toEqual(viaOrm.map((row) => row.id));
      for (const [index, record] of viaRows.entries()) {
        expect(record).toBeInstanceOf(entity);
        for (const prop of meta.props) {
          if (!prop.fieldNames || prop.embedded || prop.lazy) continue;
          if (prop.kind === ReferenceKind.ONE_TO_MANY || prop.kind === ReferenceKind.MANY_TO_MANY) continue;
          if (prop.kind === ReferenceKind.ONE_TO_ONE && !prop.owner) continue;
          const isReference = prop.kind === ReferenceKind.MANY_TO_ONE || prop.kind === ReferenceKind.ONE_TO_ONE;
          const idOf = (value: unknown) => (value == null ? null : (value as { id: number }).id);
          const fromOrm = isReference ? idOf(viaOrm[index][prop.name]) : viaOrm[index][prop.name];
          const fromRows = isReference ? idOf(record[prop.name]) : record[prop.name];
          expect(`${entity.name}#${record.id}.${prop.name} = ${described(fromRows)}`).toBe(
            `${entity.name}#${record.id}.${prop.name} = ${described(fromOrm)}`,
          );
        }
      }
      compared[entity.name] = viaRows.length;
    }
    // Every kind was compared on real rows, including those the API just wrote.
    for (const entity of kindsWithRows()) expect(compared[entity.name]).toBeGreaterThan(0);
    expect(compared.Country).toBe(18);
    expect(compared.Conference).toBe(12);
  });

  it('a conference read as a record keeps its embedded attendance and its dates', async () => {
    const [conference] = (await new RowReader(server.orm.em.fork()).find(Conference, {
      year: 2019,
    })) as unknown as Array<Record<string, unknown>>;
    expect(conference.year).toBe(2019);
    expect(conference.createdAt).toBeInstanceOf(Date);
    expect(typeof conference.attendance).toBe('object');
    expect(conference.globalId).toBe(Buffer.from(`Conference:${String(conference.id)}`).toString('base64url'));
  });

  it('a query shape built once answers each later request with its own values', async () => {
    const reader = new RowReader(server.orm.em.fork());
    const names = async (where: object) =>
      (await reader.find(Organisation, where as never, { orderBy: { id: 'ASC' } })).map((row) => row.name);
    expect(await names({ slug: 'cork-city-council' })).toEqual(['Cork City Council']);
    expect(await names({ slug: 'vitako' })).toEqual(['VITAKO']);
    expect(await names({ slug: 'no-such-organisation' })).toEqual([]);
    // Lists of ids are padded to a power of two by repeating the last id: the rows are still each id once.
    const three = await reader.find(Organisation, { id: { $in: [1, 2, 3] } });
    expect(three.map((row) => row.id).sort()).toEqual([1, 2, 3]);
    const five = await reader.find(Organisation, { id: { $in: [5, 4, 3, 2, 1] } });
    expect(five.map((row) => row.id).sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it('counts what em.count counts, for conditions through relations and over to-many sides', async () => {
    const reader = new RowReader(server.orm.em.fork());
    const cases: Array<[typeof Organisation | typeof City, object]> = [
      [Organisation, {}],
      [Organisation, { country: { code: 'IT' } }],
      [Organisation, { country: { code: 'DE' } }],
      [Organisation, { country: { code: 'XX' } }],
      [City, { conferencesHosted: { $some: {} } }],
      [City, { conferencesHosted: { $none: {} } }],
      [City, { country: { code: 'IT' }, conferencesHosted: { $some: {} } }],
    ];
    for (const [entity, where] of cases) {
      const expected = await server.orm.em.fork().count(entity as typeof Organisation, where as never);
      expect(
        `${entity.name} ${JSON.stringify(where)}: ${await reader.count(entity as typeof Organisation, where as never)}`,
      ).toBe(`${entity.name} ${JSON.stringify(where)}: ${expected}`);
    }
    // The seed data has 53 organisations.
    expect(await reader.count(Organisation, {})).toBe(53);
    expect(await reader.count(Organisation, { country: { code: 'XX' } } as never)).toBe(0);
  });
});
