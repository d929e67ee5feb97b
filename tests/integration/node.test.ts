import { decodeGlobalId, encodeGlobalId } from '../../server/common/global-id';
import { postGraphQL, queryData } from '../helpers/graphql';
import { startTestServer, type TestServer } from '../helpers/server';

/** Global object identification: any object comes back from `node(id)` with the id it was given. */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('node and nodes', () => {
  it('find a country, a city and a conference again by their global ids', async () => {
    const ids = await queryData<{ country: { id: string }; city: { id: string }; conference: { id: string } }>(
      server.endpoint,
      `{ country(code: "AT") { id } city(slug: "vienna") { id } conference(year: 2012) { id } }`,
    );
    const found = await queryData<{ nodes: Array<Record<string, unknown>> }>(
      server.endpoint,
      `query ($ids: [ID!]!) { nodes(ids: $ids) {
          __typename id ... on Country { name } ... on City { name } ... on Conference { year } } }`,
      { ids: [ids.conference.id, ids.country.id, ids.city.id] },
    );
    expect(found.nodes).toEqual([
      { __typename: 'Conference', id: ids.conference.id, year: 2012 },
      { __typename: 'Country', id: ids.country.id, name: 'Austria' },
      { __typename: 'City', id: ids.city.id, name: 'Vienna' },
    ]);
    const single = await queryData<{ node: { __typename: string } }>(
      server.endpoint,
      `query ($id: ID!) { node(id: $id) { __typename } }`,
      {
        id: ids.city.id,
      },
    );
    expect(single.node).toEqual({ __typename: 'City' });
  });

  it('makes ids opaque and distinct across types', async () => {
    const data = await queryData<{ country: { id: string }; source: { id: string } }>(
      server.endpoint,
      `{ country(code: "AT") { id } source(fileName: "supplementary.md") { id } }`,
    );
    expect(data.country.id).not.toMatch(/^\d+$/);
    expect(data.country.id).not.toBe(data.source.id);
  });

  it('returns null for a well-formed id of nothing', async () => {
    const missing = Buffer.from('Country:999999').toString('base64url');
    const unknownType = Buffer.from('Spaceship:1').toString('base64url');
    const result = await postGraphQL(server.endpoint, `query ($ids: [ID!]!) { nodes(ids: $ids) { id } }`, {
      ids: [missing, unknownType],
    });
    expect(result).toMatchObject({ status: 200, data: { nodes: [null, null] } });
  });

  it('rejects a malformed id with BAD_USER_INPUT naming its position', async () => {
    const valid = Buffer.from('Country:1').toString('base64url');
    const result = await postGraphQL(server.endpoint, `query ($ids: [ID!]!) { nodes(ids: $ids) { id } }`, {
      ids: [valid, 'not an id'],
    });
    expect(result.errors![0]).toMatchObject({
      message: '"not an id" is not a valid ID.',
      extensions: { code: 'BAD_USER_INPUT', argumentPath: ['ids', 1] },
    });
  });

  it('refuses more than 100 ids at once', async () => {
    const ids = Array.from({ length: 101 }, (_, index) => Buffer.from(`Country:${index + 1}`).toString('base64url'));
    const result = await postGraphQL(server.endpoint, `query ($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids });
    expect(result.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath: ['ids'] });
  });
});

describe('global ids', () => {
  it('encode the same way however many a type has had encoded (the encoder remembers a bounded number)', () => {
    // Organisation:1 is the id the benchmark and the SDK's examples use; it must not change with the memo.
    expect(encodeGlobalId('Organisation', 1)).toBe('T3JnYW5pc2F0aW9uOjE');
    const ids = Array.from({ length: 10_000 }, (_, index) => index + 1);
    const globalIds = ids.map((id) => encodeGlobalId('Theme', id));
    expect(globalIds).toEqual(ids.map((id) => Buffer.from(`Theme:${id}`).toString('base64url')));
    expect(globalIds.map((globalId) => decodeGlobalId(globalId, ['id']).id)).toEqual(ids);
    expect(encodeGlobalId('Theme', 1)).toBe(encodeGlobalId('Theme', 1));
    expect(encodeGlobalId('Organisation', 1)).toBe('T3JnYW5pc2F0aW9uOjE');
  });
});
