import { postGraphQL, queryData } from '../helpers/graphql';
import { startTestServer, statementsInto, type TestServer } from '../helpers/server';

/**
 * Facets and aggregates beside connections, and lists ordered by a related count with a rank. The facts come from
 * the source documents: the conferences of 2010-2019 were hosted by Berlin, Prato, Vienna, Ljubljana, Zurich,
 * Hamburg, Florence, Zagreb, Leipzig and Venice (so Germany and Italy hosted three each), 2021 was virtual and 2022
 * is in Larissa; attendance figures are about 300 (2012), about 180 (2013), about 250 from 22 countries and 84
 * cities (2014), 204 (2015), about 400 (2016) and close to 200 from 18 countries (2018). The member table lists 11
 * members in Italy and 6 in Germany.
 */
let server: TestServer;
const statements: string[] = [];

beforeAll(async () => {
  server = await startTestServer(statementsInto(statements));
});
afterAll(() => server.close());

type Bucket<V> = { value: V; count: number };
type CountryBucket = { country: { name: string }; count: number };

describe('facets of a top-level connection', () => {
  it('counts the conferences per host country and year, over every page', async () => {
    const data = await queryData<{
      conferences: {
        nodes: Array<{ year: number }>;
        facets: { hostCountry: CountryBucket[]; year: Array<Bucket<number>>; format: Array<Bucket<string>> };
      };
    }>(
      server.endpoint,
      `{ conferences(first: 1) {
          nodes { year }
          facets { hostCountry { country { name } count } year { value count } format { value count } }
        } }`,
    );
    expect(data.conferences.nodes).toEqual([{ year: 2010 }]);
    // By count, then by value: Germany and Italy first, each with three.
    expect(data.conferences.facets.hostCountry.slice(0, 2)).toEqual([
      { country: { name: 'Germany' }, count: 3 },
      { country: { name: 'Italy' }, count: 3 },
    ]);
    expect(data.conferences.facets.hostCountry.slice(2).every((bucket) => bucket.count === 1)).toBe(true);
    expect(data.conferences.facets.year.map((bucket) => bucket.value)).toEqual([
      2010, 2011, 2012, 2013, 2014, 2015, 2016, 2017, 2018, 2019, 2021, 2022,
    ]);
    expect(data.conferences.facets.format).toEqual([
      { value: 'IN_PERSON', count: 11 },
      { value: 'VIRTUAL', count: 1 },
    ]);
  });

  it('sums, bounds and averages the attendance figures the sources give', async () => {
    const data = await queryData<{ conferences: { aggregates: Record<string, unknown> } }>(
      server.endpoint,
      `{ conferences(first: 0) { aggregates {
          count
          participants { count sum min max average }
          countriesRepresented { count sum min max average }
          citiesRepresented { count sum min max average }
        } } }`,
    );
    // 300 + 180 + 250 + 204 + 400 + 200 = 1534 over six conferences.
    expect(data.conferences.aggregates).toEqual({
      count: 12,
      participants: { count: 6, sum: 1534, min: 180, max: 400, average: 1534 / 6 },
      countriesRepresented: { count: 2, sum: 40, min: 18, max: 22, average: 20 },
      citiesRepresented: { count: 1, sum: 84, min: 84, max: 84, average: 84 },
    });
  });

  it('counts over the filtered set only', async () => {
    const data = await queryData<{
      conferences: {
        facets: { year: Array<Bucket<number>> };
        aggregates: { count: number; participants: { sum: number; average: number } };
      };
      organisations: { facets: { country: CountryBucket[]; isMember: Array<Bucket<boolean>> } };
    }>(
      server.endpoint,
      `{ conferences(filter: { hostCountryCode: { eq: "DE" } }) {
          facets { year { value count } }
          aggregates { count participants { sum average } }
        }
        organisations(filter: { isMember: true, countryCode: { in: ["IT", "DE"] } }) {
          facets { country { country { name } count } isMember { value count } }
        } }`,
    );
    // Berlin 2010, Hamburg 2015 (204), Leipzig 2018 (close to 200).
    expect(data.conferences.facets.year).toEqual([
      { value: 2010, count: 1 },
      { value: 2015, count: 1 },
      { value: 2018, count: 1 },
    ]);
    expect(data.conferences.aggregates).toEqual({ count: 3, participants: { sum: 404, average: 202 } });
    expect(data.organisations.facets.country).toEqual([
      { country: { name: 'Italy' }, count: 11 },
      { country: { name: 'Germany' }, count: 6 },
    ]);
    expect(data.organisations.facets.isMember).toEqual([{ value: true, count: 17 }]);
  });

  it('counts each item once when the filter or the group goes through a to-many relation', async () => {
    const data = await queryData<{
      conferences: {
        totalCount: number;
        aggregates: { count: number };
        facets: { theme: Array<{ theme: { slug: string }; count: number }> };
      };
      organisations: { totalCount: number; facets: { isMember: Array<Bucket<boolean>> } };
    }>(
      server.endpoint,
      `{ conferences(filter: { themeSlug: { eq: "cybersecurity" } }) {
          totalCount aggregates { count } facets { theme { theme { slug } count } }
        }
        organisations(filter: { isMember: false }) { totalCount facets { isMember { value count } } } }`,
    );
    expect(data.conferences.totalCount).toBe(3);
    expect(data.conferences.aggregates.count).toBe(3);
    expect(data.conferences.facets.theme[0]).toEqual({ theme: { slug: 'cybersecurity' }, count: 3 });
    // 53 organisations, 48 of them current members.
    expect(data.organisations.totalCount).toBe(5);
    expect(data.organisations.facets.isMember).toEqual([{ value: false, count: 5 }]);
  });

  it('counts partnerships, projects, their participants and the sources by their kinds', async () => {
    const data = await queryData<{
      partnerships: { facets: { kind: Array<Bucket<string>>; conferenceYear: Array<Bucket<number>> } };
      projects: { facets: { kind: Array<Bucket<string>> } };
      project: { participants: { facets: { role: Array<Bucket<string>> } } };
      sources: { facets: { kind: Array<Bucket<string>> } };
      talks: { facets: { conferenceYear: Array<Bucket<number>>; theme: unknown[] } };
    }>(
      server.endpoint,
      `{ partnerships { facets { kind { value count } conferenceYear { value count } } }
         projects { facets { kind { value count } } }
         project(slug: "european-local-government-conference-on-ict") { participants { facets { role { value count } } } }
         sources { facets { kind { value count } } }
         talks { facets { conferenceYear { value count } theme { count } } } }`,
    );
    // Leipzig and LECOS co-organised 2018; Venice, Venis and Ca' Foscari 2019, Ca' Foscari also its venue; the
    // PTI and VITAKO are collaboration partners, the Autonomous University of Barcelona and the CTG academic ones.
    expect(data.partnerships.facets.kind).toEqual([
      { value: 'CONFERENCE_CO_ORGANISER', count: 5 },
      { value: 'ACADEMIC_PARTNER', count: 2 },
      { value: 'COLLABORATION_PARTNER', count: 2 },
      { value: 'CONFERENCE_VENUE', count: 1 },
    ]);
    expect(data.partnerships.facets.conferenceYear).toEqual([
      { value: 2019, count: 4 },
      { value: 2018, count: 2 },
    ]);
    // FUPOL (an EU programme), the Smart Cities Project, and the conference on ICT where it was presented.
    expect(data.projects.facets.kind).toEqual([
      { value: 'EU_PROJECT', count: 1 },
      { value: 'EVENT', count: 1 },
      { value: 'PROJECT', count: 1 },
    ]);
    // "Vitako and Major Cities of Europe organised the European Local Government Conference on ICT".
    expect(data.project.participants.facets.role).toEqual([{ value: 'ORGANISER', count: 1 }]);
    // The sources name no talk, so there is nothing to count, but the groups answer.
    expect(data.talks.facets).toEqual({ conferenceYear: [], theme: [] });
    expect(data.sources.facets.kind).toEqual([
      { value: 'PRIMARY', count: 2 },
      { value: 'SUPPLEMENTARY', count: 1 },
    ]);
  });

  it('reads all the facet groups of a list in one statement, whatever the page', async () => {
    statements.length = 0;
    const data = await queryData<{
      organisations: { nodes: unknown[]; facets: { kind: Array<Bucket<string>>; country: CountryBucket[] } };
    }>(
      server.endpoint,
      `{ organisations(first: 2) { nodes { name } facets { kind { value count } country { country { name } count } } } }`,
    );
    expect(data.organisations.nodes).toHaveLength(2);
    expect(data.organisations.facets.kind[0]).toEqual({ value: 'CITY', count: 39 });
    expect(data.organisations.facets.kind.reduce((sum, bucket) => sum + bucket.count, 0)).toBe(53);
    expect(data.organisations.facets.country[0]).toEqual({ country: { name: 'Italy' }, count: 13 });
    // The page, one statement for both groups (a branch each), and the countries of the buckets (one batched read).
    const grouped = statements.filter((statement) => /group by 1, 2/.test(statement));
    expect(grouped).toHaveLength(1);
    expect(grouped[0].match(/group by 1, 2/g)).toHaveLength(2);
    expect(statements).toHaveLength(3);
  });
});

describe('facets of child connections', () => {
  it('counts every parent’s children in one statement for all the groups asked', async () => {
    statements.length = 0;
    const data = await queryData<{
      countries: {
        nodes: Array<{
          code: string;
          members: {
            facets: { kind: Array<Bucket<string>>; isMember: Array<Bucket<boolean>> };
            aggregates: { count: number };
          };
        }>;
      };
    }>(
      server.endpoint,
      `{ countries(first: 100, orderBy: { field: CODE }) { nodes {
          code
          members(first: 1) { facets { kind { value count } isMember { value count } } aggregates { count } }
        } } }`,
    );
    const byCode = new Map(data.countries.nodes.map((country) => [country.code, country.members]));
    expect(byCode.get('IT')).toEqual({
      facets: {
        kind: [
          // Empoli, Firenze, Genova, Livorno, Modena, Prato, Rome, Trieste, Venice; BAICR; PIN Scrl.
          { value: 'CITY', count: 9 },
          { value: 'ASSOCIATION', count: 1 },
          { value: 'CONSORTIUM', count: 1 },
        ],
        isMember: [{ value: true, count: 11 }],
      },
      aggregates: { count: 11 },
    });
    expect(byCode.get('DE')?.aggregates.count).toBe(6);
    expect(byCode.get('KR')).toEqual({ facets: { kind: [], isMember: [] }, aggregates: { count: 0 } });
    // countries, the members' pages, one grouped statement for both groups and one for the aggregates.
    const grouped = statements.filter((statement) => /group by 1, 2/.test(statement));
    expect(grouped).toHaveLength(1);
    expect(grouped[0].match(/group by 1, 2/g)).toHaveLength(2);
    expect(statements).toHaveLength(4);
  });

  it('counts lists read whole (a country’s conferences) in one statement for all parents', async () => {
    statements.length = 0;
    const data = await queryData<{
      countries: { nodes: Array<{ code: string; conferencesHosted: { facets: { year: Array<Bucket<number>> } } }> };
    }>(
      server.endpoint,
      `{ countries(first: 100) { nodes { code conferencesHosted(first: 1) { facets { year { value count } } } } } }`,
    );
    const italy = data.countries.nodes.find((country) => country.code === 'IT');
    expect(italy?.conferencesHosted.facets.year.map((bucket) => bucket.value)).toEqual([2011, 2016, 2019]);
    expect(statements.filter((statement) => /group by 1, 2/.test(statement))).toHaveLength(1);
  });
});

describe('the cost of facets', () => {
  it('refuses a query asking for many groups of many nested connections', async () => {
    const result = await postGraphQL(
      server.endpoint,
      `{ countries(first: 100) { nodes { organisations(first: 100) { facets {
          kind { value count } country { country { name } count } city { city { name } count } isMember { value count }
        } } } } }`,
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', limit: 'cost' });
    // The same nesting with one group costs a quarter as much, and is served.
    const one = await postGraphQL(
      server.endpoint,
      `{ countries(first: 20) { nodes { organisations(first: 5) { facets { kind { value count } } } } } }`,
    );
    expect(one.errors).toBeUndefined();
  });
});

type RankedCountries = {
  countries: {
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
    edges: Array<{ rank: number | null; node: { name: string } }>;
  };
};

const COUNTRIES_BY_HOSTED = `query ($first: Int, $after: String, $last: Int, $before: String) {
  countries(first: $first, after: $after, last: $last, before: $before, orderBy: { field: CONFERENCES_HOSTED, direction: DESC }) {
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { rank node { name } }
  }
}`;

describe('ordering by a related count, with a rank', () => {
  it('ranks Germany and Italy first together, each having hosted three conferences', async () => {
    const data = await queryData<RankedCountries>(server.endpoint, COUNTRIES_BY_HOSTED, { first: 3 });
    expect(data.countries.edges.slice(0, 2).map((edge) => edge.rank)).toEqual([1, 1]);
    expect(
      data.countries.edges
        .slice(0, 2)
        .map((edge) => edge.node.name)
        .sort(),
    ).toEqual(['Germany', 'Italy']);
    // Five countries hosted one each: all share rank 3.
    expect(data.countries.edges[2].rank).toBe(3);
  });

  it('ranks countries by members and themes by conferences', async () => {
    const data = await queryData<{
      countries: { edges: Array<{ rank: number; node: { name: string } }> };
      themes: { edges: Array<{ rank: number; node: { name: string } }> };
      plain: { edges: Array<{ rank: number | null }> };
    }>(
      server.endpoint,
      `{ countries(first: 2, orderBy: { field: MEMBER_COUNT, direction: DESC }) { edges { rank node { name } } }
         themes(first: 1, orderBy: { field: CONFERENCE_COUNT, direction: DESC }) { edges { rank node { name } } }
         plain: countries(first: 1) { edges { rank } } }`,
    );
    expect(data.countries.edges).toEqual([
      { rank: 1, node: { name: 'Italy' } },
      { rank: 2, node: { name: 'Germany' } },
    ]);
    expect(data.themes.edges).toEqual([{ rank: 1, node: { name: 'E-government and digital transformation' } }]);
    expect(data.plain.edges).toEqual([{ rank: null }]);
  });

  it('pages through the count-ordered list forwards and backwards, keeping the ranks', async () => {
    const forwards: Array<{ rank: number | null; name: string }> = [];
    let after: string | null = null;
    for (;;) {
      const data: RankedCountries = await queryData<RankedCountries>(server.endpoint, COUNTRIES_BY_HOSTED, {
        first: 4,
        after,
      });
      forwards.push(...data.countries.edges.map((edge) => ({ rank: edge.rank, name: edge.node.name })));
      if (!data.countries.pageInfo.hasNextPage) break;
      after = data.countries.pageInfo.endCursor;
    }
    expect(forwards).toHaveLength(18);
    expect(new Set(forwards.map((item) => item.name)).size).toBe(18);
    expect(forwards.filter((item) => item.rank === 3)).toHaveLength(5);
    expect(forwards.filter((item) => item.rank === 8)).toHaveLength(11);

    const backwards: Array<{ rank: number | null; name: string }> = [];
    let before: string | null = null;
    for (;;) {
      const data: RankedCountries = await queryData<RankedCountries>(server.endpoint, COUNTRIES_BY_HOSTED, {
        last: 5,
        before,
      });
      backwards.unshift(...data.countries.edges.map((edge) => ({ rank: edge.rank, name: edge.node.name })));
      if (!data.countries.pageInfo.hasPreviousPage) break;
      before = data.countries.pageInfo.startCursor;
    }
    expect(backwards).toEqual(forwards);
  });

  it('ranks per parent in SQL for nested lists', async () => {
    statements.length = 0;
    const data = await queryData<{
      sources: {
        nodes: Array<{ fileName: string; countries: { edges: Array<{ rank: number; node: { name: string } }> } }>;
      };
    }>(
      server.endpoint,
      `{ sources { nodes { fileName countries(first: 2, orderBy: { field: CONFERENCES_HOSTED, direction: DESC }) {
          edges { rank node { name } } } } } }`,
    );
    const withCountries = data.sources.nodes.find((source) => source.countries.edges.length > 0);
    expect(withCountries?.countries.edges.map((edge) => edge.rank)).toEqual([1, 1]);
    const ranked = statements.filter((statement) => /rank\(\) over \(partition by/.test(statement));
    expect(ranked).toHaveLength(1);
    expect(ranked[0]).toMatch(/row_number\(\) over \(partition by/);
  });

  it('refuses cursors of another ordering, forged counts and count orders of lists read whole', async () => {
    const byName = await queryData<{ countries: { pageInfo: { endCursor: string } } }>(
      server.endpoint,
      `{ countries(first: 1) { pageInfo { endCursor } } }`,
    );
    const mixed = await postGraphQL(server.endpoint, COUNTRIES_BY_HOSTED, {
      last: 2,
      before: byName.countries.pageInfo.endCursor,
    });
    expect(mixed.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const forged = Buffer.from(JSON.stringify(['Country.conferencesHosted', 'three', 5])).toString('base64url');
    const bad = await postGraphQL(server.endpoint, COUNTRIES_BY_HOSTED, { last: 2, before: forged });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const nested = await postGraphQL(
      server.endpoint,
      `{ conferences(first: 1) { nodes { themes(orderBy: { field: CONFERENCE_COUNT }) { nodes { name } } } } }`,
    );
    expect(nested.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('the README example', () => {
  it('answers as the README shows', async () => {
    const data = await queryData(
      server.endpoint,
      `{
        conferences(filter: { hostCountryCode: { eq: "DE" } }, first: 1) {
          nodes { year }
          facets { year { value count } }
          aggregates { count participants { count sum min max average } }
        }
        countries(first: 3, orderBy: { field: CONFERENCES_HOSTED, direction: DESC }) {
          edges { rank node { name } }
        }
      }`,
    );
    expect(data).toEqual({
      conferences: {
        nodes: [{ year: 2010 }],
        facets: {
          year: [
            { value: 2010, count: 1 },
            { value: 2015, count: 1 },
            { value: 2018, count: 1 },
          ],
        },
        aggregates: { count: 3, participants: { count: 2, sum: 404, min: 200, max: 204, average: 202 } },
      },
      countries: {
        edges: [
          { rank: 1, node: { name: 'Italy' } },
          { rank: 1, node: { name: 'Germany' } },
          { rank: 3, node: { name: 'Switzerland' } },
        ],
      },
    });
  });
});
