import { parse } from 'graphql';
import { readSelection } from '../../server/common/read-columns';
import { RowReader } from '../../server/common/rows';
import { City } from '../../server/modules/city/city.entity';
import { Country } from '../../server/modules/country/country.entity';
import { Membership, Organisation } from '../../server/modules/organisation/organisation.entity';
import { createSchema } from '../../server/schema';
import { serverWithStatementLog } from '../helpers/server';

/**
 * A query reads of each record the columns its document selects, with the record's id and to-one keys and what
 * its lists are ordered by (server/common/read-columns.ts): not every column of every row. The answers are the
 * same; a record read so throws when code reads a property that was not read.
 */
/** The statements a query ran, from the ORM's query log. */
const logged = serverWithStatementLog();
const { statementsOf } = logged;

const organisationStatement = (sql: string[]) => {
  const found = sql.filter((statement) => /from "organisation" as "e"/.test(statement));
  expect(found).toHaveLength(1);
  return found[0];
};

it('reads only the selected columns, ids and to-one keys of a page', async () => {
  const { data, sql } = await statementsOf<{ organisations: { nodes: Array<{ slug: string }> } }>(
    '{ organisations(first: 3) { nodes { slug } } }',
  );
  // The first three by name (the default order), from the seed's member list.
  expect(data.organisations.nodes.map((node) => node.slug)).toEqual([
    'aberdeen',
    'autonomous-university-of-barcelona',
    'baicr',
  ]);
  const statement = organisationStatement(sql);
  expect(statement).toContain('"e"."slug"');
  expect(statement).toContain('"e"."country_id"');
  // Ordered by name, so the name is read for the cursors, though the document does not select it.
  expect(statement).toContain('"e"."name"');
  expect(statement).not.toContain('"e".*');
  expect(statement).not.toContain('"e"."description"');
  expect(statement).not.toContain('"e"."created_at"');
});

it('reads a column once a field selects it, through fragments and interfaces too', async () => {
  const { data, sql } = await statementsOf<{ node: { description: string | null; createdAt: string } }>(
    `query ($id: ID!) { node(id: $id) { ...described ... on Organisation { createdAt } } }
     fragment described on Organisation { description }`,
    { id: Buffer.from('Organisation:1').toString('base64url') },
  );
  expect(typeof data.node.createdAt).toBe('string');
  expect(data.node).toHaveProperty('description');
  const statement = organisationStatement(sql);
  expect(statement).toContain('"e"."description"');
  expect(statement).toContain('"e"."created_at"');
  expect(statement).not.toContain('"e"."updated_at"');
});

it('reads what a field declares it needs: isMember reads its membership status', async () => {
  type Members = {
    organisations: { nodes: Array<{ slug: string; isMember: boolean; membership: { id: string } | null }> };
  };
  const withMembership = await statementsOf<Members>(
    '{ organisations(first: 100) { nodes { slug isMember membership { id } } } }',
  );
  const alone = await statementsOf<{ organisations: { nodes: Array<{ slug: string; isMember: boolean }> } }>(
    '{ organisations(first: 100) { nodes { slug isMember } } }',
  );
  const members = (nodes: Array<{ slug: string; isMember: boolean }>) =>
    nodes.filter((node) => node.isMember).map((node) => node.slug);
  expect(members(withMembership.data.organisations.nodes)).toEqual(members(alone.data.organisations.nodes));
  expect(members(alone.data.organisations.nodes)).toEqual(expect.arrayContaining(['aberdeen', 'barcelona']));
  const membershipStatement = withMembership.sql.find((statement) => /from "membership" as "e"/.test(statement));
  expect(membershipStatement).toContain('"e"."status"');
});

it('works out the selection per record class from the document', async () => {
  const schema = await createSchema();
  const selection = readSelection(
    schema,
    parse(`{ cities(first: 1) { nodes { name country { code } } } node(id: "x") { ... on Organisation { slug } } }`),
  );
  expect([...(selection.get(City) ?? [])]).toEqual(['name']);
  expect([...(selection.get(Country) ?? [])]).toEqual(['code']);
  expect([...(selection.get(Organisation) ?? [])]).toEqual(['slug']);
  // Nothing selected on memberships: read whole, if at all.
  expect(selection.has(Membership)).toBe(false);
});

it('throws when code reads a property that was not read', async () => {
  const rows = new RowReader(logged.server.orm.em.fork());
  rows.readOnly(new Map([[Organisation, new Set(['name'])]]));
  const cork = await rows.findOne(Organisation, { slug: 'cork-city-council' });
  expect(cork?.name).toBe('Cork City Council');
  expect(cork?.country).toEqual({ id: expect.any(Number) });
  expect(() => cork?.description).toThrow(/Organisation\.description was not read for this query/);
  // Other classes are still read whole.
  const ireland = await rows.findOne(Country, { code: 'IE' });
  expect(ireland?.name).toBe('Ireland');
});
