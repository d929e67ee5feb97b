import { ApolloClient, HttpLink, InMemoryCache, gql } from '@apollo/client';
import { cacheExchange, createClient as createUrqlClient, fetchExchange } from '@urql/core';
import type * as GraphQLRequest from 'graphql-request' with { 'resolution-mode': 'import' };
import { ConferenceDocument, createClient as createSdkClient } from '@mce/sdk';
import { startTestServer, type TestServer } from '../helpers/server';

/**
 * The GraphQL clients applications use, each set up as its documentation's first example does, run one query
 * against the real server. Their defaults differ (urql sends queries by GET with no content type, the others
 * POST JSON), and every one must work. (That a GET never runs a mutation is in tests/writes/mutation-access.test.ts.)
 */
// graphql-request 7 runs from CommonJS (its `require` build), but its types describe only the ES module, so a
// CommonJS file takes the types from there and the code from require().
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { GraphQLClient } = require('graphql-request') as typeof GraphQLRequest;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
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
    const client = createUrqlClient({
      url: server.endpoint,
      exchanges: [cacheExchange, fetchExchange],
      fetch: recordingFetch(sent),
    });
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
