import { createApp } from '../../server/app';
import { startTestServer, testConfig, type TestServer } from '../helpers/server';
import { checkResponse } from './invariants';

/**
 * Abuse: each hostile or careless request of a known kind (query bombs, floods, oversized or malformed bodies,
 * cross-site form posts, wrong methods and content types) is refused quickly with HTTP 4xx and its stable
 * `extensions.code`, while a loop probing GET /healthz the whole time always gets 200; afterwards the API still
 * answers facts from the dataset. Deterministic (no randomness): `npx jest tests/hardening/abuse.test.ts`.
 */
let server: TestServer;
// How long any request here, and any health probe meanwhile, may take: a bound on stalls, not a speed claim. The
// server runs in the test's own process, so a heavy answer holds the probes' event loop too, and on a slow day of
// the shared 2-core machine (3–5× slower than a quiet one) answers within the limits took over 2 s. A request that
// ran unbounded (no statement timeout, a runaway pattern) would still take far longer.
const SLOW_MS = 5_000;

// The health loop: probes /healthz one after another, for as long as the abuse set runs.
const probes: Array<{ status: number; milliseconds: number; at: number }> = [];
// When the first abuse request went out and the last answer came back.
let abuseFrom = Infinity;
let abuseUntil = 0;
let probing = true;
let healthLoop: Promise<void>;

beforeAll(async () => {
  server = await startTestServer();
  healthLoop = (async () => {
    while (probing) {
      const started = Date.now();
      const status = await fetch(`${server.url}/healthz`).then(
        (response) => response.status,
        () => 0,
      );
      probes.push({ status, milliseconds: Date.now() - started, at: started });
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  })();
});
afterAll(async () => {
  probing = false;
  await healthLoop;
  await server?.close();
});

interface Answer {
  status: number;
  text: string;
  body?: { data?: unknown; errors?: Array<{ message?: unknown; extensions?: Record<string, unknown> }> };
}

/** Sends a request and checks it came back quickly and GraphQL-shaped, without leaking internals. */
async function send(init: RequestInit & { query?: string; url?: string }): Promise<Answer> {
  const started = Date.now();
  abuseFrom = Math.min(abuseFrom, started);
  const response = await fetch(init.url ?? server.endpoint, init);
  const text = await response.text();
  const milliseconds = Date.now() - started;
  abuseUntil = Date.now();
  let body: Answer['body'];
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const problem = checkResponse({ status: response.status, text, body });
  if (problem) throw new Error(`${problem}: HTTP ${response.status} ${text.slice(0, 500)}`);
  expect(milliseconds).toBeLessThan(SLOW_MS);
  return { status: response.status, text, body };
}

const json = { 'content-type': 'application/json' };
const post = (query: string, variables?: unknown, headers: Record<string, string> = json) =>
  send({ method: 'POST', headers, body: JSON.stringify({ query, variables }) });
const get = (query: string, headers: Record<string, string> = {}) =>
  send({ url: `${server.endpoint}?query=${encodeURIComponent(query)}`, headers });

/** Asserts a refusal: HTTP status, one or more errors all carrying `code`, the first message matching. */
function expectRefused(answer: Answer, status: number, code: string, message?: RegExp) {
  expect({
    status: answer.status,
    codes: [...new Set(answer.body?.errors?.map((error) => error.extensions?.code))],
  }).toEqual({ status, codes: [code] });
  if (message) expect(answer.body?.errors?.[0]?.message).toMatch(message);
}

/** country -> cities -> nodes -> country -> …: a cycle the schema allows, `levels` wrappers deep. */
function nested(levels: number): string {
  let selection = 'name';
  for (let level = 0; level < levels; level += 1) {
    selection =
      (levels - 1 - level) % 2 === 0 ? `country { ${selection} }` : `cities(first: 1) { nodes { ${selection} } }`;
  }
  return `{ city(slug: "vienna") { ${selection} } }`;
}

/** Fragments F1..Fn, each spreading the one before twice: 2^n copies of F0 once expanded. */
function fragmentBomb(levels: number, base: string): string {
  const fragments = [`fragment F0 on Country { ${base} }`];
  for (let level = 1; level <= levels; level += 1)
    fragments.push(`fragment F${level} on Country { ...F${level - 1} ...F${level - 1} }`);
  return `{ country(code: "AT") { ...F${levels} } } ${fragments.join(' ')}`;
}

describe('query bombs and floods are refused before they run', () => {
  it(`deep nesting beyond MAX_DEPTH (${testConfig.maxDepth})`, async () => {
    expectRefused(await post(nested(40)), 400, 'GRAPHQL_VALIDATION_FAILED', /Query depth limit of 15 exceeded/);
    expectRefused(await post(nested(500)), 400, 'GRAPHQL_VALIDATION_FAILED', /Query depth limit of 15 exceeded/);
  });

  it(`an alias bomb beyond MAX_ALIASES (${testConfig.maxAliases})`, async () => {
    const aliases = (count: number) =>
      `{ ${Array.from({ length: count }, (_, index) => `a${index}: countries(first: 100) { totalCount }`).join(' ')} }`;
    expectRefused(await post(aliases(31)), 400, 'GRAPHQL_VALIDATION_FAILED', /Aliases limit of 30 exceeded, found 31/);
    expectRefused(await post(aliases(300)), 400, 'GRAPHQL_VALIDATION_FAILED', /Aliases limit of 30/);
  });

  it('fragment bombs: spreads that multiply aliases, directives or depth exponentially', async () => {
    expectRefused(
      await post(fragmentBomb(30, 'a: name b: code')),
      400,
      'GRAPHQL_VALIDATION_FAILED',
      /Aliases limit of 30 exceeded/,
    );
    expectRefused(
      await post(fragmentBomb(30, 'name @include(if: true)')),
      400,
      'GRAPHQL_VALIDATION_FAILED',
      /Directives limit of 50 exceeded/,
    );
    const deep = [`fragment D0 on Country { cities(first: 1) { nodes { country { name } } } }`];
    for (let level = 1; level <= 20; level += 1)
      deep.push(
        `fragment D${level} on Country { ...D${level - 1} cities(first: 1) { nodes { country { ...D${level - 1} } } } }`,
      );
    expectRefused(
      await post(`{ country(code: "AT") { ...D20 } } ${deep.join(' ')}`),
      400,
      'GRAPHQL_VALIDATION_FAILED',
      /Query depth limit of 15 exceeded/,
    );
  });

  it('a fragment bomb of plain fields is harmless: the same fields merge, so it is answered at once', async () => {
    const answer = await post(fragmentBomb(40, 'name code'));
    expect(answer).toMatchObject({ status: 200, body: { data: { country: { name: 'Austria', code: 'AT' } } } });
  });

  it('cyclic fragments', async () => {
    const answer = await post(
      '{ association { ...A } } fragment A on Association { name ...B } fragment B on Association { ...A }',
    );
    expectRefused(answer, 400, 'GRAPHQL_VALIDATION_FAILED', /Cannot spread fragment "A" within itself via "B"/);
    expectRefused(
      await post('{ association { ...A } } fragment A on Association { ...A }'),
      400,
      'GRAPHQL_VALIDATION_FAILED',
      /within itself/,
    );
  });

  it(`a directive flood beyond MAX_DIRECTIVES (${testConfig.maxDirectives})`, async () => {
    expectRefused(
      await post(`{ association { name ${'@include(if: true) '.repeat(51)} } }`),
      400,
      'GRAPHQL_VALIDATION_FAILED',
      /Directives limit of 50 exceeded/,
    );
    expectRefused(
      await post(`{ association { name ${'@skip(if: false) '.repeat(1_000)} } }`),
      400,
      'GRAPHQL_VALIDATION_FAILED',
      /Directives limit of 50/,
    );
  });

  it(`too many tokens (over MAX_TOKENS, ${testConfig.maxTokens})`, async () => {
    expectRefused(
      await post(`{ association { ${'name '.repeat(10_001)} } }`),
      400,
      'GRAPHQL_PARSE_FAILED',
      /more that 10000 tokens/,
    );
    expectRefused(
      await post(`{ countries(filter: { code: { in: [${'"AT", '.repeat(12_000)}] } }) { totalCount } }`),
      400,
      'GRAPHQL_PARSE_FAILED',
      /10000 tokens/,
    );
  });

  it('input nested so deeply the parser cannot follow it (within the token limit)', async () => {
    const answer = await post(
      `{ countries(filter: { code: { in: ${'['.repeat(3_000)}${']'.repeat(3_000)} } }) { totalCount } }`,
    );
    expectRefused(answer, 400, 'GRAPHQL_PARSE_FAILED', /nested too deeply/);
  });

  it(`a query costing over MAX_COST (${testConfig.maxCost}) with \`first\` passed as a variable`, async () => {
    const query = `query ($n: Int) { countries(first: $n) { nodes { members(first: $n) { nodes { conferencesHosted(first: $n) { nodes { topics(first: $n) { nodes { wording } } } } } } } } }`;
    const answer = await post(query, { n: 100 });
    expectRefused(answer, 400, 'BAD_USER_INPUT', /over the limit of 250000/);
    expect(answer.body?.errors?.[0]?.extensions).toMatchObject({ limit: 'cost', maxCost: 250_000 });
    expect(answer.body?.data).toBeUndefined();
  });

  it('introspection-heavy queries: one __schema is answered, aliased copies and deeper nesting are refused', async () => {
    const wide = (name: string) => `${name}: __schema { types { name fields { name args { name type { name } } } } }`;
    const answered = await post(`{ ${wide('s0')} }`);
    expect(answered.status).toBe(200);
    expect(answered.body?.errors).toBeUndefined();
    const { s0 } = answered.body?.data as { s0: { types: Array<{ name: string }> } };
    expect(s0.types.map((type) => type.name)).toContain('Organisation');
    // The same name twice is one field of the answer, computed once.
    const merged = await post(`{ __schema { queryType { name } } __schema { mutationType { name } } }`);
    expect(merged.body?.data).toEqual({
      __schema: { queryType: { name: 'Query' }, mutationType: { name: 'Mutation' } },
    });
    // Thirty copies (the alias limit) were once answered, 30 times the work and the bytes of one; now refused.
    const copies = `{ ${Array.from({ length: 30 }, (_, index) => wide(`s${index}`)).join(' ')} }`;
    expectRefused(await post(copies), 400, 'GRAPHQL_VALIDATION_FAILED', /__schema once; this one asks for it 30 times/);
    // Through fragments, inline and named (a fragment spread twice counts once).
    const throughFragments =
      'query { ...Both ...Both ... on Query { c: __schema { queryType { name } } } } ' +
      'fragment Both on Query { a: __schema { queryType { name } } }';
    expectRefused(await post(throughFragments), 400, 'GRAPHQL_VALIDATION_FAILED', /asks for it 2 times \(as a, c\)/);
    const deep =
      '{ __schema { types { fields { type { fields { type { fields { type { fields { name } } } } } } } } } }';
    expectRefused(await post(deep), 400, 'GRAPHQL_VALIDATION_FAILED', /Maximum introspection depth exceeded/);
  });
});

describe('oversized and malformed input is refused', () => {
  it('a huge string argument (within the 100 kB body) is refused by length before anything runs', async () => {
    const huge = 'x'.repeat(90_000);
    const filtered = await post(`{ cities(filter: { name: { contains: "${huge}" } }) { totalCount } }`);
    expectRefused(filtered, 400, 'BAD_USER_INPUT', /text may be at most 10000 characters long/);
    expect(filtered.body?.errors?.[0]?.extensions?.argumentPath).toEqual(['filter', 'name', 'contains']);
    // As a variable, of a plain String argument with no rule of its own.
    const lookup = await post('query ($name: String) { city(name: $name) { name } }', { name: 'ü'.repeat(45_000) });
    expectRefused(lookup, 400, 'BAD_USER_INPUT', /text may be at most 10000 characters long/);
    expect(lookup.body?.errors?.[0]?.extensions?.argumentPath).toEqual(['name']);
    // Over a filter's own limit but under every text's: the filter's rule answers.
    const long = await post(`{ cities(filter: { name: { contains: "${'x'.repeat(5_000)}" } }) { totalCount } }`);
    expectRefused(long, 200, 'BAD_USER_INPUT', /contains must be shorter than or equal to 200 characters/);
  });

  it('text with a NUL character, which PostgreSQL cannot hold', async () => {
    const answer = await post('query ($slug: String!) { theme(slug: $slug) { name } }', {
      slug: 'cyber\u0000security',
    });
    expectRefused(answer, 400, 'BAD_USER_INPUT', /NUL character/);
    expect(answer.body?.errors?.[0]?.extensions?.argumentPath).toEqual(['slug']);
    // Written in the query, deep in a nested connection's filter.
    const nested = await post(
      '{ countries(first: 1) { nodes { cities(filter: { name: { in: ["Vienna", "Wi\\u0000en"] } }) { totalCount } } } }',
    );
    expectRefused(nested, 400, 'BAD_USER_INPUT', /NUL character/);
    expect(nested.body?.errors?.[0]?.extensions?.argumentPath).toEqual(['filter', 'name', 'in', 1]);
  });

  it('a body over 100 kB (413)', async () => {
    const answer = await send({
      method: 'POST',
      headers: json,
      body: JSON.stringify({ query: `{ association { name } } #${'x'.repeat(120_000)}` }),
    });
    expectRefused(answer, 413, 'BAD_REQUEST', /too large/);
  });

  it('a batched array body (batching is off)', async () => {
    const answer = await send({
      method: 'POST',
      headers: json,
      body: JSON.stringify([{ query: '{ association { name } }' }, { query: '{ association { name } }' }]),
    });
    expectRefused(answer, 400, 'BAD_REQUEST', /batching disabled/);
  });

  it('invalid JSON, and JSON that is not a request', async () => {
    expectRefused(
      await send({ method: 'POST', headers: json, body: '{"query": ' }),
      400,
      'BAD_REQUEST',
      /not valid JSON/,
    );
    expectRefused(
      await send({ method: 'POST', headers: json, body: '"{ association { name } }"' }),
      400,
      'BAD_REQUEST',
    );
    expectRefused(await send({ method: 'POST', headers: json, body: '{}' }), 400, 'BAD_REQUEST');
    expectRefused(
      await send({ method: 'POST', headers: json, body: '{"query": 42}' }),
      400,
      'BAD_REQUEST',
      /must be strings/,
    );
    expectRefused(
      await send({ method: 'POST', headers: json, body: '{"query": "{ association { name } }", "variables": [1]}' }),
      400,
      'BAD_REQUEST',
      /must be an object/,
    );
  });

  it('too many invalid variables at once', async () => {
    const answer = await post(
      'query ($years: [Int!]) { conferences(filter: { year: { in: $years } }) { totalCount } }',
      { years: Array(200).fill('x') },
    );
    expect(answer.status).toBe(400);
    expect(new Set(answer.body?.errors?.map((error) => error.extensions?.code))).toEqual(
      new Set(['BAD_USER_INPUT', 'BAD_REQUEST']),
    );
  });

  it('a persisted-query hash that does not match the query', async () => {
    const answer = await send({
      method: 'POST',
      headers: json,
      body: JSON.stringify({
        query: '{ association { name } }',
        extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } },
      }),
    });
    expectRefused(answer, 400, 'BAD_REQUEST', /sha does not match/);
  });

  it('wrong content types', async () => {
    const body = JSON.stringify({ query: '{ association { name } }' });
    for (const contentType of ['application/xml', 'application/graphql', 'text/html']) {
      expectRefused(
        await send({ method: 'POST', headers: { 'content-type': contentType }, body }),
        415,
        'BAD_REQUEST',
        /A POST body must be JSON/,
      );
    }
    // A JSON body in a charset other than UTF-8 is refused by the body parser (415).
    expectRefused(
      await send({ method: 'POST', headers: { 'content-type': 'application/json; charset=latin1' }, body }),
      415,
      'BAD_REQUEST',
      /must be JSON in UTF-8/,
    );
    expectRefused(
      await send({ method: 'POST', headers: { ...json, 'content-encoding': 'x-unknown' }, body }),
      415,
      'BAD_REQUEST',
      /Content-Encoding the server does not read/,
    );
  });
});

describe('methods and content types', () => {
  it('a mutation sent via GET (405)', async () => {
    const answer = await get('mutation { deleteTheme(id: "VGhlbWU6MQ", version: 1) }');
    expectRefused(answer, 405, 'BAD_REQUEST', /GET requests only support query operations/);
  });

  it('a POST with a content type a form can send cross-site: text/plain, multipart/form-data, urlencoded (415)', async () => {
    const query = '{ association { name } }';
    const forms: Array<[string, string]> = [
      ['text/plain', JSON.stringify({ query })],
      [
        'multipart/form-data; boundary=x',
        `--x\r\nContent-Disposition: form-data; name="query"\r\n\r\n${query}\r\n--x--\r\n`,
      ],
      ['application/x-www-form-urlencoded', `query=${encodeURIComponent(query)}`],
    ];
    for (const [contentType, body] of forms) {
      expectRefused(
        await send({ method: 'POST', headers: { 'content-type': contentType }, body }),
        415,
        'BAD_REQUEST',
        /A POST body must be JSON/,
      );
    }
  });

  it('a POST without a content type (415)', async () => {
    // Bytes, not a string: fetch would label a string body text/plain.
    const body = new TextEncoder().encode(JSON.stringify({ query: '{ association { name } }' }));
    expectRefused(await send({ method: 'POST', body }), 415, 'BAD_REQUEST', /Content-Type: application\/json/);
  });

  it('other methods (405)', async () => {
    for (const method of ['PUT', 'PATCH']) {
      expectRefused(await send({ method, headers: json, body: '{}' }), 405, 'BAD_REQUEST', /only GET\/POST/);
    }
  });

  it("a GET whose URL is over Node's 16 kB header limit (431, answered before express)", async () => {
    const response = await fetch(
      `${server.endpoint}?query=${encodeURIComponent(`{ association { name } } #${'x'.repeat(20_000)}`)}`,
    );
    expect(response.status).toBe(431);
    expect(await response.json()).toEqual({
      errors: [
        {
          message: 'The request headers are too large (a long URL counts): send the query in a POST body.',
          extensions: { code: 'BAD_REQUEST' },
        },
      ],
    });
  });
});

describe('graph exports: hostile filters and exports of everything', () => {
  const exportUrl = (file: string, query = '') => `${server.url}/graph/${file}${query ? `?${query}` : ''}`;

  it('oversized and malformed filters are refused with 400 before the graph is read', async () => {
    const countries = Array.from({ length: 2_000 }, () => 'AT').join(',');
    expectRefused(
      await send({ url: exportUrl('export.graphml', `countries=${countries}`) }),
      400,
      'BAD_USER_INPUT',
      /`countries` may hold at most 100 values \(got 2000\)/,
    );
    expectRefused(
      await send({ url: exportUrl('export.csv.zip', `fromYear=${'9'.repeat(5_000)}`) }),
      400,
      'BAD_USER_INPUT',
      /fromYear must be a whole number/,
    );
    expectRefused(
      await send({ url: exportUrl('export.json', 'kinds[a]=CITY') }),
      400,
      'BAD_USER_INPUT',
      /Unknown query parameter "kinds\[a\]"/,
    );
    // PostgreSQL cannot hold NUL: refused as in every GraphQL text argument, never a database error.
    expectRefused(
      await send({ url: exportUrl('export.gexf', 'themes=open-data,%00') }),
      400,
      'BAD_USER_INPUT',
      /^Invalid argument themes: text may not contain the NUL character/,
    );
  });

  it('an unknown format of any length is 404, its name cut short in the answer', async () => {
    const answer = await send({ url: exportUrl(`export.${'x'.repeat(5_000)}`) });
    expectRefused(answer, 404, 'NOT_FOUND', /^There is no graph export "export\.x+\.\.\."; the exports are /);
    expect(answer.text.length).toBeLessThan(1_000);
  });

  describe('on a rate limit', () => {
    let limited: { url: string; endpoint: string; close(): Promise<void> };
    let wholeGraph: number;
    let limit: number;

    beforeAll(async () => {
      // The size of the whole graph, from the unlimited server: on the limited one the query itself would cost.
      const counted = await post('{ graph { nodeCount edgeCount } }');
      const graph = (counted.body?.data as { graph: { nodeCount: number; edgeCount: number } }).graph;
      wholeGraph = graph.nodeCount + graph.edgeCount;
      expect(wholeGraph).toBeGreaterThan(300);
      // Room for two exports of everything and a little more, in a window longer than the test. A second app on
      // the same ORM (the embedded engine takes one connection).
      limit = 2 * (wholeGraph + 1) + 50;
      const app = await createApp({
        orm: server.orm,
        config: { ...testConfig, environment: 'test', rateLimitPoints: limit, rateLimitWindowSeconds: 600 },
      });
      const running = await app.listen(0, '127.0.0.1');
      limited = { url: running.url, endpoint: `${running.url}/graphql`, close: running.close };
    });
    afterAll(() => limited?.close());

    it('each export spends its size, one point per node and edge; once spent, exports get 429 and no file', async () => {
      const small = await fetch(`${limited.url}/graph/export.nodes.csv?kinds=COUNTRY`);
      const countries = (await small.text()).trim().split('\r\n').length - 1;
      expect(countries).toBeGreaterThanOrEqual(17);
      // One point on arrival; a table of countries holds no edges.
      expect(Number(small.headers.get('ratelimit-remaining'))).toBe(limit - 1 - countries);

      let remaining = limit - 1 - countries;
      for (const file of ['export.graphml', 'export.csv.zip']) {
        const whole = await fetch(`${limited.url}/graph/${file}`);
        await whole.arrayBuffer();
        expect(whole.status).toBe(200);
        remaining -= 1 + wholeGraph;
        expect(Number(whole.headers.get('ratelimit-remaining'))).toBe(remaining);
      }

      // Over the budget: the graph is read, its size charged, and nothing but the refusal is sent.
      const started = Date.now();
      const refused = await fetch(`${limited.url}/graph/export.gexf`);
      expect(refused.status).toBe(429);
      expect(refused.headers.get('content-type')).toMatch(/^application\/json/);
      expect(refused.headers.get('content-disposition')).toBeNull();
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      const body = (await refused.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
      expect(body.errors[0]).toMatchObject({ extensions: { code: 'RATE_LIMITED' } });
      expect(body.errors[0].message).toMatch(/^Rate limit exceeded: this client may spend \d+ cost points every 600 s/);
      // From now on refused on arrival, before anything is read.
      for (let attempt = 0; attempt < 20; attempt += 1) {
        const again = await fetch(`${limited.url}/graph/export.json`);
        await again.arrayBuffer();
        expect(again.status).toBe(429);
      }
      expect(Date.now() - started).toBeLessThan(SLOW_MS);
      // GraphQL spends the same budget.
      const query = await fetch(limited.endpoint, {
        method: 'POST',
        headers: json,
        body: '{"query":"{ association { name } }"}',
      });
      expect(query.status).toBe(429);
    });
  });
});

describe('search with hostile text', () => {
  /** Text that means something to LIKE, to tsquery, to SQL or to Unicode, alone and next to a real name. */
  const HOSTILE = [
    '%',
    '_',
    '\\',
    "'",
    '"',
    '& | ! ( ) : * <->',
    '!zurich:* & (<->)',
    "zurich'; drop table search_document; --",
    '%zur%_',
    '🙂'.repeat(100),
    'Zürich 🙂🚀',
    'e\u0301'.repeat(60),
    '\u202e\ufeffvienna',
    'a'.repeat(200),
    'a '.repeat(100),
    'ß'.repeat(200),
    '東京 مرحبا',
  ];

  it('answers each with hits or BAD_USER_INPUT, never slowly', async () => {
    const query = 'query ($q: String!) { search(query: $q, first: 100) { totalCount nodes { label snippet } } }';
    for (const text of HOSTILE) {
      const answer = await post(query, { q: text });
      const codes = answer.body?.errors?.map((error) => error.extensions?.code) ?? [];
      expect([text, answer.status, codes.filter((code) => code !== 'BAD_USER_INPUT')]).toEqual([text, 200, []]);
    }
  });

  it('reads punctuation around a name as no more than a word break', async () => {
    const query = 'query ($q: String!) { search(query: $q, kinds: [CITY]) { nodes { label } } }';
    for (const punctuation of ['%', '_', '\\', "'", '"', '& | ! ( ) : * <->', '%_\\%', '🙂🚀']) {
      const answer = await post(query, { q: `${punctuation}Vienna${punctuation}` });
      expect([punctuation, answer.body?.data]).toEqual([punctuation, { search: { nodes: [{ label: 'Vienna' }] } }]);
    }
  });

  it('refuses a search whose page, times what each hit asks for, costs over MAX_COST', async () => {
    const query = `query ($n: Int) { search(query: "Austria", first: $n) { nodes { record { ... on Country { members(first: $n) { nodes { conferencesHosted(first: $n) { nodes { year } } } } } } } } }`;
    expectRefused(await post(query, { n: 100 }), 400, 'BAD_USER_INPUT', /over the limit of 250000/);
  });
});

describe('after all that', () => {
  it('still answers facts from the dataset', async () => {
    const answer = await post('{ conference(year: 2012) { hostCity { name } } }');
    expect(answer).toMatchObject({ status: 200, body: { data: { conference: { hostCity: { name: 'Vienna' } } } } });
  });

  it('kept /healthz at 200 the whole time', async () => {
    // Let two more probes through, so that the last one started after the last abuse answer.
    const seen = probes.length;
    while (probes.length < seen + 2) await new Promise((resolve) => setTimeout(resolve, 5));
    probing = false;
    await healthLoop;
    const failed = probes.filter((probe) => probe.status !== 200);
    const slowest = Math.max(...probes.map((probe) => probe.milliseconds));
    expect({ failed, slowest: slowest < SLOW_MS ? 'within the bound' : `${slowest} ms` }).toEqual({
      failed: [],
      slowest: 'within the bound',
    });
    // Probes ran before the first abuse request and after the last answer, and many in between.
    expect(probes[0].at).toBeLessThanOrEqual(abuseFrom);
    expect(probes[probes.length - 1].at).toBeGreaterThanOrEqual(abuseUntil);
    expect(probes.filter((probe) => probe.at > abuseFrom && probe.at < abuseUntil).length).toBeGreaterThanOrEqual(20);
    console.log(
      `health probes: ${probes.length}, all 200; slowest ${Math.max(...probes.map((probe) => probe.milliseconds))} ms`,
    );
  });
});
