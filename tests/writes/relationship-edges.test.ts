import { createClient, type MceClient } from '@mce/sdk';
import { Role } from '../../server/modules/access/access.entity';
import { createApiKey } from '../../server/modules/access/access.service';
import { queryData } from '../helpers/graphql';
import { EDGE_TABLE_AGAINST_VIEW_SQL, type EdgeTableDifference } from '../helpers/graph-edges';
import { startTestServer, type TestServer } from '../helpers/server';

/**
 * The graph's edge table (`relationship_edge`, which the paths search reads) follows every write in the writing
 * transaction: an organisation created through the API is on paths at once, a talk links its speaker, a deleted
 * record leaves no edge behind, and after all of it the table holds exactly the edges of the `relationship` view.
 */
let server: TestServer;
let editor: MceClient;

beforeAll(async () => {
  server = await startTestServer();
  const { key } = await createApiKey(server.orm.em.fork(), 'edge test editor', Role.EDITOR);
  editor = createClient({ url: server.endpoint, headers: { authorization: `Bearer ${key}` } });
});
afterAll(() => server.close());

const PATHS = `query ($from: ID!, $to: ID!, $maxHops: Int) {
  paths(from: $from, to: $to, maxHops: $maxHops, first: 5) {
    length
    steps { label direction year }
  }
}`;

async function paths(from: string, to: string, maxHops = 4) {
  return (
    await queryData<{
      paths: Array<{ length: number; steps: Array<{ label: string; direction: string; year: number | null }> }>;
    }>(server.endpoint, PATHS, { from, to, maxHops })
  ).paths;
}

/** Edges of the view missing from the table, and edges of the table the view does not have (multisets). */
async function tableAgainstView(): Promise<EdgeTableDifference> {
  const [difference] = await server.orm.em.fork().getConnection().execute(EDGE_TABLE_AGAINST_VIEW_SQL);
  return difference as EdgeTableDifference;
}

describe('the edge table follows writes', () => {
  it('holds the view exactly to begin with', async () => {
    const difference = await tableAgainstView();
    expect({ missing: difference.missing, extra: difference.extra }).toEqual({ missing: 0, extra: 0 });
    // The seed dataset's graph has 298 edges (graph.test.ts); other write tests may add some of their own.
    expect(difference.edges).toBeGreaterThanOrEqual(298);
  });

  it('puts a created organisation, and a talk given for it, on paths at once; a deleted one leaves none behind', async () => {
    const ids = await queryData<Record<string, { id: string }>>(
      server.endpoint,
      `{ trikala: city(slug: "trikala") { id } conference: conference(year: 2019) { id } }`,
    );
    const { createOrganisation: agency } = await editor.createOrganisation({
      input: {
        name: 'Edge Test Agency',
        slug: 'edge-test-agency',
        kind: 'AGENCY',
        countryCode: 'GR',
        citySlug: 'trikala',
      },
    });
    expect(await paths(agency.id, ids.trikala.id, 1)).toEqual([
      { length: 1, steps: [{ label: 'LOCATED_IN', direction: 'FORWARD', year: null }] },
    ]);

    const { createPerson: speaker } = await editor.createPerson({
      input: { name: 'Edge Test Speaker', slug: 'edge-test-speaker' },
    });
    const { createTalk: talk } = await editor.createTalk({
      input: {
        title: 'Edges that follow',
        conferenceYear: 2019,
        speakerSlug: 'edge-test-speaker',
        organisationSlug: 'edge-test-agency',
      },
    });
    // The speaker spoke for the agency and at the 2019 conference: both one hop away.
    expect((await paths(speaker.id, agency.id, 1)).map((path) => path.steps[0].label)).toEqual(['SPOKE_FOR']);
    expect((await paths(speaker.id, ids.conference.id, 1)).map((path) => path.steps[0].label)).toEqual(['SPOKE_AT']);
    expect(await tableAgainstView()).toMatchObject({ missing: 0, extra: 0 });

    await editor.deleteTalk({ id: talk.id, version: talk.version });
    await editor.deletePerson({ id: speaker.id, version: speaker.version });
    await editor.deleteOrganisation({ id: agency.id, version: agency.version });
    const [{ left }] = await server.orm.em
      .fork()
      .getConnection()
      .execute(
        `select count(*)::int as "left" from relationship_edge
          where (source_kind = 'ORGANISATION' and source_id = ?) or (target_kind = 'ORGANISATION' and target_id = ?)`,
        [...Array(2)].map(() => Number(Buffer.from(agency.id, 'base64url').toString().split(':')[1])),
      );
    expect(left).toBe(0);
    expect(await tableAgainstView()).toMatchObject({ missing: 0, extra: 0 });
  });

  it("re-derives a conference's topic edges with it, and every edge after TRUNCATE (both rolled back here)", async () => {
    const knex = server.orm.em.getConnection().getKnex();
    const trx = await knex.transaction();
    const difference = async () => {
      const { missing, extra } = (await trx.raw(EDGE_TABLE_AGAINST_VIEW_SQL)).rows[0] as EdgeTableDifference;
      return { missing, extra };
    };
    try {
      // ON_THEME edges carry the year of the topic's conference, though neither end is the conference.
      await trx.raw('update conference set year = year + 1000 where year = 2019');
      const [{ moved }] = (
        await trx.raw(`select count(*)::int as moved from relationship_edge where label = 'ON_THEME' and year = 3019`)
      ).rows;
      expect(moved).toBeGreaterThan(0);
      expect(await difference()).toEqual({ missing: 0, extra: 0 });
      await trx.raw('truncate talk');
      expect(
        (await trx.raw(`select count(*)::int as n from relationship_edge where label like 'SPOKE_%'`)).rows[0].n,
      ).toBe(0);
      expect(await difference()).toEqual({ missing: 0, extra: 0 });
    } finally {
      await trx.rollback();
    }
    expect(await tableAgainstView()).toMatchObject({ missing: 0, extra: 0 });
  });
});
