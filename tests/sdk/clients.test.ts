import { createHash } from 'node:crypto';
import { ApolloClient, HttpLink, InMemoryCache, gql } from '@apollo/client';
import { cacheExchange, createClient as createUrqlClient, fetchExchange } from '@urql/core';
import type * as GraphQLRequest from 'graphql-request' with { 'resolution-mode': 'import' };
import { ConferenceDocument, createClient as createSdkClient } from '@mce/sdk';
import { Role } from '../../server/modules/access/access.entity';
import { createApiKey } from '../../server/modules/access/access.service';
import { databaseState } from '../helpers/database-state';
import { startTestServer, type TestServer } from '../helpers/server';

/**
 * The GraphQL clients applications use, each set up as its documentation's first example does, run one query
 * against the real server. Their defaults differ (urql sends queries by GET with no content type, the others
 * POST JSON), and every one must work. A GET still never runs a mutation, whoever sends it.
 */
// graphql-request 7 runs from CommonJS (its `require` build), but its types describe only the ES module, so a
// CommonJS file takes the types from there and the code from require().
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { GraphQLClient } = require('graphql-request') as typeof GraphQLRequest;

let server: TestServer;
let editorKey: string;
beforeAll(async () => {
  server = await startTestServer();
  editorKey = (await createApiKey(server.orm.em.fork(), 'clients test editor', Role.EDITOR)).key;
});
afterAll(() => server.close());

const CONFERENCE = gql`
  query Conference($year: Int!) {
    conference(year: $year) {
      year
      hostCity {
        name
      }
    }
  }
`;
const ZURICH = { conference: { year: 2014, hostCity: { name: 'Zurich' } } };

interface SentRequest {
  method: string;
  contentType: string | null;
}

/** The platform's fetch, noting how each request went out: the clients' own choice is what is under test. */
function recordingFetch(sent: SentRequest[]): typeof fetch {
  return (input, init) => {
    const headers = new Headers(init?.headers);
    sent.push({ method: init?.method ?? 'GET', contentType: headers.get('content-type') });
    return fetch(input, init);
  };
}

describe('each client with its default set-up gets the 2014 conference, hosted in Zurich', () => {
  it('the SDK (POST, JSON)', async () => {
    const sent: SentRequest[] = [];
    const client = createSdkClient({ url: server.endpoint, fetch: recordingFetch(sent) });
    await expect(client.conference({ year: 2014 })).resolves.toMatchObject(ZURICH);
    expect(sent).toEqual([{ method: 'POST', contentType: 'application/json' }]);
  });

  it('Apollo Client 4 (POST, JSON)', async () => {
    const sent: SentRequest[] = [];
    const client = new ApolloClient({
      link: new HttpLink({ uri: server.endpoint, fetch: recordingFetch(sent) }),
      cache: new InMemoryCache(),
    });
    const result = await client.query({ query: CONFERENCE, variables: { year: 2014 } });
    expect(result.error).toBeUndefined();
    expect(result.data).toMatchObject(ZURICH);
    expect(sent).toEqual([{ method: 'POST', contentType: 'application/json' }]);
    client.stop();
  });

  it('urql (GET, no content type: the request CSRF prevention used to refuse)', async () => {
    const sent: SentRequest[] = [];
    const client = createUrqlClient({ url: server.endpoint, exchanges: [cacheExchange, fetchExchange], fetch: recordingFetch(sent) });
    const result = await client.query(ConferenceDocument, { year: 2014 }).toPromise();
    expect(result.error).toBeUndefined();
    expect(result.data).toMatchObject(ZURICH);
    expect(sent).toEqual([{ method: 'GET', contentType: null }]);
  });

  it('graphql-request (POST, JSON)', async () => {
    const sent: SentRequest[] = [];
    const client = new GraphQLClient(server.endpoint, { fetch: recordingFetch(sent) });
    await expect(client.request(ConferenceDocument, { year: 2014 })).resolves.toMatchObject(ZURICH);
    expect(sent).toEqual([{ method: 'POST', contentType: 'application/json' }]);
  });
});

describe('a mutation sent by GET', () => {
  const CREATE_THEME = 'mutation { createTheme(input: { name: "Sent by GET", slug: "sent-by-get", description: "Must not exist." }) { id } }';
  const refusal = {
    errors: [{ message: 'GET requests only support query operations, not mutation operations', extensions: { code: 'BAD_REQUEST' } }],
  };

  it('is refused with 405 and a clear error, even with an editor key, and changes nothing', async () => {
    const before = await databaseState(server.orm);
    const response = await fetch(`${server.endpoint}?query=${encodeURIComponent(CREATE_THEME)}`, {
      headers: { authorization: `Bearer ${editorKey}` },
    });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    expect(await response.json()).toEqual(refusal);
    expect(await databaseState(server.orm)).toEqual(before);
  });

  it('is refused too when it comes as the hash of a persisted query', async () => {
    const sha256Hash = createHash('sha256').update(CREATE_THEME).digest('hex');
    const extensions = { persistedQuery: { version: 1, sha256Hash } };
    // Without a key the POST runs nothing, but it registers the hash, so a GET could name the mutation by it.
    const registered = await fetch(server.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: CREATE_THEME, extensions }),
    });
    expect(((await registered.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0].extensions.code).toBe('UNAUTHENTICATED');

    const before = await databaseState(server.orm);
    const response = await fetch(`${server.endpoint}?extensions=${encodeURIComponent(JSON.stringify(extensions))}`, {
      headers: { authorization: `Bearer ${editorKey}` },
    });
    expect(response.status).toBe(405);
    expect(await response.json()).toEqual(refusal);
    expect(await databaseState(server.orm)).toEqual(before);
  });
});
