import { postGraphQL } from '../helpers/graphql';
import { startTestServer, type TestServer } from '../helpers/server';

/**
 * What the trends' queries cost grows with what they can return: pages of pairs, ranges of years, the length of
 * timelines. A cost limit of 1 refuses every query and says what it would have cost.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({}, { maxCost: 1 });
});
afterAll(() => server.close());

describe('the cost of themes over time', () => {
  it('costs more the more a query can return: pages of pairs, ranges of years, timelines', async () => {
    const costOf = async (query: string): Promise<number> => {
      const result = await postGraphQL(server.endpoint, query);
      expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', limit: 'cost' });
      return result.errors![0].extensions!.cost as number;
    };
    const pairs = '{ themePairs(first: N) { count themes { name } conferences { year } } }';
    expect(await costOf(pairs.replace('N', '50'))).toBe(10 * (await costOf(pairs.replace('N', '5'))) - 9);
    const years = (to: number) => `{ themeYears(fromYear: 2012, toYear: ${to}) { year themes { name } } }`;
    expect(await costOf(years(2021))).toBe(10 * (await costOf(years(2012))) - 9);
    // Unbounded, every year an event may fall in (1982-2100).
    expect(await costOf('{ themeYears { year } }')).toBe(1 + 119);
    const timelines = (first: number) => `{ themes(first: 50) { nodes { timeline(first: ${first}) { year } } } }`;
    // Nine more appearances for each of fifty themes.
    expect((await costOf(timelines(10))) - (await costOf(timelines(1)))).toBe(50 * 9);
  });
});
