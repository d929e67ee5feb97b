import { postGraphQL, queryData } from '../helpers/graphql';
import { startTestServer, statementsInto, type TestServer } from '../helpers/server';

/**
 * The relationship graph over the seeded dataset, checked against the source documents: how many records and
 * edges there are and why, edges the documents state, each filter, degrees, refusals and the SQL it takes.
 */
let server: TestServer;
const statements: string[] = [];

beforeAll(async () => {
  server = await startTestServer(statementsInto(statements));
});
afterAll(() => server.close());

interface GraphAnswer {
  graph: {
    nodeCount: number;
    edgeCount: number;
    nodes: Array<{
      id: string;
      kind: string;
      label: string;
      degree: number;
      country: string | null;
      years: number[];
      themes: string[];
    }>;
    edges: Array<{ id: string; source: string; target: string; label: string; text: string; year: number | null }>;
  };
}

const GRAPH = `query ($filter: GraphFilter) {
  graph(filter: $filter) {
    nodeCount edgeCount
    nodes { id kind label degree country years themes }
    edges { id source target label text year }
  }
}`;

function graphOf(filter?: Record<string, unknown>): Promise<GraphAnswer['graph']> {
  return queryData<GraphAnswer>(server.endpoint, GRAPH, { filter }).then((data) => data.graph);
}

/** Edges as "source label target (year)", by node labels: what a reader checks against the documents. */
function sentences(graph: GraphAnswer['graph']): string[] {
  const label = new Map(graph.nodes.map((node) => [node.id, node.label]));
  return graph.edges
    .map(
      (edge) => `${label.get(edge.source)} ${edge.text} ${label.get(edge.target)}${edge.year ? ` (${edge.year})` : ''}`,
    )
    .sort();
}

function countBy<T>(items: T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

describe('graph', () => {
  it('has every record of the graph kinds as a node and every link between them as an edge', async () => {
    const graph = await graphOf();
    // 53 organisations (48 members of the member table and 5 others: The Public Technology Institute, Larissa,
    // LECOS, Venis, Ca' Foscari), 41 cities, 18 countries (17 of the member table and South Korea), 12 conferences
    // (2010-2019, 2021, 2022), the 9 workshops, 25 themes, 61 topics (52 of conferences, one per workshop), the
    // association's president, 3 projects and the association itself.
    expect(countBy(graph.nodes, (node) => node.kind)).toEqual({
      ORGANISATION: 53,
      CITY: 41,
      COUNTRY: 18,
      CONFERENCE: 12,
      WORKSHOP: 9,
      THEME: 25,
      TOPIC: 61,
      PERSON: 1,
      PROJECT: 3,
      ASSOCIATION: 1,
    });
    expect(graph.nodeCount).toBe(224);
    // 46 organisations have a city (all but Grand Lyon, VITAKO, County Cork, Fingal County, LGMA, BAICR and the
    // PTI); each organisation and each city is in its country; 11 conferences have a host city and organisation
    // (the 2021 one was virtual); 5 co-organisers (Leipzig and LECOS in 2018, Venice, Venis and Ca' Foscari in
    // 2019) and one venue (Ca' Foscari); each topic is of its conference or workshop and on its theme; VITAKO
    // organised the European Local Government Conference on ICT, where the Smart Cities Project was presented; the
    // association's four partners (the PTI, VITAKO, the Autonomous University of Barcelona and the CTG), its
    // President and its seat, Bremerhaven.
    expect(countBy(graph.edges, (edge) => edge.label)).toEqual({
      LOCATED_IN: 46,
      MEMBER_IN: 48,
      IN_COUNTRY: 5 + 41,
      HOSTED: 11 + 11,
      CO_ORGANISED: 5,
      VENUE_OF: 1,
      TOPIC_OF: 52 + 9,
      ON_THEME: 61,
      ORGANISED: 1,
      PRESENTED_AT: 1,
      PARTNER_OF: 4,
      HOLDS_OFFICE: 1,
      SEATED_IN: 1,
    });
    expect(graph.edgeCount).toBe(298);
    expect(new Set(graph.edges.map((edge) => edge.id)).size).toBe(298);
  });

  it('states the links of the documents', async () => {
    const graph = await graphOf();
    expect(sentences(graph)).toEqual(
      expect.arrayContaining([
        'Florence hosted 2016 conference in Florence (2016)',
        'Larissa hosted 2022 conference in Larissa (2022)',
        'LECOS co-organised 2018 conference in Leipzig (2018)',
        "Ca' Foscari University venue of 2019 conference in Venice (2019)",
        'Trikala member in Greece',
        'Larissa in country Greece',
        'PIN Scrl located in Prato',
        'VITAKO organised European Local Government Conference on ICT and the Local Government transformation in Europe',
        'Smart Cities Project presented at European Local Government Conference on ICT and the Local Government transformation in Europe',
        'Cyber Security topic of 2014 conference in Zurich (2014)',
        'Cyber Security on theme Cybersecurity (2014)',
        'IT security for cities topic of IT security for cities',
      ]),
    );
    const florenceCity = graph.nodes.find((node) => node.kind === 'CITY' && node.label === 'Florence');
    const florence = graph.edges.find((edge) => edge.label === 'HOSTED' && edge.source === florenceCity?.id);
    expect(florence).toBeDefined();
    const conference = graph.nodes.find((node) => node.id === florence!.target);
    expect(conference).toMatchObject({
      kind: 'CONFERENCE',
      label: '2016 conference in Florence',
      country: 'IT',
      years: [2016],
      themes: [
        'citizens-and-democracy',
        'cloud-and-shared-services',
        'cybersecurity',
        'e-government-and-digital-transformation',
        'education',
        'ehealth',
        'emerging-technologies',
        'foresight',
      ],
    });
  });

  it("counts each node's edges as its degree", async () => {
    const graph = await graphOf();
    const node = (kind: string, label: string) => graph.nodes.find((n) => n.kind === kind && n.label === label);
    // Larissa: in Greece, the city of the organisation Larissa, host of the 2022 conference.
    expect(node('CITY', 'Larissa')).toMatchObject({ degree: 3, country: 'GR', years: [], themes: [] });
    // Greece: the cities Trikala and Larissa, the member Trikala and the organisation Larissa.
    expect(node('COUNTRY', 'Greece')?.degree).toBe(4);
    // Cybersecurity: the 2014, 2016 and 2021 conference topics and the "IT security for cities" workshop's.
    expect(node('THEME', 'Cybersecurity')).toMatchObject({
      degree: 4,
      years: [2014, 2016, 2021],
      themes: ['cybersecurity'],
    });
    // The association's President, who gave no talk the sources name.
    expect(node('PERSON', 'Giorgio Prister')?.degree).toBe(1);
    for (const each of graph.nodes) {
      expect(each.degree).toBe(graph.edges.filter((edge) => edge.source === each.id || edge.target === each.id).length);
    }
  });

  it('filters by country: the records in Greece and the links between them', async () => {
    const graph = await graphOf({ countries: ['gr'] });
    expect(graph.nodes.map((node) => `${node.kind} ${node.label}`).sort()).toEqual([
      'CITY Larissa',
      'CITY Trikala',
      'CONFERENCE 2022 conference in Larissa',
      'COUNTRY Greece',
      'ORGANISATION Larissa',
      'ORGANISATION Trikala',
    ]);
    expect(sentences(graph)).toEqual([
      'Larissa hosted 2022 conference in Larissa (2022)',
      'Larissa hosted 2022 conference in Larissa (2022)',
      'Larissa in country Greece',
      'Larissa in country Greece',
      'Larissa located in Larissa',
      'Trikala in country Greece',
      'Trikala located in Trikala',
      'Trikala member in Greece',
    ]);
    expect([graph.nodeCount, graph.edgeCount]).toEqual([6, 8]);
    expect(graph.nodes.find((node) => node.label === 'Greece')?.degree).toBe(4);
  });

  it('filters by theme: the records on it and the hosts linked to them', async () => {
    const graph = await graphOf({ themes: ['cybersecurity'] });
    expect(graph.nodes.map((node) => `${node.kind} ${node.label}`).sort()).toEqual([
      'CITY Florence',
      'CITY Zurich',
      'CONFERENCE 2014 conference in Zurich',
      'CONFERENCE 2016 conference in Florence',
      'CONFERENCE 2021 conference (virtual)',
      'ORGANISATION Florence',
      'ORGANISATION Zurich',
      'THEME Cybersecurity',
      'TOPIC Cyber Security',
      'TOPIC Cybersecurity',
      'TOPIC IT security for cities',
      'TOPIC Safety & Security',
      'WORKSHOP IT security for cities',
    ]);
    // 4 topics on the theme and of their conference or workshop, 2 hosts of each of the 2014 and 2016
    // conferences, and Florence and Zurich (organisations) located in Florence and Zurich (cities).
    expect(graph.edgeCount).toBe(4 + 4 + 4 + 2);
  });

  it('filters by years: dated records and edges in the range, undated ones kept', async () => {
    const graph = await graphOf({ fromYear: 2016, toYear: 2016 });
    expect(graph.nodes.filter((node) => node.kind === 'CONFERENCE').map((node) => node.label)).toEqual([
      '2016 conference in Florence',
    ]);
    expect(graph.nodes.filter((node) => node.kind === 'TOPIC')).toHaveLength(8 + 9);
    for (const node of graph.nodes) {
      if (node.years.length > 0) expect(node.years).toContain(2016);
    }
    for (const edge of graph.edges) {
      if (edge.year !== null) expect(edge.year).toBe(2016);
    }
    expect(sentences(graph)).toContain('Florence hosted 2016 conference in Florence (2016)');
    expect(sentences(graph)).not.toContain('Zurich hosted 2014 conference in Zurich (2014)');
    // Themes of no 2016 topic and no workshop topic drop out (mobile government was a 2012 topic only).
    expect(graph.nodes.some((node) => node.label === 'Mobile government')).toBe(false);
    const later = await graphOf({ fromYear: 2018 });
    expect(later.nodes.filter((node) => node.kind === 'CONFERENCE').map((node) => node.label)).toEqual([
      '2018 conference in Leipzig',
      '2019 conference in Venice',
      '2021 conference (virtual)',
      '2022 conference in Larissa',
    ]);
  });

  it('filters by kind: only those records and the edges between them', async () => {
    const graph = await graphOf({ kinds: ['CITY', 'COUNTRY'] });
    expect([graph.nodeCount, graph.edgeCount]).toEqual([41 + 18, 41]);
    expect(new Set(graph.edges.map((edge) => edge.label))).toEqual(new Set(['IN_COUNTRY']));
    const hosts = await graphOf({ kinds: ['CITY', 'CONFERENCE'], countries: ['DE'] });
    expect(sentences(hosts)).toEqual([
      'Berlin hosted 2010 conference in Berlin (2010)',
      'Hamburg hosted 2015 conference in Hamburg (2015)',
      'Leipzig hosted 2018 conference in Leipzig (2018)',
    ]);
  });

  it('answers each node with its record', async () => {
    const data = await queryData<{
      graph: { nodes: Array<{ label: string; record: { __typename: string; id: string } }> };
    }>(
      server.endpoint,
      `{ graph(filter: { countries: ["GR"] }) { nodes { id label record { __typename ... on Node { id } } } } }`,
    );
    expect(data.graph.nodes.map((node) => `${node.record.__typename} ${node.label}`).sort()).toEqual([
      'City Larissa',
      'City Trikala',
      'Conference 2022 conference in Larissa',
      'Country Greece',
      'Organisation Larissa',
      'Organisation Trikala',
    ]);
  });

  it('never holds an API key or an audit entry: its records are of the graph kinds by their type', async () => {
    const data = await queryData<{ __type: { possibleTypes: Array<{ name: string }> } }>(
      server.endpoint,
      `{ __type(name: "GraphRecord") { possibleTypes { name } } }`,
    );
    expect(data.__type.possibleTypes.map((type) => type.name).sort()).toEqual([
      'Association',
      'City',
      'Conference',
      'Country',
      'Organisation',
      'Person',
      'Project',
      'Theme',
      'Topic',
      'Workshop',
    ]);
  });

  it('refuses unknown countries and themes and a backwards year range', async () => {
    const refusals = [
      [{ countries: ['GR', 'XX'] }, ['filter', 'countries', 1], /"XX" is not the ISO 3166-1 alpha-2 code/],
      [{ themes: ['no-such-theme'] }, ['filter', 'themes', 0], /"no-such-theme" is not the slug of a theme/],
      [{ fromYear: 2017, toYear: 2016 }, ['filter', 'fromYear'], /`fromYear` \(2017\) is after `toYear` \(2016\)/],
    ] as const;
    for (const [filter, argumentPath, message] of refusals) {
      const answer = await postGraphQL(server.endpoint, GRAPH, { filter });
      expect(answer.errors).toHaveLength(1);
      expect(answer.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argumentPath } });
      expect(answer.errors?.[0].message).toMatch(message);
    }
  });

  it('reads the whole graph in one statement, two when countries or themes are checked', async () => {
    statements.length = 0;
    await graphOf();
    expect(statements).toHaveLength(1);
    statements.length = 0;
    await graphOf({ countries: ['IT'], themes: ['open-government-and-data'] });
    expect(statements).toHaveLength(2);
    statements.length = 0;
    // The records behind the nodes, asked only for their ids: none read.
    await queryData(server.endpoint, `{ graph { nodes { record { ... on Node { id } } } } }`);
    expect(statements).toHaveLength(1);
    // Asked for their fields: one statement per kind so asked, however many records.
    statements.length = 0;
    await queryData(
      server.endpoint,
      `{ graph { nodes { record { ... on Node { id } ... on Organisation { name } ... on City { name } } } } }`,
    );
    expect(statements).toHaveLength(1 + 2);
    expect(
      statements
        .slice(1)
        .map((statement) => /from "(\w+)"/.exec(statement)?.[1])
        .sort(),
    ).toEqual(['city', 'organisation']);
  });

  it('costs as much as a graph returns', async () => {
    const conferenceTopics = `... on Conference { topics(first: 100) { nodes { wording talks(first: 5) { nodes { title } } } } }`;
    // The twelve conferences with their topics, asked for as a list: affordable.
    const list = await postGraphQL(server.endpoint, `{ conferences(first: 12) { nodes { ${conferenceTopics} } } }`);
    expect(list.errors).toBeUndefined();
    // The same asked of every node of the graph counts for as many nodes as a graph may hold: refused.
    const answer = await postGraphQL(server.endpoint, `{ graph { nodes { record { ${conferenceTopics} } } } }`);
    expect(answer.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', limit: 'cost' } });
  });
});
