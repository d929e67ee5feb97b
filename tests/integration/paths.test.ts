import { encodeGlobalId } from '../../server/common/global-id';
import { postGraphQL, queryData } from '../helpers/graphql';
import { startTestServer, statementsInto, type TestServer } from '../helpers/server';

/**
 * Shortest paths through the relationship graph of the seeded dataset, checked hop by hop against the source
 * documents, with the limits, refusals and SQL statements of a paths query.
 */
let server: TestServer;
const statements: string[] = [];

beforeAll(async () => {
  server = await startTestServer(statementsInto(statements));
  const data = await queryData<Record<string, { id: string }>>(
    server.endpoint,
    `{
      trikalaCity: city(slug: "trikala") { id }
      larissaCity: city(slug: "larissa") { id }
      berlinCity: city(slug: "berlin") { id }
      trikala: organisation(slug: "trikala") { id }
      larissa: organisation(slug: "larissa") { id }
      vitako: organisation(slug: "vitako") { id }
      uab: organisation(slug: "autonomous-university-of-barcelona") { id }
      larissa2022: conference(year: 2022) { id }
      greece: country(code: "GR") { id }
      openSourceWorkshop: workshop(slug: "open-source-software") { id }
    }`,
  );
  ids = Object.fromEntries(Object.entries(data).map(([name, record]) => [name, record.id]));
});
afterAll(() => server.close());

let ids: Record<string, string> = {};

interface PathAnswer {
  length: number;
  nodes: Array<{ __typename: string; id: string }>;
  steps: Array<{
    from: { id: string };
    to: { id: string };
    label: string;
    text: string;
    direction: 'FORWARD' | 'BACKWARD';
    sentence: string;
    year: number | null;
    edgeId: string;
  }>;
}

const PATHS = `query ($from: ID!, $to: ID!, $maxHops: Int, $first: Int) {
  paths(from: $from, to: $to, maxHops: $maxHops, first: $first) {
    length
    nodes { __typename ... on Node { id } }
    steps { from { ... on Node { id } } to { ... on Node { id } } label text direction sentence year edgeId }
  }
}`;

async function paths(from: string, to: string, options: { maxHops?: number; first?: number } = {}) {
  const data = await queryData<{ paths: PathAnswer[] }>(server.endpoint, PATHS, { from, to, ...options });
  return data.paths;
}

/** A path as its steps' sentences with their direction: what a reader checks against the documents. */
function walked(path: PathAnswer): string[] {
  return path.steps.map((step) => `${step.direction === 'FORWARD' ? '→' : '←'} ${step.sentence}`);
}

describe('paths', () => {
  it('relates Trikala to Larissa: both cities are in Greece', async () => {
    const found = await paths(ids.trikalaCity, ids.larissaCity);
    expect(found).toHaveLength(1);
    const [path] = found;
    expect(path.length).toBe(2);
    expect(path.nodes).toEqual([
      { __typename: 'City', id: ids.trikalaCity },
      { __typename: 'Country', id: ids.greece },
      { __typename: 'City', id: ids.larissaCity },
    ]);
    expect(path.steps).toEqual([
      {
        from: { id: ids.trikalaCity },
        to: { id: ids.greece },
        label: 'IN_COUNTRY',
        text: 'in country',
        direction: 'FORWARD',
        sentence: 'Trikala in country Greece',
        year: null,
        edgeId: `IN_COUNTRY:${ids.trikalaCity}:${ids.greece}`,
      },
      {
        from: { id: ids.greece },
        to: { id: ids.larissaCity },
        label: 'IN_COUNTRY',
        text: 'in country',
        direction: 'BACKWARD',
        sentence: 'Larissa in country Greece',
        year: null,
        edgeId: `IN_COUNTRY:${ids.larissaCity}:${ids.greece}`,
      },
    ]);
  });

  it('relates the member Trikala to the organisation Larissa through the member table row of Greece', async () => {
    const found = await paths(ids.trikala, ids.larissa);
    expect(found.map(walked)).toEqual([['→ Trikala member in Greece', '← Larissa in country Greece']]);
    // Walked the other way round, the same path reversed.
    const back = await paths(ids.larissa, ids.trikala);
    expect(back.map(walked)).toEqual([['→ Larissa in country Greece', '← Trikala member in Greece']]);
  });

  it('answers every equally short path, up to `first`', async () => {
    // Larissa, Greece, hosts the 2022 conference as a city and as an organisation (the site's "the city of
    // Larissa, Greece will host our conference"): two paths of three steps from the member Trikala.
    const found = await paths(ids.trikala, ids.larissa2022);
    expect(found.map((path) => path.length)).toEqual([3, 3]);
    expect(found.map(walked)).toEqual([
      ['→ Trikala member in Greece', '← Larissa in country Greece', '→ Larissa hosted 2022 conference in Larissa'],
      ['→ Trikala member in Greece', '← Larissa in country Greece', '→ Larissa hosted 2022 conference in Larissa'],
    ]);
    expect(found.map((path) => path.nodes.map((node) => node.__typename))).toEqual([
      ['Organisation', 'Country', 'City', 'Conference'],
      ['Organisation', 'Country', 'Organisation', 'Conference'],
    ]);
    expect(found.map((path) => path.steps[2].year)).toEqual([2022, 2022]);
    expect(await paths(ids.trikala, ids.larissa2022, { first: 1 })).toHaveLength(1);
  });

  it('relates VITAKO and the Autonomous University of Barcelona as partners of the association', async () => {
    // "Partnerships are established with ... VITAKO"; "Some universities are partnering with Major Cities of
    // Europe ..., for example Autonomous University of Barcelona". Apart from the association, nothing links a
    // record in Spain to one elsewhere (no Spanish record hosted a conference or workshop), so that is the one
    // shortest path, however many are asked for.
    const found = await paths(ids.vitako, ids.uab, { maxHops: 6, first: 10 });
    expect(found.map(walked)).toEqual([
      [
        '→ VITAKO partner of Major Cities of Europe IT Users Group',
        '← Autonomous University of Barcelona partner of Major Cities of Europe IT Users Group',
      ],
    ]);
    expect(found[0].nodes.map((node) => node.__typename)).toEqual(['Organisation', 'Association', 'Organisation']);
    // Each end is within reach of its own neighbours too: VITAKO of Berlin through the member table's row of
    // Germany, the university of Barcelona, where it is located.
    const [berlin] = await paths(ids.vitako, ids.berlinCity);
    expect(walked(berlin)).toEqual(['→ VITAKO member in Germany', '← Berlin in country Germany']);
    const uabCity = await queryData<{ city: { id: string } }>(server.endpoint, `{ city(slug: "barcelona") { id } }`);
    const [barcelona] = await paths(ids.uab, uabCity.city.id);
    expect(walked(barcelona)).toEqual(['→ Autonomous University of Barcelona located in Barcelona']);
  });

  it('answers the same first paths however many are asked for, each one distinct', async () => {
    const themes = await queryData<Record<string, { id: string }>>(
      server.endpoint,
      `{ a: theme(slug: "emerging-technologies") { id } b: theme(slug: "e-government-and-digital-transformation") { id } }`,
    );
    const ten = await paths(themes.a.id, themes.b.id, { first: 10 });
    const three = await paths(themes.a.id, themes.b.id, { first: 3 });
    // Emerging technologies were a topic in 2016, 2017, 2018 and 2019, e-government and digital transformation
    // too: four conferences where they met, each a path of topic, conference, topic.
    expect(ten.map((path) => path.steps.map((step) => step.sentence).join(' / '))).toEqual([
      'Internet of Things on theme Emerging technologies / Internet of Things topic of 2016 conference in Florence / E-government & Digital transformation topic of 2016 conference in Florence / E-government & Digital transformation on theme E-government and digital transformation',
      'The great vanishing act – public administration and the impact of emerging technologies on theme Emerging technologies / The great vanishing act – public administration and the impact of emerging technologies topic of 2017 conference in Zagreb / E-government initiatives – has the transformation of public services happened? topic of 2017 conference in Zagreb / E-government initiatives – has the transformation of public services happened? on theme E-government and digital transformation',
      'new technologies beyond the hype on theme Emerging technologies / new technologies beyond the hype topic of 2018 conference in Leipzig / digital government in practice and citizen engagement topic of 2018 conference in Leipzig / digital government in practice and citizen engagement on theme E-government and digital transformation',
      'creating public value with emerging technologies (AI, data analysis, blockchain) on theme Emerging technologies / creating public value with emerging technologies (AI, data analysis, blockchain) topic of 2019 conference in Venice / cities as service hubs topic of 2019 conference in Venice / cities as service hubs on theme E-government and digital transformation',
    ]);
    expect(ten.map((path) => path.steps.map((step) => step.direction))).toEqual(
      Array(4).fill(['BACKWARD', 'FORWARD', 'BACKWARD', 'FORWARD']),
    );
    expect(new Set(ten.map((path) => JSON.stringify(path.nodes))).size).toBe(ten.length);
    expect(three).toEqual(ten.slice(0, 3));
  });

  it('answers nothing when the records are further apart than maxHops', async () => {
    expect(await paths(ids.trikalaCity, ids.larissaCity, { maxHops: 1 })).toEqual([]);
    expect(await paths(ids.trikala, ids.larissa2022, { maxHops: 2 })).toEqual([]);
    expect((await paths(ids.trikala, ids.larissa2022, { maxHops: 3 })).map((path) => path.length)).toEqual([3, 3]);
  });

  it('answers one path of length 0 from a record to itself', async () => {
    expect(await paths(ids.trikalaCity, ids.trikalaCity)).toEqual([
      { length: 0, nodes: [{ __typename: 'City', id: ids.trikalaCity }], steps: [] },
    ]);
  });

  it('takes null limits as the defaults (4 hops, 3 paths)', async () => {
    const data = await queryData<{ paths: PathAnswer[] }>(server.endpoint, PATHS, {
      from: ids.trikala,
      to: ids.larissa2022,
      maxHops: null,
      first: null,
    });
    expect(data.paths.map((path) => path.length)).toEqual([3, 3]);
  });

  it('refuses limits out of range', async () => {
    const cases = [
      [{ maxHops: 7 }, 'maxHops', /`maxHops` must be from 0 to 6 \(got 7\)/],
      [{ maxHops: -1 }, 'maxHops', /`maxHops` must be from 0 to 6/],
      [{ first: 11 }, 'first', /`first` must be from 1 to 10 \(got 11\)/],
      [{ first: 0 }, 'first', /`first` must be from 1 to 10/],
    ] as const;
    for (const [limits, argument, message] of cases) {
      const answer = await postGraphQL(server.endpoint, PATHS, {
        from: ids.trikalaCity,
        to: ids.larissaCity,
        ...limits,
      });
      expect(answer.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argumentPath: [argument] } });
      expect(answer.errors?.[0].message).toMatch(message);
    }
  });

  it('refuses ids of other types, of records that do not exist, and ids that are not ids', async () => {
    const cases = [
      [encodeGlobalId('ApiKey', 1), /is the id of a record of type ApiKey, which is not in the relationship graph/],
      [
        encodeGlobalId('AuditEntry', 1),
        /is the id of a record of type AuditEntry, which is not in the relationship graph/,
      ],
      [
        encodeGlobalId('Membership', 1),
        /is the id of a record of type Membership, which is not in the relationship graph/,
      ],
      [encodeGlobalId('City', 99999), /`to` names no record/],
      ['not-an-id', /is not a valid ID/],
    ] as const;
    for (const [to, message] of cases) {
      const answer = await postGraphQL(server.endpoint, PATHS, { from: ids.trikalaCity, to });
      expect(answer.data).toBeNull();
      expect(answer.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argumentPath: ['to'] } });
      expect(answer.errors?.[0].message).toMatch(message);
    }
    const from = await postGraphQL(server.endpoint, PATHS, { from: encodeGlobalId('Person', 99999), to: ids.greece });
    expect(from.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argumentPath: ['from'] } });
  });

  it('takes one statement per paths query, and one per kind of record whose fields it asks for', async () => {
    statements.length = 0;
    await queryData(server.endpoint, `query ($from: ID!, $to: ID!) { paths(from: $from, to: $to) { length } }`, {
      from: ids.trikala,
      to: ids.larissa2022,
    });
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatch(/with recursive/);
    // Records asked only for their ids (and types) are not read: the edges' table holds them.
    statements.length = 0;
    const found = await paths(ids.trikala, ids.larissa2022, { first: 10 });
    expect(found.length).toBeGreaterThan(1);
    expect(found.every((path) => path.nodes[0].id === ids.trikala && path.nodes.at(-1)!.id === ids.larissa2022)).toBe(
      true,
    );
    expect(statements).toHaveLength(1);
    // Asked for more: organisations, a country, a city and a conference, each kind read once for every path.
    statements.length = 0;
    const named = await queryData<{ paths: Array<{ nodes: Array<{ __typename: string; name?: string }> }> }>(
      server.endpoint,
      `query ($from: ID!, $to: ID!) { paths(from: $from, to: $to, first: 10) {
        nodes { __typename ... on Organisation { name } ... on Country { name } ... on City { name } ... on Conference { title } }
      } }`,
      { from: ids.trikala, to: ids.larissa2022 },
    );
    expect(named.paths[0].nodes[0]).toEqual({ __typename: 'Organisation', name: 'Trikala' });
    expect(statements).toHaveLength(1 + 4);
    // No path, at the greatest depth: still one statement. The open source workshop's one topic is on a theme no
    // conference had, and the sources give the workshop neither a date nor a city: nothing else reaches it.
    statements.length = 0;
    const started = Date.now();
    expect(await paths(ids.openSourceWorkshop, ids.trikalaCity, { maxHops: 6, first: 10 })).toEqual([]);
    expect(statements).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('costs more the more paths and hops it may return', async () => {
    const heavy = `... on Conference { topics(first: 100) { nodes { wording talks(first: 50) { nodes { title } } } } }`;
    const query = `query ($from: ID!, $to: ID!, $maxHops: Int, $first: Int) {
      paths(from: $from, to: $to, maxHops: $maxHops, first: $first) { nodes { ${heavy} } }
    }`;
    const small = await postGraphQL(server.endpoint, query, {
      from: ids.trikala,
      to: ids.larissa2022,
      maxHops: 3,
      first: 1,
    });
    expect(small.errors).toBeUndefined();
    const large = await postGraphQL(server.endpoint, query, {
      from: ids.trikala,
      to: ids.larissa2022,
      maxHops: 6,
      first: 10,
    });
    expect(large.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', limit: 'cost' } });
  });
});
