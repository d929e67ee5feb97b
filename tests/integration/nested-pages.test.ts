import { postGraphQL, queryData } from '../helpers/graphql';
import { startTestServer, statementsInto, type TestServer } from '../helpers/server';

/**
 * A nested connection reads its page per parent in SQL: `countries { organisations(first: 1) }` reads at most
 * two organisations per country (the page and one more, to know whether there is a next page), not every
 * organisation of every country. The ORM's query log says how many rows each statement returned. And the
 * pages are the same pages as before: walking every country's organisations page by page, forwards with `after`
 * and backwards with `before`, gives exactly each country's whole list, and totalCount counts it.
 */
let server: TestServer;
const statements: string[] = [];

beforeAll(async () => {
  server = await startTestServer(statementsInto(statements));
});
afterAll(() => server.close());

/** The number of rows the logged statement returned (MikroORM logs "[took N ms, M results]" or "1 result"). */
function resultsOf(statement: string): number {
  const match = /(\d+) results?\]/.exec(statement);
  if (!match) throw new Error(`No result count in: ${statement}`);
  return Number(match[1]);
}

type CountryPages = {
  countries: {
    nodes: Array<{
      code: string;
      organisations: {
        totalCount: number;
        pageInfo: {
          hasNextPage: boolean;
          hasPreviousPage: boolean;
          endCursor: string | null;
          startCursor: string | null;
        };
        nodes: Array<{ name: string }>;
      };
    }>;
  };
};

const PAGE = `query ($first: Int, $after: String, $last: Int, $before: String) {
  countries(first: 100, orderBy: { field: CODE }) {
    nodes {
      code
      organisations(first: $first, after: $after, last: $last, before: $before) {
        totalCount
        pageInfo { hasNextPage hasPreviousPage endCursor startCursor }
        nodes { name }
      }
    }
  }
}`;

async function everyCountry(
  variables: Record<string, unknown>,
): Promise<Map<string, CountryPages['countries']['nodes'][number]['organisations']>> {
  const data = await queryData<CountryPages>(server.endpoint, PAGE, variables);
  return new Map(data.countries.nodes.map((country) => [country.code, country.organisations]));
}

describe('nested connections page in SQL, per parent', () => {
  it('reads at most the page and one more row for each parent', async () => {
    statements.length = 0;
    const data = await queryData<CountryPages>(
      server.endpoint,
      `{ countries(first: 20) { nodes { code organisations(first: 1) { nodes { name } } } } }`,
    );
    const organisationReads = statements.filter((statement) => /from "organisation"/.test(statement));
    expect(organisationReads).toHaveLength(1);
    // 18 countries: at most 36 rows, where reading every child would return all 53 organisations.
    expect(data.countries.nodes).toHaveLength(18);
    expect(resultsOf(organisationReads[0])).toBeLessThanOrEqual(2 * data.countries.nodes.length);
    const germany = data.countries.nodes.find((country) => country.code === 'DE')!;
    expect(germany.organisations.nodes).toHaveLength(1);
  });

  it('gives each parent the same pages, forwards and backwards, as its whole list', async () => {
    const whole = await everyCountry({ first: 100 });
    const germany = whole.get('DE')!;
    // Several organisations in Germany, so that pages of two really page.
    expect(germany.nodes.length).toBeGreaterThan(2);
    expect(germany.totalCount).toBe(germany.nodes.length);

    const forwards = new Map<string, string[]>([...whole.keys()].map((code) => [code, []]));
    let cursors = new Map<string, string | null>([...whole.keys()].map((code) => [code, null]));
    // Every country is paged with the same arguments at once; a country's walk ends when it has no next page.
    for (let round = 0; round < 50 && [...cursors.values()].some((cursor) => cursor !== 'done'); round++) {
      const next = new Map<string, string | null>();
      for (const code of whole.keys()) {
        const cursor = cursors.get(code);
        if (cursor === 'done') {
          next.set(code, 'done');
          continue;
        }
        const page = (await everyCountry({ first: 2, ...(cursor ? { after: cursor } : {}) })).get(code)!;
        forwards.get(code)!.push(...page.nodes.map((node) => node.name));
        expect(page.totalCount).toBe(whole.get(code)!.totalCount);
        next.set(code, page.pageInfo.hasNextPage ? page.pageInfo.endCursor : 'done');
      }
      cursors = next;
    }
    for (const [code, list] of whole)
      expect([code, forwards.get(code)]).toEqual([code, list.nodes.map((node) => node.name)]);

    // Backwards from the end of Germany's list: the last two, then the two before them.
    const lastTwo = (await everyCountry({ last: 2 })).get('DE')!;
    expect(lastTwo.nodes.map((node) => node.name)).toEqual(germany.nodes.slice(-2).map((node) => node.name));
    expect(lastTwo.pageInfo.hasPreviousPage).toBe(true);
    const beforeThem = (await everyCountry({ last: 2, before: lastTwo.pageInfo.startCursor })).get('DE')!;
    expect(beforeThem.nodes.map((node) => node.name)).toEqual(germany.nodes.slice(-4, -2).map((node) => node.name));
  });

  it("counts each parent's children under a filter that joins a relation (members and non-members)", async () => {
    // Germany: 7 organisations, 6 of them members (LECOS is not); Italy: 13, all members but Venis and Ca' Foscari.
    const data = await queryData<{
      countries: { nodes: Array<{ code: string; others: { totalCount: number }; members: { totalCount: number } }> };
    }>(
      server.endpoint,
      `{ countries(first: 50) { nodes { code
          others: organisations(filter: { isMember: false }) { totalCount }
          members: organisations(filter: { isMember: true }) { totalCount } } } }`,
    );
    const byCode = new Map(data.countries.nodes.map((country) => [country.code, country]));
    expect(byCode.get('DE')).toEqual({ code: 'DE', others: { totalCount: 1 }, members: { totalCount: 6 } });
    expect(byCode.get('IT')).toEqual({ code: 'IT', others: { totalCount: 2 }, members: { totalCount: 11 } });
    expect(byCode.get('AT')).toEqual({ code: 'AT', others: { totalCount: 0 }, members: { totalCount: 1 } });
  });

  it("checks a nested connection's arguments in every operation that sends them", async () => {
    const document = `query Named($name: String!) { countries(first: 3) { nodes { code
        organisations(filter: { name: { contains: $name } }) { totalCount } } } }`;
    // Over the filter's 200 characters: refused (the first parent's refusal empties the answer), as BAD_USER_INPUT.
    const refused = await postGraphQL(server.endpoint, document, { name: 'x'.repeat(201) });
    expect(refused.data).toBeNull();
    expect(refused.errors?.map((error) => [error.path?.join('.'), error.extensions?.code])).toEqual([
      ['countries.nodes.0.organisations', 'BAD_USER_INPUT'],
    ]);
    // The same document with a valid name answers; and the long name is refused again after it.
    const answered = await queryData<{
      countries: { nodes: Array<{ code: string; organisations: { totalCount: number } }> };
    }>(server.endpoint, document, { name: 'Vienna' });
    expect(answered.countries.nodes.map((country) => country.organisations.totalCount).sort()).toEqual([0, 0, 1]);
    const again = await postGraphQL(server.endpoint, document, { name: 'x'.repeat(201) });
    expect([again.data, again.errors?.[0]?.extensions?.code]).toEqual([null, 'BAD_USER_INPUT']);
  });
});
