import { serverWithStatementLog } from '../helpers/server';

/**
 * A to-one reference the query follows is read in the same statement as the record that holds it, by a left
 * join (server/common/rows.ts, `whenJoined`): a conference with its host city and that city's country is one
 * statement, not three. The answers are those the loaders gave one statement per reference.
 */
const { statementsOf } = serverWithStatementLog();

type Place = { name: string; country: { code: string } } | null;

it('reads a conference, its host city and the city’s country in one statement, its topics and themes in another', async () => {
  const { data, sql } = await statementsOf<{
    conference: {
      title: string;
      hostCity: Place;
      topics: { nodes: Array<{ wording: string; theme: { name: string } }> };
    };
  }>(
    `query ($year: Int!) {
      conference(year: $year) {
        title
        hostCity { name country { code } }
        topics(first: 50) { nodes { wording theme { name } } }
      }
    }`,
    { year: 2019 },
  );
  expect(data.conference.title).toBe('Channeling Change – Digital Cities in a changing world');
  expect(data.conference.hostCity).toEqual({ name: 'Venice', country: { code: 'IT' } });
  expect(data.conference.topics.nodes).toContainEqual({
    wording: 'cities as service hubs',
    theme: { name: 'E-government and digital transformation' },
  });
  expect(sql).toHaveLength(2);
  const [conference, topics] = sql;
  expect(conference).toMatch(/from "conference" as "e" left join "city" as "j1" on "e"."host_city_id" = "j1"."id"/);
  expect(conference).toContain('left join "country" as "j2" on "j1"."country_id" = "j2"."id"');
  // The joined records' columns are the ones the document selects, as the loaders would read them.
  expect(conference).toContain('"j1"."name" as "j1:name"');
  expect(conference).toContain('"j2"."code" as "j2:code"');
  expect(conference).not.toContain('"j1"."description"');
  expect(topics).toMatch(/from "topic" as "e" left join "theme" as "j1" on "e"."theme_id" = "j1"."id"/);
});

it('answers every conference’s references as before: nulls where there are none, past the join limit by the loaders', async () => {
  type Answer = {
    conferences: {
      nodes: Array<{
        year: number;
        hostCity: Place;
        hostOrganisation: { name: string; city: { name: string } | null; country: { code: string } } | null;
      }>;
    };
  };
  const { data, sql } = await statementsOf<Answer>(
    `{ conferences(first: 100) { nodes {
        year
        hostCity { name country { code } }
        hostOrganisation { name city { name } country { code } }
      } } }`,
  );
  const byYear = new Map(data.conferences.nodes.map((conference) => [conference.year, conference]));
  expect(byYear.get(2010)).toEqual({
    year: 2010,
    hostCity: { name: 'Berlin', country: { code: 'DE' } },
    hostOrganisation: { name: 'Berlin', city: { name: 'Berlin' }, country: { code: 'DE' } },
  });
  expect(byYear.get(2017)?.hostCity).toEqual({ name: 'Zagreb', country: { code: 'HR' } });
  expect(byYear.get(2022)?.hostOrganisation).toEqual({
    name: 'Larissa',
    city: { name: 'Larissa' },
    country: { code: 'GR' },
  });
  // The 2021 conference is planned with no host yet: a null reference joins nothing.
  expect(byYear.get(2021)).toMatchObject({ hostCity: null, hostOrganisation: null });
  // Four joins at most: host city, its country, host organisation and one of its references. The fifth is left
  // to its loader, which finds every record it needs already read: each host organisation is in its host city,
  // in that city's country.
  expect(sql).toHaveLength(1);
  expect(sql[0].match(/left join/g)).toHaveLength(4);
});

it('follows references two deep in a statement, and the loaders the rest of the way', async () => {
  const { data, sql } = await statementsOf<{
    topics: { nodes: Array<{ wording: string; conference: { year: number; hostCity: Place } | null }> };
  }>('{ topics(first: 100) { nodes { wording conference { year hostCity { name country { code } } } } } }');
  const topic = data.topics.nodes.find((node) => node.wording === 'cities as service hubs');
  expect(topic?.conference).toEqual({ year: 2019, hostCity: { name: 'Venice', country: { code: 'IT' } } });
  expect(sql).toHaveLength(2);
  const [page, countries] = sql;
  expect(page).toContain('left join "conference" as "j1" on "e"."conference_id" = "j1"."id"');
  expect(page).toContain('left join "city" as "j2" on "j1"."host_city_id" = "j2"."id"');
  expect(page).not.toContain('"country"');
  // The host cities' countries, three references from the topic, in one statement for every topic.
  expect(countries).toMatch(/from "country" as "e" where "e"."id" in/);
});

it('joins nothing for a reference the document does not follow', async () => {
  const { data, sql } = await statementsOf<{ conference: { year: number; status: string } }>(
    '{ conference(year: 2016) { year status } }',
  );
  expect(data.conference).toEqual({ year: 2016, status: 'HELD' });
  expect(sql).toHaveLength(1);
  expect(sql[0]).not.toContain('join');
});
