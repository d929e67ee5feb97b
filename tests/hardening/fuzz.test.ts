import { Role } from '../../server/modules/access/access.entity';
import { createApiKey } from '../../server/modules/access/access.service';
import { queryData } from '../helpers/graphql';
import { startTestServer, type TestServer } from '../helpers/server';
import { OperationGenerator, Random, loadSchema, type Harvest, type Operation } from './generate';
import { checkResponse, sendOperation, type Exchange } from './invariants';

/**
 * Fuzzing: thousands of random operations made from schema.graphql (well-typed queries with edge-case
 * arguments, broken documents and bodies, mutations with and without an editor key), sent over HTTP to the real
 * app. Whatever comes in, no answer is a 5xx, an INTERNAL_SERVER_ERROR, an error without a string code from the
 * stable list, or a text that leaks internals (stack frames, SQL, ORM or driver messages).
 *
 * Reproduce a run with the seed it prints: FUZZ_SEED=1234 npx jest tests/hardening/fuzz.test.ts
 */
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
const CONCURRENCY = 6;
const SHOWN = Number(process.env.FUZZ_SHOW ?? 8);
const COUNTS = { query: 900, queryEdge: 500, broken: 700, anonymousMutations: 150, editorMutations: 350 };

let server: TestServer;
let editorKey: string;
let generator: OperationGenerator;
let totalsBefore: Totals;

type Totals = { conferences: { totalCount: number }; countries: { totalCount: number } };
const totals = () => queryData<Totals>(server.endpoint, '{ conferences { totalCount } countries { totalCount } }');

beforeAll(async () => {
  if (!Number.isSafeInteger(SEED)) throw new Error(`FUZZ_SEED must be a whole number (got ${process.env.FUZZ_SEED})`);
  console.log(`Fuzz seed: ${SEED} (reproduce with FUZZ_SEED=${SEED})`);
  server = await startTestServer();
  editorKey = (await createApiKey(server.orm.em.fork(), 'fuzz editor', Role.EDITOR)).key;
  generator = new OperationGenerator(loadSchema(), new Random(SEED), await harvest());
  totalsBefore = await totals();
});
afterAll(() => server?.close());

/** Ids, cursors, slugs and names of real records, so that some random arguments find something. */
async function harvest(): Promise<Harvest> {
  const data = await queryData<Record<string, { edges: Array<{ cursor: string; node: Record<string, string> }> }>>(
    server.endpoint,
    `{
      countries(first: 5) { edges { cursor node { id name code } } }
      cities(first: 8) { edges { cursor node { id name slug } } }
      conferences(first: 5) { edges { cursor node { id title } } }
      organisations(first: 5) { edges { cursor node { id name slug } } }
      themes(first: 5) { edges { cursor node { id name slug } } }
      people(first: 3) { edges { cursor node { id name slug } } }
    }`,
  );
  const edges = Object.values(data).flatMap((connection) => connection.edges);
  const values = (key: string) =>
    edges.map((edge) => edge.node[key]).filter((value): value is string => typeof value === 'string');
  return {
    ids: values('id'),
    cursors: edges.map((edge) => edge.cursor),
    slugs: values('slug'),
    names: [...values('name'), ...values('code')],
  };
}

/** Sends the operations a few at a time; returns every exchange that broke an invariant, with its description. */
async function run(operations: Operation[], expectation?: (exchange: Exchange) => string | undefined) {
  const problems: string[] = [];
  const exchanges: Exchange[] = [];
  let next = 0;
  const worker = async () => {
    while (next < operations.length) {
      const operation = operations[next++];
      const exchange = await sendOperation(server.endpoint, operation, editorKey);
      exchanges.push(exchange);
      const problem = checkResponse(exchange) ?? expectation?.(exchange);
      if (problem) problems.push(`${problem}\n  seed ${SEED}, ${explain(exchange)}`);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { problems, exchanges };
}

function explain({ operation, status, text }: Exchange): string {
  const shown = (value: unknown) => {
    const json = JSON.stringify(value) ?? String(value);
    return json.length > 1500 ? `${json.slice(0, 1500)}… (${json.length} chars)` : json;
  };
  return [
    `kind ${operation.kind}${operation.withKey ? ' (editor key)' : ''}${operation.get ? ' (GET)' : ''}`,
    operation.rawBody !== undefined
      ? `body ${typeof operation.rawBody === 'string' ? shown(operation.rawBody) : `(base64) ${Buffer.from(operation.rawBody).toString('base64')}`}`
      : `query ${shown(operation.query)}`,
    operation.variables ? `variables ${shown(operation.variables)}` : '',
    `-> HTTP ${status} ${shown(text.slice(0, 800))}`,
  ]
    .filter(Boolean)
    .join('\n  ');
}

/** The first few problems in full, so a failure shows what to replay. */
function report(problems: string[]): string[] {
  return problems.slice(0, SHOWN).concat(problems.length > SHOWN ? [`… and ${problems.length - SHOWN} more`] : []);
}

const codes = (exchange: Exchange) => (exchange.body?.errors ?? []).map((error) => error.extensions?.code);
const tally = (exchanges: Exchange[]) =>
  exchanges.reduce<Record<string, number>>((counts, exchange) => {
    const key = `${exchange.status} ${[...new Set(codes(exchange))].join('+') || 'data'}`;
    counts[key] = (counts[key] ?? 0) + 1;
    return counts;
  }, {});

let total = 0;

describe(`fuzzing (seed ${SEED})`, () => {
  it('answers well-typed random queries with data or a client error', async () => {
    const operations = Array.from({ length: COUNTS.query }, () => ({ ...generator.query('safe'), get: false }));
    // Some as GET requests, as urql sends short ones by default (a URL over
    // Node's 16 kB header limit gets 431 with no body: abuse.test.ts covers that).
    const urlLength = (operation: Operation) =>
      encodeURIComponent(operation.query + JSON.stringify(operation.variables ?? {})).length;
    operations.forEach((operation, index) => (operation.get = index % 10 === 0 && urlLength(operation) < 8_000));
    const { problems, exchanges } = await run(operations, (exchange) =>
      codes(exchange).some((code) => code === 'GRAPHQL_PARSE_FAILED')
        ? 'a generated query did not parse (generator bug)'
        : undefined,
    );
    total += exchanges.length;
    console.log(`well-typed queries: ${exchanges.length}`, tally(exchanges));
    expect(report(problems)).toEqual([]);
    // The fuzzer must reach the resolvers, not stop at validation: most of these queries run (HTTP 200, with
    // BAD_USER_INPUT from a resolver at worst), and many return data without any error.
    expect(exchanges.filter((exchange) => exchange.status === 200).length).toBeGreaterThan(exchanges.length * 0.8);
    expect(exchanges.filter((exchange) => exchange.status === 200 && !exchange.body?.errors).length).toBeGreaterThan(
      exchanges.length * 0.2,
    );
  });

  it('answers queries with edge-case values (out-of-range ints, bad dates, long lists) cleanly', async () => {
    const operations = Array.from({ length: COUNTS.queryEdge }, () => generator.query('edge'));
    const { problems, exchanges } = await run(operations);
    total += exchanges.length;
    console.log(`edge-case queries: ${exchanges.length}`, tally(exchanges));
    expect(report(problems)).toEqual([]);
  });

  it('refuses broken operations and bodies with a 4xx and a stable code', async () => {
    const operations = Array.from({ length: COUNTS.broken }, () => generator.broken());
    const { problems, exchanges } = await run(operations);
    total += exchanges.length;
    console.log(`broken operations: ${exchanges.length}`, tally(exchanges));
    expect(report(problems)).toEqual([]);
    // Most broken operations are refused outright (some mutations still parse and validate, e.g. an unused fragment
    // name removed by garbling).
    expect(exchanges.filter((exchange) => exchange.status >= 400).length).toBeGreaterThan(exchanges.length / 2);
  });

  it('refuses every mutation without a key with UNAUTHENTICATED', async () => {
    const operations = Array.from({ length: COUNTS.anonymousMutations }, () => generator.mutation('safe', false));
    // The only other answers allowed: a request refused before anything runs, for a cost over the limit or for
    // text PostgreSQL cannot hold (NUL).
    const refusedBeforeRunning = (exchange: Exchange) =>
      exchange.status === 400 &&
      (exchange.body?.errors?.[0]?.extensions?.limit === 'cost' ||
        /NUL character/.test(String(exchange.body?.errors?.[0]?.message)));
    const { problems, exchanges } = await run(operations, (exchange) =>
      (codes(exchange).join() === 'UNAUTHENTICATED' && exchange.body?.data == null) || refusedBeforeRunning(exchange)
        ? undefined
        : 'expected exactly one UNAUTHENTICATED error and no data',
    );
    total += exchanges.length;
    console.log(`mutations without a key: ${exchanges.length}`, tally(exchanges));
    expect(report(problems)).toEqual([]);
  });

  it('lets an editor send random mutations that succeed or fail cleanly, never as unauthenticated', async () => {
    const operations = Array.from({ length: COUNTS.editorMutations }, (_, index) =>
      generator.mutation(index % 3 === 0 ? 'edge' : 'safe', true),
    );
    const { problems, exchanges } = await run(operations, (exchange) =>
      codes(exchange).includes('UNAUTHENTICATED') ? 'a valid editor key was refused as UNAUTHENTICATED' : undefined,
    );
    total += exchanges.length;
    console.log(`mutations with an editor key: ${exchanges.length}`, tally(exchanges));
    expect(report(problems)).toEqual([]);
  });

  it('is still ready and answers from the dataset afterwards', async () => {
    console.log(`operations sent in total: ${total} (seed ${SEED})`);
    expect(total).toBeGreaterThanOrEqual(2_000);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    // (The editor's random mutations may have changed a record or two, so the check is on the whole, not on one fact.)
    const after = await totals();
    expect(after.conferences.totalCount).toBeGreaterThanOrEqual(totalsBefore.conferences.totalCount - 3);
    expect(after.countries.totalCount).toBeGreaterThanOrEqual(totalsBefore.countries.totalCount - 3);
  });
});
