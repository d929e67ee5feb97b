import { serverWithStatementLog } from '../helpers/server';

/**
 * A top-level page whose `totalCount` the query asks for reads the count in the page's own statement, as a
 * subquery (server/common/rows.ts, `findCounted`): one round trip, not two. The count is the filter's, whatever
 * the page's cursor; a page with no rows to carry it counts in a statement of its own.
 */
const { statementsOf } = serverWithStatementLog();

type Page = { organisations: { totalCount: number; nodes: Array<{ name: string }> } };

it('reads a page and its count in one statement', async () => {
  const { data, sql } = await statementsOf<Page>('{ organisations(first: 3) { totalCount nodes { name } } }');
  // The seed's 53 organisations, the first three by name.
  expect(data.organisations.totalCount).toBe(53);
  expect(data.organisations.nodes.map((node) => node.name)).toEqual([
    'Aberdeen',
    'Autonomous University of Barcelona',
    'BAICR',
  ]);
  expect(sql).toHaveLength(1);
  expect(sql[0]).toMatch(/\(select count\(\*\) as "count" from "organisation" as "counted"\) as "__total"/);
});

it('counts what the filter matches, not what the cursor leaves, also through relations', async () => {
  const first = await statementsOf<Page & { organisations: { pageInfo: { endCursor: string } } }>(
    `{ organisations(first: 10, filter: { countryCode: { eq: "IT" } }) {
        totalCount pageInfo { endCursor } nodes { name }
      } }`,
  );
  // Italy's 13 organisations in the seed.
  expect(first.data.organisations.totalCount).toBe(13);
  const after = await statementsOf<Page>(
    `query ($after: String!) { organisations(first: 10, after: $after, filter: { countryCode: { eq: "IT" } }) {
        totalCount nodes { name }
      } }`,
    { after: first.data.organisations.pageInfo.endCursor },
  );
  expect(after.data.organisations.nodes).toHaveLength(3);
  expect(after.data.organisations.totalCount).toBe(13);
  expect(after.sql).toHaveLength(1);
  // A filter through a to-many relation counts each conference once: two conferences had a Future of work topic.
  const themed = await statementsOf<{ conferences: { totalCount: number; nodes: Array<{ year: number }> } }>(
    '{ conferences(first: 1, filter: { themeSlug: { eq: "future-of-work" } }) { totalCount nodes { year } } }',
  );
  expect(themed.data.conferences.totalCount).toBe(2);
  expect(themed.data.conferences.nodes).toHaveLength(1);
  expect(themed.sql).toHaveLength(1);
});

it('counts in a statement of its own when the page is empty, and not at all when not asked', async () => {
  const last = await statementsOf<{ organisations: { pageInfo: { endCursor: string } } }>(
    '{ organisations(last: 1) { pageInfo { endCursor } } }',
  );
  const empty = await statementsOf<Page>(
    'query ($after: String!) { organisations(first: 5, after: $after) { totalCount nodes { name } } }',
    { after: last.data.organisations.pageInfo.endCursor },
  );
  expect(empty.data.organisations).toEqual({ totalCount: 53, nodes: [] });
  expect(empty.sql).toHaveLength(2);
  expect(empty.sql[1]).toContain('select count(*) as "count" from "organisation" as "e"');

  const uncounted = await statementsOf<{ organisations: { nodes: unknown[] } }>(
    '{ organisations(first: 3) { nodes { name } } }',
  );
  expect(uncounted.sql).toHaveLength(1);
  expect(uncounted.sql[0]).not.toContain('count(');
});
