import { createClient, type MceClient } from '@mce/sdk';
import { postGraphQL, queryData } from '../helpers/graphql';
import { startTestServer, statementsInto, type TestServer } from '../helpers/server';

/**
 * Themes over time, as the sources tell them: the years each theme was on a conference programme (2012 Vienna to
 * 2021 online) in each year's wording, the themes that share conferences, and each year's new and recurring
 * themes. Also: each per-theme field is one SQL statement for all the themes of a request, and bad arguments are
 * BAD_USER_INPUT (what these queries cost: trends-cost.test.ts).
 */
let server: TestServer;
let client: MceClient;
const statements: string[] = [];

beforeAll(async () => {
  server = await startTestServer(statementsInto(statements));
  client = createClient({ url: server.endpoint });
});
afterAll(() => server.close());

const names = (themes: Array<{ name: string }>) => themes.map((theme) => theme.name);

describe('a theme over time', () => {
  it('gives the years cloud computing was discussed, each in its own wording (SDK: ThemeTimeline)', async () => {
    const { theme } = await client.themeTimeline({ slug: 'cloud-and-shared-services' });
    expect(theme).toMatchObject({
      name: 'Cloud computing and shared services',
      years: [2012, 2013, 2014, 2016],
      firstYear: 2012,
      lastYear: 2016,
      recurs: true,
    });
    expect(
      theme!.timeline.map((appearance) => [
        appearance.year,
        appearance.topic.conference?.hostCity?.name,
        appearance.wording,
      ]),
    ).toEqual([
      [2012, 'Vienna', 'Cities in the Cloud'],
      [2013, 'Ljubljana', 'Outsourcing in cities: practical experiences and implementation of Cloud computing'],
      [2014, 'Zurich', 'Cloud computing, shared services: Lessons learnt'],
      [2016, 'Florence', 'Government in the Cloud'],
    ]);
    expect(theme!.timeline.every((appearance) => appearance.event.__typename === 'Conference')).toBe(true);
    expect(theme!.timeline[0].event.id).toBe(theme!.timeline[0].topic.conference!.id);
  });

  it('words security differently over the years, and ends with its undated workshop', async () => {
    const { theme } = await client.themeTimeline({ slug: 'cybersecurity' });
    expect(
      theme!.timeline.map((appearance) => [
        appearance.year,
        appearance.date,
        appearance.event.__typename,
        appearance.wording,
        appearance.topic.kind,
      ]),
    ).toEqual([
      [2014, null, 'Conference', 'Cyber Security', 'KEY_TOPIC'],
      [2016, null, 'Conference', 'Safety & Security', 'KEY_TOPIC'],
      [2021, '2021-10-13', 'Conference', 'Cybersecurity', 'KEY_TOPIC'],
      [null, null, 'Workshop', 'IT security for cities', 'WORKSHOP_TOPIC'],
    ]);
    expect(theme!.timeline[3].topic.workshop).toMatchObject({ slug: 'it-security-for-cities', heldOn: null });
    expect(theme!.years).toEqual([2014, 2016, 2021]);
  });

  it('tells recurring themes from those of one year only', async () => {
    const data = await queryData<{ themes: { nodes: Array<{ slug: string; recurs: boolean; years: number[] }> } }>(
      server.endpoint,
      '{ themes(first: 50) { nodes { slug recurs years } } }',
    );
    const recurring = data.themes.nodes.filter((theme) => theme.recurs).map((theme) => theme.slug);
    expect(recurring.sort()).toEqual([
      'citizens-and-democracy',
      'cloud-and-shared-services',
      'cybersecurity',
      'data-and-big-data',
      'digital-ethics',
      'e-government-and-digital-transformation',
      'education',
      'emerging-technologies',
      'future-of-work',
      'ict-management-and-leadership',
      'open-government-and-data',
      'public-finances-and-business-cases',
      'smart-cities',
      'social-media',
    ]);
    const bySlug = new Map(data.themes.nodes.map((theme) => [theme.slug, theme]));
    // Two topics in 2021 ("Green Sustainable Transformation", "Green Skills Revolution"): one year, no recurrence.
    expect(bySlug.get('green-transformation')).toEqual({ slug: 'green-transformation', recurs: false, years: [2021] });
    // Only a workshop, which the sources do not date.
    expect(bySlug.get('open-source')).toEqual({ slug: 'open-source', recurs: false, years: [] });
    expect(bySlug.get('e-government-and-digital-transformation')?.years).toEqual([
      2013, 2015, 2016, 2017, 2018, 2019, 2021,
    ]);
  });
});

describe('themes that appear together', () => {
  it('pairs cloud computing with cybersecurity at Zurich (2014) and Florence (2016) (SDK: ThemePairs)', async () => {
    const { themePairs } = await client.themePairs({ theme: 'cybersecurity', minCount: 2 });
    const withCloud = themePairs.find((pair) => pair.themes[0].slug === 'cloud-and-shared-services');
    expect(withCloud).toMatchObject({
      count: 2,
      themes: [{ name: 'Cloud computing and shared services' }, { name: 'Cybersecurity' }],
      conferences: [
        { year: 2014, hostCity: { name: 'Zurich' } },
        { year: 2016, hostCity: { name: 'Florence' } },
      ],
    });
    expect(themePairs.every((pair) => pair.themes.some((theme) => theme.slug === 'cybersecurity'))).toBe(true);
    expect(themePairs.every((pair) => pair.count >= 2)).toBe(true);
  });

  it('puts the pair most often together first: e-government and emerging technologies, 2016-2019', async () => {
    const { themePairs } = await client.themePairs({ first: 3 });
    expect(themePairs).toHaveLength(3);
    expect(themePairs[0]).toMatchObject({
      count: 4,
      themes: [{ name: 'E-government and digital transformation' }, { name: 'Emerging technologies' }],
      conferences: [
        { year: 2016, hostCity: { name: 'Florence' } },
        { year: 2017, hostCity: { name: 'Zagreb' } },
        { year: 2018, hostCity: { name: 'Leipzig' } },
        { year: 2019, hostCity: { name: 'Venice' } },
      ],
    });
    // Then by count and the two names.
    expect(themePairs.slice(1).map((pair) => [pair.count, ...names(pair.themes)])).toEqual([
      [2, 'Citizens, politics and local democracy', 'Cloud computing and shared services'],
      [2, 'Citizens, politics and local democracy', 'Cybersecurity'],
    ]);
    // Smart cities had two topics in 2015 ("Governance of Smart Cites", "The city 2020"): one conference, one count.
    const { themePairs: smart } = await client.themePairs({ theme: 'smart-cities', first: 100 });
    expect(smart.find((pair) => pair.themes.some((theme) => theme.slug === 'education'))).toMatchObject({
      count: 1,
      conferences: [{ year: 2015, hostCity: { name: 'Hamburg' } }],
    });
    expect((await client.themePairs({ minCount: 5 })).themePairs).toEqual([]);
    expect((await client.themePairs({ theme: 'no-such-theme' })).themePairs).toEqual([]);
  });

  it("gives a theme's own pairs as Theme.appearsWith, the same as themePairs(theme:)", async () => {
    const { theme } = await client.themeTimeline({ slug: 'emerging-technologies', pairsFirst: 2 });
    expect(theme!.appearsWith.map((pair) => [pair.count, ...names(pair.themes)])).toEqual([
      [4, 'E-government and digital transformation', 'Emerging technologies'],
      [2, 'Citizens, politics and local democracy', 'Emerging technologies'],
    ]);
    const { themePairs } = await client.themePairs({ theme: 'emerging-technologies', first: 2 });
    expect(themePairs.map((pair) => [pair.count, ...names(pair.themes)])).toEqual(
      theme!.appearsWith.map((pair) => [pair.count, ...names(pair.themes)]),
    );
  });
});

describe('themes year by year', () => {
  it('tells the themes new in 2014 from those recurring (SDK: ThemeYears)', async () => {
    const { themeYears } = await client.themeYears({ fromYear: 2014, toYear: 2014 });
    expect(themeYears).toHaveLength(1);
    const [year] = themeYears;
    expect(year.year).toBe(2014);
    expect(year.conferences.map((conference) => conference.hostCity?.name)).toEqual(['Zurich']);
    expect(year.workshops).toEqual([]);
    expect(names(year.themes)).toEqual([
      'Citizens, politics and local democracy',
      'Cloud computing and shared services',
      'Cybersecurity',
      'Public finances and business cases',
    ]);
    expect(names(year.newThemes)).toEqual([
      'Citizens, politics and local democracy',
      'Cybersecurity',
      'Public finances and business cases',
    ]);
    expect(names(year.recurringThemes)).toEqual(['Cloud computing and shared services']);
  });

  it('lists every conference year, those without topics too, and 2021 new and recurring themes', async () => {
    const { themeYears } = await client.themeYears({});
    expect(themeYears.map((year) => year.year)).toEqual([
      2010, 2011, 2012, 2013, 2014, 2015, 2016, 2017, 2018, 2019, 2021, 2022,
    ]);
    const byYear = new Map(themeYears.map((year) => [year.year, year]));
    expect(byYear.get(2010)).toMatchObject({ conferences: [{ hostCity: { name: 'Berlin' } }], themes: [] });
    // The first year with topics: everything is new.
    expect(byYear.get(2012)!.newThemes).toHaveLength(6);
    expect(byYear.get(2012)!.recurringThemes).toEqual([]);
    expect(names(byYear.get(2021)!.newThemes)).toEqual(['Green and sustainable transformation']);
    expect(names(byYear.get(2021)!.recurringThemes)).toEqual([
      'Cybersecurity',
      'Digital ethics',
      'E-government and digital transformation',
      'Future of work',
      'ICT management, leadership and skills',
    ]);
    const { themeYears: range } = await client.themeYears({ fromYear: 2016, toYear: 2018 });
    expect(range.map((year) => [year.year, year.newThemes.length])).toEqual([
      [2016, 3],
      [2017, 3],
      [2018, 1],
    ]);
  });
});

describe('reading in SQL, batched', () => {
  const TRENDS = `query ($first: Int!) {
    themes(first: $first) {
      nodes {
        slug years firstYear lastYear recurs
        timeline {
          year wording
          event { __typename ... on Conference { year hostCity { name } } ... on Workshop { title } }
          topic { kind }
        }
        appearsWith(first: 3) { count themes { name } conferences { year } }
      }
    }
  }`;

  async function statementsOf(first: number): Promise<string[]> {
    statements.length = 0;
    const data = await queryData<{ themes: { nodes: unknown[] } }>(server.endpoint, TRENDS, { first });
    expect(data.themes.nodes).toHaveLength(Math.min(first, 25));
    return [...statements];
  }

  it('reads every theme’s timeline, years and pairs in one statement each, however many themes', async () => {
    const few = await statementsOf(2);
    const all = await statementsOf(50);
    expect(all).toHaveLength(few.length);
    expect(all.filter((statement) => /row_number\(\) over \(\s*partition by theme_id/.test(statement))).toHaveLength(1);
    expect(all.filter((statement) => /select distinct theme_id, appearance_year/.test(statement))).toHaveLength(1);
    expect(all.filter((statement) => /with shared as/.test(statement))).toHaveLength(1);
    // The themes page, the three above, and the conferences (each host city read in the same statement, by a
    // join), workshops and themes they lead to.
    const conferences = all.filter((statement) => /from "conference" as "e"/.test(statement));
    expect(conferences).toHaveLength(1);
    expect(conferences[0]).toContain('left join "city" as "j1" on "e"."host_city_id" = "j1"."id"');
    expect(all.filter((statement) => /from "city" as "e"/.test(statement))).toHaveLength(0);
    expect(all).toHaveLength(7);
  });

  it('answers themePairs and themeYears in one statement each, plus the records they name', async () => {
    statements.length = 0;
    await queryData(server.endpoint, '{ themeYears { year themes { name } newThemes { name } conferences { year } } }');
    expect(statements.filter((statement) => /event_year/.test(statement))).toHaveLength(1);
    expect(statements.length).toBeLessThanOrEqual(3);
    statements.length = 0;
    await queryData(server.endpoint, '{ themePairs(first: 100) { count themes { name } conferences { year } } }');
    expect(statements.filter((statement) => /with shared as/.test(statement))).toHaveLength(1);
    expect(statements.length).toBeLessThanOrEqual(3);
  });
});

describe('bounded', () => {
  it.each([
    ['{ themeYears(fromYear: 2016, toYear: 2014) { year } }', 'fromYear', /must not be after/],
    ['{ themeYears(fromYear: 3000) { year } }', 'fromYear', /2100/],
    ['{ themeYears(toYear: -5) { year } }', 'toYear', /1982/],
    ['{ themePairs(first: 1000) { count } }', 'first', /between 0 and 100/],
    ['{ themePairs(minCount: 0) { count } }', 'minCount', /at least 1/],
    ['{ theme(slug: "cybersecurity") { timeline(first: 101) { year } } }', 'first', /between 0 and 100/],
    ['{ theme(slug: "cybersecurity") { appearsWith(minCount: -1) { count } } }', 'minCount', /at least 1/],
  ])('refuses %s as BAD_USER_INPUT', async (query, argument, message) => {
    const result = await postGraphQL(server.endpoint, query);
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath: [argument] });
    expect(result.errors![0].message).toMatch(message);
  });
});
