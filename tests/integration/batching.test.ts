import { queryData } from '../helpers/graphql';
import { startTestServer, statementsInto, type TestServer } from '../helpers/server';

/**
 * No N+1: the SQL statements a nested query costs depend on its depth, not on how many rows each level holds.
 * The ORM's query log counts every statement sent to PostgreSQL.
 */
let server: TestServer;
const statements: string[] = [];

beforeAll(async () => {
  server = await startTestServer(
    statementsInto(statements),
    // The large query asks for up to 100 x 100 x 20 x 20 objects: far over the public cost limit, on purpose.
    { maxCost: 100_000_000 },
  );
});
afterAll(() => server.close());

const NESTED = `query ($countries: Int!, $members: Int!) {
  countries(first: $countries, orderBy: { field: CODE }) {
    nodes {
      code
      members(first: $members) {
        nodes {
          name
          city { name country { code } }
          conferencesHosted { nodes { year topics { nodes { wording theme { name } } } } }
        }
      }
    }
  }
}`;

type Nested = {
  countries: {
    nodes: Array<{
      code: string;
      members: {
        nodes: Array<{
          name: string;
          conferencesHosted: { nodes: Array<{ year: number; topics: { nodes: unknown[] } }> };
        }>;
      };
    }>;
  };
};

async function countStatements(variables: { countries: number; members: number }) {
  statements.length = 0;
  const data = await queryData<Nested>(server.endpoint, NESTED, variables);
  return { count: statements.length, data };
}

describe('nested queries: countries -> members -> conferences hosted -> topics', () => {
  it('cost the same number of SQL statements for 1 country with 1 member as for every country with every member', async () => {
    const small = await countStatements({ countries: 1, members: 1 });
    const large = await countStatements({ countries: 100, members: 100 });

    const members = large.data.countries.nodes.flatMap((country) => country.members.nodes);
    const conferences = members.flatMap((member) => member.conferencesHosted.nodes);
    const topics = conferences.flatMap((conference) => conference.topics.nodes);
    // The large query really does walk the whole graph…
    expect(large.data.countries.nodes).toHaveLength(18);
    expect(members).toHaveLength(48);
    expect(conferences.map((conference) => conference.year).sort()).toEqual([
      2010, 2011, 2012, 2013, 2014, 2015, 2016, 2017, 2018, 2019,
    ]);
    expect(topics).toHaveLength(45);
    // …for exactly as many statements as the smallest one, one per level.
    expect(large.count).toBe(small.count);
    expect(large.count).toBeLessThanOrEqual(8);
  });
});
