import { postGraphQL, queryData } from '../helpers/graphql';
import { startTestServer, type TestServer } from '../helpers/server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  edges: Array<{ cursor: string; node: { name: string } }>;
}

const MEMBERS_PAGE = `query ($first: Int, $after: String, $last: Int, $before: String) {
  organisations(first: $first, after: $after, last: $last, before: $before, filter: { isMember: true }) {
    totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { name } }
  }
}`;

async function page(variables: Record<string, unknown>): Promise<Page> {
  return (await queryData<{ organisations: Page }>(server.endpoint, MEMBERS_PAGE, variables)).organisations;
}

describe('cursor connections', () => {
  it('walk forward through all 48 members, ten at a time, without gaps or repeats', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const current: Page = await page({ first: 10, after });
      expect(current.totalCount).toBe(48);
      seen.push(...current.edges.map((edge) => edge.node.name));
      pages += 1;
      expect(current.pageInfo.hasPreviousPage).toBe(after !== null);
      if (!current.pageInfo.hasNextPage) break;
      after = current.pageInfo.endCursor;
    }
    expect(pages).toBe(5);
    const all = await page({ first: 100 });
    expect(seen).toEqual(all.edges.map((edge) => edge.node.name));
    expect(new Set(seen).size).toBe(48);
    expect(seen.slice(0, 3)).toEqual(['Aberdeen', 'Autonomous University of Barcelona', 'BAICR']);
  });

  it('walk backward with last/before to the same items', async () => {
    const all = (await page({ first: 100 })).edges.map((edge) => edge.node.name);
    const lastFive = await page({ last: 5 });
    expect(lastFive.edges.map((edge) => edge.node.name)).toEqual(all.slice(-5));
    expect(lastFive.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
    const before = await page({ last: 5, before: lastFive.pageInfo.startCursor });
    expect(before.edges.map((edge) => edge.node.name)).toEqual(all.slice(-10, -5));
    expect(before.pageInfo.hasNextPage).toBe(true);
  });

  it('page nested connections the same way', async () => {
    const query = `query ($after: String) { country(code: "IT") { members(first: 4, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } nodes { name } } } }`;
    type Result = {
      country: {
        members: {
          totalCount: number;
          pageInfo: { hasNextPage: boolean; endCursor: string };
          nodes: Array<{ name: string }>;
        };
      };
    };
    const first = await queryData<Result>(server.endpoint, query);
    expect(first.country.members).toMatchObject({
      totalCount: 11,
      pageInfo: { hasNextPage: true },
      nodes: [{ name: 'BAICR' }, { name: 'Empoli' }, { name: 'Florence' }, { name: 'Genoa' }],
    });
    const second = await queryData<Result>(server.endpoint, query, { after: first.country.members.pageInfo.endCursor });
    expect(second.country.members.nodes.map((node) => node.name)).toEqual(['Livorno', 'Modena', 'PIN Scrl', 'Prato']);
  });

  it('order by any declared field in either direction', async () => {
    const data = await queryData<{ countries: { nodes: Array<{ code: string }> } }>(
      server.endpoint,
      `{ countries(first: 3, orderBy: { field: CODE, direction: DESC }) { nodes { code } } }`,
    );
    expect(data.countries.nodes).toEqual([{ code: 'US' }, { code: 'SI' }, { code: 'SE' }]);
  });

  it('filter with the shared operators', async () => {
    const data = await queryData<{
      conferences: { nodes: Array<{ year: number }> };
      cities: { nodes: Array<{ name: string }> };
    }>(
      server.endpoint,
      `{ conferences(filter: { year: { gte: 2013, lt: 2016 }, hostCountryCode: { in: ["SI", "CH", "DE"] } }) { nodes { year } }
         cities(filter: { name: { startsWith: "bu" } }) { nodes { name } } }`,
    );
    expect(data.conferences.nodes).toEqual([{ year: 2013 }, { year: 2014 }, { year: 2015 }]);
    expect(data.cities.nodes).toEqual([{ name: 'Bucharest' }]);
  });

  it('treat LIKE wildcards in filters as plain text', async () => {
    const data = await queryData<{ organisations: { totalCount: number } }>(
      server.endpoint,
      `{ organisations(filter: { name: { contains: "%" } }) { totalCount } }`,
    );
    expect(data.organisations.totalCount).toBe(0);
  });
});

describe('bad pagination input', () => {
  const cases: Array<[string, Record<string, unknown>, string[], RegExp]> = [
    ['a cursor that is not one of ours', { first: 5, after: 'not-a-cursor' }, ['after'], /not a valid cursor/],
    [
      'a cursor for another ordering',
      { first: 5, after: Buffer.from('["year",2014,3]').toString('base64url') },
      ['after'],
      /another ordering/,
    ],
    // Forged: a number where the ordered column is text, and an id past PostgreSQL's integer range.
    [
      'a cursor whose value has the wrong type',
      { first: 5, after: Buffer.from('["name",2012,7]').toString('base64url') },
      ['after'],
      /not a valid cursor/,
    ],
    [
      'a cursor whose id is out of range',
      { last: 5, before: Buffer.from('["name","Vienna",2147483648]').toString('base64url') },
      ['before'],
      /not a valid cursor/,
    ],
    // PostgreSQL text cannot hold NUL: a cursor decoding to one would otherwise fail in the database.
    [
      'a cursor whose value holds the NUL character',
      { last: 5, before: Buffer.from('["name","\\u0000",2147483647]').toString('base64url') },
      ['before'],
      /not a valid cursor/,
    ],
    ['a page larger than the maximum', { first: 101 }, ['first'], /between 0 and 100/],
    ['a negative page size', { last: -1 }, ['last'], /last/],
    ['first and last together', { first: 1, last: 1 }, ['last'], /either `first` or `last`/],
  ];
  it.each(cases)(
    'rejects %s with BAD_USER_INPUT naming the argument',
    async (_label, variables, argumentPath, message) => {
      const result = await postGraphQL(server.endpoint, MEMBERS_PAGE, variables);
      expect(result.data).toBeNull();
      expect(result.errors).toHaveLength(1);
      expect(result.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath });
      expect(result.errors![0].message).toMatch(message);
    },
  );

  it('rejects a filter of the wrong type before running anything', async () => {
    const result = await postGraphQL(
      server.endpoint,
      `{ conferences(filter: { year: { gte: "2013" } }) { totalCount } }`,
    );
    expect(result.status).toBe(400);
    expect(result.errors![0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(result.errors![0].message).toMatch(/Int cannot represent/);
  });

  it('rejects a filter value that is too long, naming its path', async () => {
    const result = await postGraphQL(
      server.endpoint,
      `query ($text: String) { cities(filter: { name: { contains: $text } }) { totalCount } }`,
      {
        text: 'x'.repeat(201),
      },
    );
    expect(result.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argumentPath: ['filter', 'name', 'contains'],
    });
  });
});
