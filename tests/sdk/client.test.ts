import http from 'node:http';
import { parse } from 'graphql';
import type { AddressInfo } from 'node:net';
import {
  createClient,
  GraphQLRequestError,
  MceSdkError,
  NetworkError,
  RequestAbortedError,
  TimeoutError,
  UnexpectedResponseError,
  type MceClient,
} from '@mce/sdk';
import { startTestServer, type TestServer } from '../helpers/server';

/** The SDK client against the real server, and against servers that misbehave on purpose. */
let server: TestServer;
let client: MceClient;
beforeAll(async () => {
  server = await startTestServer();
  client = createClient({ url: server.endpoint });
});
afterAll(() => server.close());

/** A loopback server that answers every request with `handler`, for failures the API itself never produces. */
async function withServer(handler: http.RequestListener, run: (url: string) => Promise<void>): Promise<void> {
  const stub = http.createServer(handler);
  await new Promise<void>((resolve) => stub.listen(0, '127.0.0.1', resolve));
  try {
    await run(`http://127.0.0.1:${(stub.address() as AddressInfo).port}/graphql`);
  } finally {
    stub.closeAllConnections();
    await new Promise((resolve) => stub.close(resolve));
  }
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the request to fail');
}

describe('errors', () => {
  it('turns a GraphQL error response into GraphQLRequestError with every error, the status and the partial data', async () => {
    const error = await caught(client.countries({ first: 500 }));
    expect(error).toBeInstanceOf(GraphQLRequestError);
    expect(error).toBeInstanceOf(MceSdkError);
    const requestError = error as GraphQLRequestError;
    expect(requestError.status).toBe(200);
    expect(requestError.data).toBeNull();
    expect(requestError.codes).toEqual(['BAD_USER_INPUT']);
    expect(requestError.errors).toEqual([
      expect.objectContaining({
        message: '`first` must be between 0 and 100 (got 500).',
        code: 'BAD_USER_INPUT',
        path: ['countries'],
        argumentPath: ['first'],
      }),
    ]);
  });

  it('keeps the partial data that came with an error', async () => {
    const error = (await caught(
      client.request(
        // Two root fields: one fails (it needs exactly one of name and slug), the other still answers.
        parse('{ association { shortName } city { name } }'),
        {},
      ),
    )) as GraphQLRequestError<{ association: { shortName: string } }>;
    expect(error.data).toEqual({ association: { shortName: 'MCE' }, city: null });
    expect(error.hasCode('BAD_USER_INPUT')).toBe(true);
  });

  it('reports a request the server rejects before running it with its HTTP status', async () => {
    const error = (await caught(client.conference({ year: 'x' as unknown as number }))) as GraphQLRequestError;
    expect(error).toBeInstanceOf(GraphQLRequestError);
    expect(error.status).toBe(400);
    expect(error.codes).toEqual(['BAD_USER_INPUT']);
  });

  it('tells an unreachable server (NetworkError) apart from a GraphQL error', async () => {
    let closedPort = 0;
    await withServer(
      (_request, response) => response.end(),
      async (url) => {
        closedPort = Number(new URL(url).port);
      },
    );
    const error = await caught(createClient({ url: `http://127.0.0.1:${closedPort}/graphql` }).association());
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).not.toBeInstanceOf(GraphQLRequestError);
  });

  it('gives up with TimeoutError when the server does not answer in time', async () => {
    await withServer(
      () => undefined,
      async (url) => {
        const error = await caught(createClient({ url, timeoutMs: 200 }).association());
        expect(error).toBeInstanceOf(TimeoutError);
        expect(error).toBeInstanceOf(NetworkError);
        expect((error as TimeoutError).timeoutMs).toBe(200);
      },
    );
  });

  it("stops with RequestAbortedError when the caller's signal aborts", async () => {
    await withServer(
      () => undefined,
      async (url) => {
        const controller = new AbortController();
        const pending = createClient({ url }).association({}, { signal: controller.signal });
        controller.abort();
        expect(await caught(pending)).toBeInstanceOf(RequestAbortedError);
      },
    );
  });

  it('reports a body that is not a GraphQL response as UnexpectedResponseError', async () => {
    await withServer(
      (_request, response) => response.writeHead(502, { 'content-type': 'text/html' }).end('<h1>Bad gateway</h1>'),
      async (url) => {
        const error = (await caught(createClient({ url }).association())) as UnexpectedResponseError;
        expect(error).toBeInstanceOf(UnexpectedResponseError);
        expect(error.status).toBe(502);
        expect(error.body).toBe('<h1>Bad gateway</h1>');
      },
    );
  });
});

describe('options', () => {
  it('sends static headers, async header functions and per-request headers, through a custom fetch', async () => {
    const seen: Array<Record<string, string>> = [];
    const recordingFetch: typeof fetch = async (input, init) => {
      const headers: Record<string, string> = {};
      new Headers(init?.headers).forEach((value, key) => (headers[key] = value));
      seen.push(headers);
      return fetch(input, init);
    };
    const withHeaders = createClient({
      url: server.endpoint,
      fetch: recordingFetch,
      headers: async () => ({ authorization: 'Bearer test-key', 'x-client': 'sdk-test' }),
    });
    const { conference } = await withHeaders.conference({ year: 2011 }, { headers: { 'x-client': 'override' } });
    expect(conference?.hostCity?.name).toBe('Prato');
    expect(seen).toEqual([
      expect.objectContaining({
        authorization: 'Bearer test-key',
        'x-client': 'override',
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
      }),
    ]);
  });
});

describe('pagination', () => {
  it('iterates over every member, following cursors page by page', async () => {
    const names: string[] = [];
    for await (const member of client.paginate(
      client.organisations,
      { filter: { isMember: true } },
      (data) => data.organisations,
      { pageSize: 10 },
    )) {
      names.push(member.name);
    }
    expect(names).toHaveLength(48);
    expect(new Set(names).size).toBe(48);
    expect(names.slice(0, 2)).toEqual(['Aberdeen', 'Autonomous University of Barcelona']);
  });

  it('stops at a limit without fetching more than it needs', async () => {
    const requests: string[] = [];
    const counting = createClient({
      url: server.endpoint,
      fetch: async (input, init) => {
        requests.push(String(init?.body));
        return fetch(input, init);
      },
    });
    const years: number[] = [];
    for await (const conference of counting.paginate(counting.conferences, {}, (data) => data.conferences, {
      pageSize: 3,
      limit: 5,
    })) {
      years.push(conference.year);
    }
    expect(years).toEqual([2010, 2011, 2012, 2013, 2014]);
    expect(requests).toHaveLength(2);
  });
});
