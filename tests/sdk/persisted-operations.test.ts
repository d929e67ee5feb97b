import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createClient, GraphQLRequestError, registeredOperations, ConferenceDocument } from '@mce/sdk';
import { postGraphQL } from '../helpers/graphql';
import { startTestServer, type TestServer } from '../helpers/server';

/**
 * Persisted queries: by default automatic persisted queries (a hash in place of a query sent before); in
 * PERSISTED_OPERATIONS=only mode nothing but the SDK's registered operations (sdk/persisted-operations.json);
 * with `off`, neither. The SDK sends hashes when asked to.
 */
interface Manifest {
  format: string;
  version: number;
  operations: Array<{ id: string; name: string; type: string; body: string }>;
}
const manifest = JSON.parse(
  readFileSync(path.join(__dirname, '../../sdk/persisted-operations.json'), 'utf8'),
) as Manifest;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const ZURICH = {
  conference: expect.objectContaining({ year: 2014, hostCity: expect.objectContaining({ name: 'Zurich' }) }),
};
const AD_HOC = '{ conference(year: 2014) { hostCity { name } } }';

/** Records the JSON bodies a client sends, passing every request on to the real server. */
function recordingFetch(sent: Array<Record<string, unknown>>): typeof fetch {
  return async (input, init) => {
    sent.push(JSON.parse(String(init?.body)) as Record<string, unknown>);
    return fetch(input, init);
  };
}

function persistedQuery(id: string) {
  return { extensions: { persistedQuery: { version: 1, sha256Hash: id } } };
}

async function postBody(endpoint: string, body: Record<string, unknown>) {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    body: (await response.json()) as {
      data?: Record<string, unknown> | null;
      errors?: Array<{ extensions?: { code?: string } }>;
    },
  };
}

describe('the registry of SDK operations', () => {
  it('lists every SDK operation once, with the SHA-256 of the exact text the SDK sends as its id', () => {
    expect(manifest).toMatchObject({ format: 'apollo-persisted-query-manifest', version: 1 });
    expect(manifest.operations.length).toBe(registeredOperations.size);
    expect(new Set(manifest.operations.map((operation) => operation.id)).size).toBe(manifest.operations.length);
    for (const operation of manifest.operations) expect(operation.id).toBe(sha256(operation.body));
    const conference = manifest.operations.find((operation) => operation.name === 'Conference');
    expect(registeredOperations.get(ConferenceDocument)).toEqual({ id: conference?.id, text: conference?.body });
    expect(conference?.body).toMatch(/^query Conference\(\$year: Int!\)/);
  });
});

describe('automatic persisted queries (the default)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('asks for the text of an unknown hash, then runs the hash alone', async () => {
    const id = sha256(AD_HOC);
    const unknown = await postBody(server.endpoint, persistedQuery(id));
    expect(unknown.body.errors?.[0].extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');

    const registered = await postBody(server.endpoint, { query: AD_HOC, ...persistedQuery(id) });
    expect(registered.body.data).toEqual({ conference: { hostCity: { name: 'Zurich' } } });
    const byHash = await postBody(server.endpoint, persistedQuery(id));
    expect(byHash).toEqual({ status: 200, body: { data: { conference: { hostCity: { name: 'Zurich' } } } } });
  });

  it('refuses a hash that does not match the text sent with it', async () => {
    const mismatch = await postBody(server.endpoint, { query: AD_HOC, ...persistedQuery(sha256('{ __typename }')) });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.data ?? null).toBeNull();
  });

  it('lets the SDK send hashes: the text goes along only the first time', async () => {
    const sent: Array<Record<string, unknown>> = [];
    const client = createClient({ url: server.endpoint, persistedQueries: true, fetch: recordingFetch(sent) });
    expect(await client.conference({ year: 2014 })).toEqual(ZURICH);
    expect(await client.conference({ year: 2014 })).toEqual(ZURICH);
    const id = registeredOperations.get(ConferenceDocument)?.id;
    expect(sent).toEqual([
      { variables: { year: 2014 }, operationName: 'Conference', ...persistedQuery(id!) },
      {
        query: registeredOperations.get(ConferenceDocument)?.text,
        variables: { year: 2014 },
        operationName: 'Conference',
        ...persistedQuery(id!),
      },
      { variables: { year: 2014 }, operationName: 'Conference', ...persistedQuery(id!) },
    ]);
  });
});

describe('PERSISTED_OPERATIONS=only', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({}, { persistedOperations: 'only' });
  });
  afterAll(() => server.close());

  it('runs an SDK operation sent by hash alone, on the first request', async () => {
    const sent: Array<Record<string, unknown>> = [];
    const client = createClient({ url: server.endpoint, persistedQueries: true, fetch: recordingFetch(sent) });
    expect(await client.conference({ year: 2014 })).toEqual(ZURICH);
    expect(sent).toHaveLength(1);
    expect(sent[0]).not.toHaveProperty('query');
  });

  it('runs an SDK operation sent as its full text, and over GET by hash', async () => {
    expect(await createClient({ url: server.endpoint }).conference({ year: 2014 })).toEqual(ZURICH);

    const id = registeredOperations.get(ConferenceDocument)!.id;
    const url = new URL(server.endpoint);
    url.searchParams.set('variables', JSON.stringify({ year: 2012 }));
    url.searchParams.set('extensions', JSON.stringify(persistedQuery(id).extensions));
    const response = await fetch(url, { headers: { 'apollo-require-preflight': 'true' } });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ data: { conference: { year: 2012, hostCity: { name: 'Vienna' } } } });
  });

  it('refuses any other operation, introspection included, and unknown hashes', async () => {
    const adHoc = await postGraphQL(server.endpoint, AD_HOC);
    expect(adHoc.status).toBe(400);
    expect(adHoc.data ?? null).toBeNull();
    expect(adHoc.errors?.[0]).toMatchObject({
      message: expect.stringContaining('only registered operations'),
      extensions: { code: 'PERSISTED_QUERY_NOT_IN_LIST' },
    });
    const introspection = await postGraphQL(server.endpoint, '{ __schema { queryType { name } } }');
    expect(introspection.errors?.[0].extensions?.code).toBe('PERSISTED_QUERY_NOT_IN_LIST');

    // A hash of an unregistered text cannot be registered by sending the text along.
    const id = sha256(AD_HOC);
    expect(
      (await postBody(server.endpoint, { query: AD_HOC, ...persistedQuery(id) })).body.errors?.[0].extensions?.code,
    ).toBe('PERSISTED_QUERY_NOT_IN_LIST');
    expect((await postBody(server.endpoint, persistedQuery(id))).body.errors?.[0].extensions?.code).toBe(
      'PERSISTED_QUERY_NOT_FOUND',
    );
  });
});

describe('PERSISTED_OPERATIONS=off', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({}, { persistedOperations: 'off' });
  });
  afterAll(() => server.close());

  it('refuses hashes but runs any query sent as text', async () => {
    const byHash = await postBody(server.endpoint, { query: AD_HOC, ...persistedQuery(sha256(AD_HOC)) });
    expect(byHash.body.errors?.[0].extensions?.code).toBe('PERSISTED_QUERY_NOT_SUPPORTED');
    const sdk = createClient({ url: server.endpoint, persistedQueries: true });
    const error = await sdk.conference({ year: 2014 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GraphQLRequestError);
    expect((error as GraphQLRequestError).errors[0].code).toBe('PERSISTED_QUERY_NOT_SUPPORTED');
    expect((await postGraphQL(server.endpoint, AD_HOC)).data).toEqual({ conference: { hostCity: { name: 'Zurich' } } });
  });
});
