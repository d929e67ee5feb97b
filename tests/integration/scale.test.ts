import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { EntityManager } from '@mikro-orm/postgresql';
import { EDGE_TABLE_AGAINST_VIEW_SQL, type EdgeTableDifference } from '../helpers/graph-edges';
import {
  SCALE_TABLES,
  ScaleRefusedError,
  scaleDatabase,
  type ScaleProgress,
  type ScaleResult,
} from '../../server/database/scale';
import { Role } from '../../server/modules/access/access.entity';
import { createApiKey } from '../../server/modules/access/access.service';
import { postGraphQL, queryData } from '../helpers/graphql';
import { startPrivateTestServer, type TestServer } from '../helpers/server';

/**
 * db:scale on a database of its own (it adds rows the shared database must not have): ×1 with the default seed,
 * checked row by row, through the API over HTTP, against the seed dataset's facts, and for its refusals.
 * Runs that must leave nothing behind (the determinism checks) happen inside a transaction rolled back afterwards;
 * their ids differ (sequences do not roll back), so rows are compared with ids replaced by their positions.
 */

type Row = Record<string, unknown>;

const SEEDED_DOCUMENTS = ['000_72251fe489c5ff25.txt', '003_926b5a261bed8753.txt', 'supplementary.md'];

/** What ×1 with seed 1 adds to the seed dataset, table by table. */
const ROWS_AT_FACTOR_1: Record<string, number> = {
  country: 1,
  city: 20,
  city_alias: 4,
  theme: 1,
  organisation: 30,
  membership: 15,
  person: 100,
  association_role: 1,
  conference: 1,
  workshop: 3,
  topic: 10,
  talk: 100,
  partnership: 2,
  project: 1,
  project_participation: 2,
};

let server: TestServer;
beforeAll(async () => {
  server = await startPrivateTestServer('scale');
});
afterAll(() => server?.close());

async function sql<T = Row>(em: EntityManager, query: string, params: unknown[] = []): Promise<T[]> {
  return em.execute(query, params) as Promise<T[]>;
}

/** Runs `work` in a transaction that is rolled back afterwards, whatever it did; returns what `work` returned. */
async function rolledBack<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
  const rollback = new Error('roll back');
  let seen: T | undefined;
  await server.orm.em
    .fork()
    .transactional(async (tx) => {
      seen = await work(tx);
      throw rollback;
    })
    .catch((error: unknown) => {
      if (error !== rollback) throw error;
    });
  return seen as T;
}

/** The rows a ×1 run with `seed` would add, as `generatedRows` lists them, leaving nothing behind. */
function rowsOfRun(seed: number): Promise<string> {
  return rolledBack(async (em) => generatedRows(em, (await scaleDatabase(em, { factor: 1, seed })).sourceFileName));
}

/**
 * The rows of one run (every column but ids and timestamps), with each reference to a generated row written as
 * that row's position among the run's rows of its table, and each reference to a seeded row as its id.
 */
async function generatedRows(em: EntityManager, sourceFileName: string): Promise<string> {
  const [{ id: sourceId }] = await sql<{ id: number }>(em, 'select id from source where file_name = ?', [
    sourceFileName,
  ]);
  const foreignKeys = await sql<{ table: string; column: string; target: string }>(
    em,
    `select child.relname as "table", a.attname as "column", parent.relname as target
     from pg_constraint c
     join pg_class child on child.oid = c.conrelid
     join pg_class parent on parent.oid = c.confrelid
     join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
     where c.contype = 'f'`,
  );
  const rows = new Map<string, Row[]>();
  const positions = new Map<string, Map<number, number>>();
  for (const table of SCALE_TABLES) {
    const tableRows = await sql(em, `select * from "${table}" where source_id = ? order by id`, [sourceId]);
    rows.set(table, tableRows);
    positions.set(table, new Map(tableRows.map((row, index) => [row.id as number, index])));
  }
  const lines: string[] = [];
  for (const [table, tableRows] of rows) {
    const references = new Map(foreignKeys.filter((key) => key.table === table).map((key) => [key.column, key.target]));
    for (const row of tableRows) {
      const cells = Object.entries(row)
        .filter(([column]) => !['id', 'source_id', 'created_at', 'updated_at'].includes(column))
        .map(([column, value]) => {
          const target = references.get(column);
          if (target === undefined || value === null) return `${column}=${JSON.stringify(value)}`;
          const position = positions.get(target)?.get(value as number);
          return position === undefined ? `${column}=seeded:${value}` : `${column}=${target}#${position}`;
        });
      lines.push(`${table}: ${cells.join(' ')}`);
    }
  }
  return lines.join('\n');
}

/** Every row taken from the seed documents, all columns: equal before and after means db:scale left them alone. */
async function seededRows(em: EntityManager): Promise<Record<string, string>> {
  const state: Record<string, string> = {};
  for (const table of [...SCALE_TABLES, 'association']) {
    const [row] = await sql<{ digest: string }>(
      em,
      `select md5(coalesce(string_agg(t::text, '|' order by t.id), '')) as digest from "${table}" t
       where t.source_id in (select id from source where file_name in (?, ?, ?))`,
      SEEDED_DOCUMENTS,
    );
    state[table] = row.digest;
  }
  return state;
}

describe('db:scale', () => {
  let seededBefore: Record<string, string>;
  let result: ScaleResult;
  const progress: ScaleProgress[] = [];

  it('gives the same rows for the same seed and other rows for another', async () => {
    const first = await rowsOfRun(7);
    const again = await rowsOfRun(7);
    const other = await rowsOfRun(8);
    expect(first.split('\n').length).toBeGreaterThan(250);
    expect(again).toBe(first);
    expect(other).not.toBe(first);
    // Nothing of the rolled-back runs is left.
    expect(await sql(server.orm.em.fork(), "select file_name from source where file_name like 'db-scale/%'")).toEqual(
      [],
    );
  });

  it('adds ×1 to the seed dataset in every table, with progress, pointing at one Source row of its own', async () => {
    const em = server.orm.em.fork();
    seededBefore = await seededRows(em);
    const predicted = await rowsOfRun(1);
    result = await scaleDatabase(server.orm.em.fork(), { factor: 1, onProgress: (step) => progress.push(step) });
    expect(result).toMatchObject({
      status: 'scaled',
      factor: 1,
      seed: 1,
      sourceFileName: 'db-scale/seed-1/factor-1',
      rows: 291,
    });
    expect(result.counts).toEqual(ROWS_AT_FACTOR_1);
    // The default seed is 1: the committed run has exactly the rows a run with seed 1 had.
    expect(await generatedRows(em, result.sourceFileName)).toBe(predicted);
    expect(progress.at(-1)).toEqual({ table: 'project_participation', written: 291, total: 291 });
    expect(progress.map((step) => step.written)).toEqual(
      [...progress.map((step) => step.written)].sort((a, b) => a - b),
    );

    const [source] = await sql<Row>(
      em,
      "select id, title, kind, rank, description from source where file_name = 'db-scale/seed-1/factor-1'",
    );
    expect(source).toMatchObject({
      title: 'Generated by db:scale, seed 1, factor 1',
      kind: 'SUPPLEMENTARY',
      rank: 1000,
    });
    expect(source.description).toContain('taken from no document');
    for (const [table, count] of Object.entries(ROWS_AT_FACTOR_1)) {
      const [row] = await sql<{ count: number }>(
        em,
        `select count(*)::int as count from "${table}" where source_id = ?`,
        [source.id],
      );
      expect([table, row.count]).toEqual([table, count]);
    }
    // Seed dataset (53 organisations, 61 topics) plus the generated rows.
    const [totals] = await sql<{ organisations: number; topics: number; orphans: number }>(
      em,
      `select (select count(*)::int from organisation) as organisations, (select count(*)::int from topic) as topics,
              (select count(*)::int from talk where source_id is null) as orphans`,
    );
    expect(totals).toEqual({ organisations: 53 + 30, topics: 61 + 10, orphans: 0 });

    // The graph's edges, derived once at the end of the run rather than by the triggers as it wrote, are exactly
    // the view's, the generated records' included.
    const [edges] = await sql<EdgeTableDifference>(em, EDGE_TABLE_AGAINST_VIEW_SQL);
    const [{ generated }] = await sql<{ generated: number }>(
      em,
      `select count(*)::int as generated from relationship_edge e join organisation o on o.id = e.source_id
        where e.source_kind = 'ORGANISATION' and o.source_id = ?`,
      [source.id],
    );
    expect({ missing: edges.missing, extra: edges.extra }).toEqual({ missing: 0, extra: 0 });
    expect(generated).toBeGreaterThan(30);
  });

  it('keeps every rule the API enforces', async () => {
    const em = server.orm.em.fork();
    const [violations] = await sql<Row>(
      em,
      `select
         (select count(*)::int from organisation o join city c on c.id = o.city_id where c.country_id <> o.country_id) as city_in_other_country,
         (select count(*)::int from talk t join topic p on p.id = t.topic_id where p.conference_id is distinct from t.conference_id) as topic_of_other_conference,
         (select count(*)::int from conference where year not between 1982 and 2100 or extract(year from start_date) <> year
            or extract(year from end_date) <> year or end_date < start_date) as conference_dates,
         (select count(*)::int from workshop where extract(year from held_on) not between 1982 and 2100) as workshop_dates,
         (select count(*)::int from (select slug from city union all select slug from organisation union all select slug from person
            union all select slug from workshop union all select slug from project union all select slug from theme) s
            where slug !~ '^[a-z0-9]+(-[a-z0-9]+)*$') as bad_slugs`,
    );
    expect(violations).toEqual({
      city_in_other_country: 0,
      topic_of_other_conference: 0,
      conference_dates: 0,
      workshop_dates: 0,
      bad_slugs: 0,
    });
  });

  it('serves the generated records through the API, each saying it was generated', async () => {
    const data = await queryData<{
      source: {
        kind: string;
        organisations: {
          totalCount: number;
          nodes: Array<{
            slug: string;
            country: { code: string };
            city: { slug: string; country: { code: string } } | null;
          }>;
        };
        conferences: { nodes: Array<{ year: number }> };
      };
    }>(
      server.endpoint,
      `{ source(fileName: "db-scale/seed-1/factor-1") {
           kind
           organisations(first: 30) { totalCount nodes { slug country { code } city { slug country { code } } } }
           conferences(first: 5) { nodes { year } }
         } }`,
    );
    expect(data.source.kind).toBe('SUPPLEMENTARY');
    expect(data.source.organisations.totalCount).toBe(30);
    const placed = data.source.organisations.nodes.filter((organisation) => organisation.city);
    expect(placed.length).toBeGreaterThan(20);
    for (const organisation of placed)
      expect([organisation.slug, organisation.city!.country.code]).toEqual([
        organisation.slug,
        organisation.country.code,
      ]);

    const [{ year }] = data.source.conferences.nodes;
    const conference = await queryData<{
      conference: {
        startDate: string;
        endDate: string;
        source: { fileName: string };
        talks: { nodes: Array<{ source: { fileName: string }; topic: { conference: { year: number } } | null }> };
      };
    }>(
      server.endpoint,
      `query ($year: Int!) { conference(year: $year) {
           startDate endDate source { fileName }
           talks(first: 50) { nodes { source { fileName } topic { conference { year } } } }
         } }`,
      { year },
    );
    expect(conference.conference.source.fileName).toBe('db-scale/seed-1/factor-1');
    expect(conference.conference.startDate.startsWith(`${year}-`)).toBe(true);
    expect(conference.conference.endDate >= conference.conference.startDate).toBe(true);
    for (const talk of conference.conference.talks.nodes) {
      expect(talk.source.fileName).toBe('db-scale/seed-1/factor-1');
      if (talk.topic) expect(talk.topic.conference.year).toBe(year);
    }
  });

  it('leaves the seeded facts as the sources give them', async () => {
    expect(await seededRows(server.orm.em.fork())).toEqual(seededBefore);
    const data = await queryData<{ conference: { hostCity: { slug: string }; source: { fileName: string } } }>(
      server.endpoint,
      '{ conference(year: 2019) { hostCity { slug } source { fileName } } }',
    );
    expect(data.conference).toEqual({ hostCity: { slug: 'venice' }, source: { fileName: 'supplementary.md' } });
  });

  it('runs once per database: the same run again changes nothing, another is refused', async () => {
    await expect(scaleDatabase(server.orm.em.fork(), { factor: 1, seed: 1 })).resolves.toMatchObject({
      status: 'already-scaled',
      rows: 291,
    });
    await expect(scaleDatabase(server.orm.em.fork(), { factor: 2, seed: 1 })).rejects.toThrow(
      new ScaleRefusedError(
        'The database is already scaled ×1 (seed 1); db:scale runs once per database: start from a fresh one (drop and create it, or remove DATA_DIR), then db:seed and db:scale.',
      ),
    );
    await expect(scaleDatabase(server.orm.em.fork(), { factor: 0, seed: 1 })).rejects.toThrow(
      'factor must be a number above 0 and at most 1000 (got 0).',
    );
  });

  it.each([
    [
      'a record without a source',
      "insert into city (created_at, updated_at, name, slug, country_id) select now(), now(), 'Nowhere', 'nowhere', id from country where code = 'AT'",
      'Table "city" holds 1 record(s) with no source (made through the API or by hand): db:scale will not mix generated data with them.',
    ],
    [
      'a seeded record more than the dataset has',
      "insert into theme (created_at, updated_at, source_id, name, slug, description) select now(), now(), id, 'Extra', 'extra', 'Extra.' from source where file_name = 'supplementary.md'",
      'Table "theme" holds 26 record(s) from the seed documents where the seed dataset has 25: the database was changed outside the API.',
    ],
    [
      'a generated record fewer than its run recorded',
      'delete from talk where id = (select max(id) from talk)',
      'Table "talk" holds 99 record(s) of the db:scale run with seed 1, factor 1, which recorded 100.',
    ],
  ])(
    'refuses a database holding %s (changed in a transaction rolled back afterwards)',
    async (_case, change, refusal) => {
      await rolledBack(async (em) => {
        await em.execute(change);
        await expect(scaleDatabase(em, { factor: 1, seed: 1 })).rejects.toThrow(new ScaleRefusedError(refusal));
      });
    },
  );

  it('refuses a database holding a record created through the API', async () => {
    const { key } = await createApiKey(server.orm.em.fork(), 'scale test editor', Role.EDITOR);
    const created = await postGraphQL(
      server.endpoint,
      'mutation { createPerson(input: { name: "Ada Example", slug: "ada-example" }) { slug } }',
      {},
      { authorization: `Bearer ${key}` },
    );
    expect(created.data).toEqual({ createPerson: { slug: 'ada-example' } });
    await expect(scaleDatabase(server.orm.em.fork(), { factor: 1, seed: 1 })).rejects.toThrow(
      new ScaleRefusedError(
        'The database holds 1 change(s) made through the API (audit_entry rows): db:scale adds only to the seed dataset and generated data.',
      ),
    );
  });
});

describe('npm run db:scale', () => {
  it('refuses a factor outside 1-1000 before it opens any database, exit code 1', () => {
    const cli = path.join(__dirname, '../../dist/server/database/cli.js');
    const run = spawnSync(process.execPath, [cli, 'scale', '--factor', '1001'], {
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: 'postgresql://nobody@127.0.0.1:1/none' },
    });
    expect(run.status).toBe(1);
    expect(run.stderr.split('\n')[0]).toBe('--factor must be a number from 1 to 1000 (got "1001").');
  });
});
