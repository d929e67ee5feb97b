import { postGraphQL, queryData } from '../helpers/graphql';
import { startTestServer, statementsInto, type TestServer } from '../helpers/server';

/**
 * `search` over the seeded dataset, through the real server over HTTP: the spellings the sources use for one
 * thing (Firenze and Florence, Zürich and Zurich), typos and half-typed words find the records; the whole of a name
 * outranks the same word in a description; pages follow one another; the hits are one SQL statement; and no
 * input, however hostile, gets anything but data or BAD_USER_INPUT.
 */
let server: TestServer;
const statements: string[] = [];

beforeAll(async () => {
  server = await startTestServer(statementsInto(statements));
});
afterAll(() => server.close());

interface Hit {
  kind: string;
  label: string;
  score: number;
  field: string;
  snippet: string;
  highlights: Array<{ start: number; length: number }>;
  record: { __typename: string; id: string; name?: string; year?: number; wording?: string };
}

interface SearchPage {
  search: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
    edges: Array<{ cursor: string; node: Hit }>;
  };
}

const SEARCH = `query ($query: String!, $kinds: [RecordKind!], $first: Int, $after: String) {
  search(query: $query, kinds: $kinds, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage endCursor }
    edges {
      cursor
      node {
        kind label score field snippet highlights { start length }
        record {
          __typename id
          ... on City { name }
          ... on Organisation { name }
          ... on Country { name }
          ... on Conference { year }
          ... on Theme { name }
          ... on Topic { wording }
        }
      }
    }
  }
}`;

async function search(query: string, options: { kinds?: string[]; first?: number; after?: string } = {}) {
  return (await queryData<SearchPage>(server.endpoint, SEARCH, { query, ...options })).search;
}

const hits = async (query: string, options?: Parameters<typeof search>[1]) =>
  (await search(query, options)).edges.map((edge) => edge.node);

/** Each hit as [kind, label, field], for comparing lists of hits. */
const brief = (found: Hit[]) => found.map((hit) => [hit.kind, hit.label, hit.field]);

/** The highlighted stretches of a hit's snippet, as text. */
const highlighted = (hit: Hit) =>
  hit.highlights.map((range) => hit.snippet.slice(range.start, range.start + range.length));

describe('what search finds', () => {
  it('ignores case and accents: "zurich" and "ZÜRICH" find Zurich, "saarbrucken" finds Saarbrücken', async () => {
    for (const query of ['zurich', 'ZÜRICH', 'Zürich']) {
      const [first] = await hits(query, { kinds: ['CITY'] });
      expect([query, first.record]).toMatchObject([query, { __typename: 'City', name: 'Zurich' }]);
      expect(first.score).toBe(1);
    }
    // The other name as the member table writes it ("Zürich") matches as well, just below the English name.
    const [zurichAsListed] = await hits('Zürich', { kinds: ['ORGANISATION'] });
    expect(zurichAsListed).toMatchObject({ label: 'Zurich', record: { __typename: 'Organisation', name: 'Zurich' } });

    const [saarbruecken] = await hits('saarbrucken', { kinds: ['CITY'] });
    expect(saarbruecken).toMatchObject({ label: 'Saarbrücken', field: 'name', snippet: 'Saarbrücken', score: 1 });
    expect(highlighted(saarbruecken)).toEqual(['Saarbrücken']);
  });

  it('knows other names: "Firenze" finds Florence, the city and the member organisation, and nothing else', async () => {
    const found = await hits('Firenze');
    expect(brief(found)).toEqual([
      ['ORGANISATION', 'Florence', 'otherName'],
      ['CITY', 'Florence', 'otherName'],
    ]);
    expect(found.map((hit) => hit.record)).toEqual([
      expect.objectContaining({ __typename: 'Organisation', name: 'Florence' }),
      expect.objectContaining({ __typename: 'City', name: 'Florence' }),
    ]);
    expect(found.map((hit) => [hit.snippet, highlighted(hit)])).toEqual([
      ['Firenze', ['Firenze']],
      ['Firenze', ['Firenze']],
    ]);
    // "Genova" is Genoa's Italian name, as the member table writes it.
    expect(brief(await hits('Genova'))).toEqual([
      ['ORGANISATION', 'Genoa', 'otherName'],
      ['CITY', 'Genoa', 'otherName'],
    ]);
  });

  it('tolerates typos: "Ljublana" finds Ljubljana, ranked below an exact spelling', async () => {
    const found = await hits('Ljublana');
    expect(brief(found)).toEqual([
      ['ORGANISATION', 'Ljubljana', 'name'],
      ['CITY', 'Ljubljana', 'name'],
    ]);
    expect(found[0].score).toBeGreaterThan(0.3);
    expect(found[0].score).toBeLessThan(0.7);
    expect(highlighted(found[1])).toEqual(['Ljubljana']);
    expect(brief(await hits('Grand Lion'))).toEqual([['ORGANISATION', 'Grand Lyon', 'name']]);
  });

  it('matches while typing: "Hamb" finds Hamburg, with the typed part highlighted', async () => {
    const found = await hits('Hamb');
    expect(brief(found)).toEqual([
      ['ORGANISATION', 'Hamburg', 'name'],
      ['CITY', 'Hamburg', 'name'],
    ]);
    expect(found.map((hit) => [hit.score, hit.highlights])).toEqual([
      [0.9, [{ start: 0, length: 4 }]],
      [0.9, [{ start: 0, length: 4 }]],
    ]);
    // Every word of the query starts a word of the name, in any order; the more of the name it covers, the better.
    expect(brief(await hits('Cork Cou', { kinds: ['ORGANISATION'] }))).toEqual([
      ['ORGANISATION', 'County Cork', 'name'],
      ['ORGANISATION', 'Cork City Council', 'name'],
    ]);
  });

  it('ranks the whole of a name above the same word in a description or a topic', async () => {
    const leipzig = await hits('Leipzig');
    expect(brief(leipzig)).toEqual([
      ['ORGANISATION', 'Leipzig', 'name'],
      ['CITY', 'Leipzig', 'name'],
      // "Co-host of the 2018 conference with the Municipality of Leipzig." and the 2018 conference's description.
      ['ORGANISATION', 'LECOS', 'description'],
      ['CONFERENCE', '2018 conference', 'description'],
    ]);
    expect(leipzig[0].score).toBe(1);
    expect(leipzig[3].score).toBeLessThan(0.5);
    expect(leipzig[3].record).toMatchObject({ __typename: 'Conference', year: 2018 });
    expect(highlighted(leipzig[3])).toEqual(['Leipzig']);

    const cybersecurity = await hits('cybersecurity');
    expect(brief(cybersecurity)[0]).toEqual(['THEME', 'Cybersecurity', 'name']);
    // The 2021 topic worded "Cybersecurity", then the 2014 "Cyber Security", then the word in the 2021 description.
    expect(brief(cybersecurity).slice(1)).toEqual([
      ['TOPIC', 'Cybersecurity', 'wording'],
      ['TOPIC', 'Cyber Security', 'wording'],
      ['CONFERENCE', '2021 conference', 'description'],
    ]);
    const description = cybersecurity[3];
    expect(description.snippet.startsWith('…')).toBe(true);
    expect(highlighted(description)).toEqual(['cybersecurity']);
  });

  it('finds countries by code and by the label the sources give them, and conferences by motto and year', async () => {
    expect(brief(await hits('HRV'))).toEqual([['COUNTRY', 'Croatia', 'alpha3']]);
    expect(brief(await hits('CRO Croatia'))).toEqual([['COUNTRY', 'Croatia', 'sourceLabel']]);
    const [renaissance] = await hits('Renaissance');
    expect(renaissance).toMatchObject({
      kind: 'CONFERENCE',
      field: 'title',
      snippet: 'City Renaissance in the Digital Age',
      highlights: [{ start: 5, length: 11 }],
      record: { year: 2016 },
    });
    expect(brief(await hits('2015'))[0]).toEqual(['CONFERENCE', '2015 conference', 'year']);
    expect(brief(await hits('Giorgio Prister'))).toEqual([['PERSON', 'Giorgio Prister', 'name']]);
    expect(brief(await hits('FUPOL'))).toEqual([['PROJECT', 'FUPOL', 'name']]);
    // The association by its short name and by the name the sources also give it.
    expect(brief(await hits('MCE', { kinds: ['ASSOCIATION'] }))).toEqual([
      ['ASSOCIATION', 'Major Cities of Europe IT Users Group', 'otherName'],
    ]);
    expect(brief(await hits('Major Cities of Europe IT Users Group'))[0]).toEqual([
      'ASSOCIATION',
      'Major Cities of Europe IT Users Group',
      'name',
    ]);
    expect(brief(await hits('Open Source Software'))).toEqual([
      // A workshop's title and a theme's name are names (weight 1); a topic's wording comes next (0.9).
      ['WORKSHOP', 'Open Source Software', 'title'],
      ['THEME', 'Open source software', 'name'],
      ['TOPIC', 'Open Source Software', 'wording'],
    ]);
  });

  it('keeps to the kinds asked for (none when the list is empty)', async () => {
    expect(brief(await hits('Florence', { kinds: ['CITY'] }))).toEqual([['CITY', 'Florence', 'name']]);
    const conferences = await hits('Florence', { kinds: ['CONFERENCE', 'COUNTRY'] });
    expect(conferences).toEqual([]);
    const none = await search('Florence', { kinds: [] });
    expect([none.totalCount, none.edges]).toEqual([0, []]);
  });
});

describe('pages of hits', () => {
  it('walks every hit once with `after`, in the order of one big page, and counts them', async () => {
    const whole = await search('city', { first: 100 });
    expect(whole.pageInfo.hasNextPage).toBe(false);
    expect(whole.totalCount).toBe(whole.edges.length);
    expect(whole.totalCount).toBeGreaterThan(15);
    const scores = whole.edges.map((edge) => edge.node.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));

    const walked: Hit[] = [];
    let after: string | undefined;
    for (let page = 0; page < 20; page++) {
      const next = await search('city', { first: 4, ...(after ? { after } : {}) });
      expect(next.totalCount).toBe(whole.totalCount);
      expect(next.pageInfo.hasPreviousPage).toBe(after !== undefined);
      walked.push(...next.edges.map((edge) => edge.node));
      if (!next.pageInfo.hasNextPage) break;
      after = next.pageInfo.endCursor!;
    }
    expect(walked.map((hit) => hit.record.id)).toEqual(whole.edges.map((edge) => edge.node.record.id));
    expect(new Set(walked.map((hit) => hit.record.id)).size).toBe(walked.length);
  });

  it('answers `first: 0` with no hits but the count', async () => {
    statements.length = 0;
    const empty = await search('Firenze', { first: 0 });
    expect([empty.edges, empty.totalCount, empty.pageInfo.hasNextPage]).toEqual([[], 2, true]);
    // The one row read past the page (to tell that there are more) carries the count.
    expect(statements.filter((statement) => /from search_document/.test(statement))).toHaveLength(1);
    // A page with no row at all has none to carry it: the count has a statement of its own.
    statements.length = 0;
    const none = await search('Florence', { kinds: ['CONFERENCE'] });
    expect([none.edges, none.totalCount]).toEqual([[], 0]);
    expect(statements.filter((statement) => /from search_document/.test(statement))).toHaveLength(2);
  });
});

describe('the SQL of a search', () => {
  const searchStatements = () => statements.filter((statement) => /from search_document/.test(statement));

  it('is one statement for the hits and their totalCount, and one batched load per kind of record', async () => {
    statements.length = 0;
    await queryData(server.endpoint, `{ search(query: "Firenze") { nodes { kind score } } }`);
    expect(searchStatements()).toHaveLength(1);
    expect(statements).toHaveLength(1);

    statements.length = 0;
    const data = await queryData<{ search: { totalCount: number; nodes: Array<{ record: { name: string } }> } }>(
      server.endpoint,
      `{ search(query: "Florence") { totalCount nodes { record { ... on City { name } ... on Organisation { name } ... on Conference { year } } } } }`,
    );
    // The city and the organisation (the 2016 conference names its host city by reference, not in its texts).
    expect(data.search.totalCount).toBe(2);
    expect(searchStatements()).toHaveLength(1);
    expect(searchStatements()[0]).toMatch(/select count\(\*\) from best/);
    const recordLoads = statements.filter((statement) => !/search_document/.test(statement));
    expect(recordLoads.map((statement) => /from "(\w+)"/.exec(statement)?.[1]).sort()).toEqual([
      'city',
      'organisation',
    ]);
    // Asked only for their ids, the records are not read (the search documents name them), and the ids are theirs.
    type Records = { search: { nodes: Array<{ record: { __typename: string; id: string; name?: string } }> } };
    const read = await queryData<Records>(
      server.endpoint,
      `{ search(query: "Florence") { nodes { record { __typename ... on Node { id } ... on City { name } ... on Organisation { name } } } } }`,
    );
    statements.length = 0;
    const ids = await queryData<Records>(
      server.endpoint,
      `{ search(query: "Florence") { nodes { record { __typename ... on Node { id } } } } }`,
    );
    expect(statements).toHaveLength(1);
    expect(ids.search.nodes).toEqual(
      read.search.nodes.map(({ record: { __typename, id } }) => ({ record: { __typename, id } })),
    );
    expect(read.search.nodes.map(({ record }) => [record.__typename, record.name]).sort()).toEqual([
      ['City', 'Florence'],
      ['Organisation', 'Florence'],
    ]);
  });

  it('reads at most one row more than the page', async () => {
    statements.length = 0;
    await queryData(server.endpoint, `{ search(query: "city", first: 3) { nodes { label } } }`);
    const [hitsStatement] = searchStatements();
    expect(Number(/(\d+) results?\]/.exec(hitsStatement)?.[1])).toBe(4);
  });

  it('costs its page size times what each hit asks for', async () => {
    const costly = (first: number) => `{ search(query: "Croatia", first: ${first}) { nodes { record {
      ... on Country { members(first: 100) { nodes { conferencesHosted(first: 30) { nodes { year } } } } } } } } }`;
    const refused = await postGraphQL(server.endpoint, costly(100));
    expect(refused.status).toBe(400);
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', limit: 'cost' });
    expect(Number(refused.errors?.[0].extensions?.cost)).toBeGreaterThan(100 * 100 * 30);
    const answered = await queryData<{ search: { nodes: Array<{ record: object }> } }>(server.endpoint, costly(1));
    expect(answered.search.nodes).toHaveLength(1);
  });
});

describe('bad and hostile queries', () => {
  const refusal = async (variables: Record<string, unknown>) => {
    const answer = await postGraphQL(server.endpoint, SEARCH, variables);
    return {
      status: answer.status,
      codes: answer.errors?.map((error) => error.extensions?.code),
      argumentPath: answer.errors?.[0].extensions?.argumentPath,
      message: answer.errors?.[0].message,
    };
  };

  it.each([
    ['an empty query', '', /must not be empty/],
    ['only whitespace', ' \t\n ', /must not be empty/],
    ['201 characters', 'a'.repeat(201), /at most 200 characters/],
    ['1,000 characters', 'Florence '.repeat(112).slice(0, 1000), /at most 200 characters/],
    ['only punctuation', '!?.,;-', /at least one letter or digit/],
    ['only tsquery operators', '& | ! ( ) : * <->', /at least one letter or digit/],
    ['only LIKE wildcards and escapes', '%_\\%', /at least one letter or digit/],
    ['only quotes', `'"'`, /at least one letter or digit/],
    ['only emoji', '🙂🚀', /at least one letter or digit/],
  ])('refuses %s with BAD_USER_INPUT naming `query`', async (_label, query, message) => {
    expect(await refusal({ query })).toMatchObject({
      status: 200,
      codes: ['BAD_USER_INPUT'],
      argumentPath: ['query'],
      message: expect.stringMatching(message),
    });
  });

  it('refuses the NUL character before running anything', async () => {
    expect(await refusal({ query: 'Zu\u0000rich' })).toMatchObject({ status: 400, codes: ['BAD_USER_INPUT'] });
  });

  it('refuses a bad page size or cursor with BAD_USER_INPUT', async () => {
    expect(await refusal({ query: 'city', first: 101 })).toMatchObject({
      codes: ['BAD_USER_INPUT'],
      argumentPath: ['first'],
    });
    expect(await refusal({ query: 'city', first: -1 })).toMatchObject({ codes: ['BAD_USER_INPUT'] });
    const country = await queryData<{ countries: { edges: Array<{ cursor: string }> } }>(
      server.endpoint,
      '{ countries(first: 1) { edges { cursor } } }',
    );
    for (const after of [
      'not a cursor',
      country.countries.edges[0].cursor,
      Buffer.from('["search",2,1,1]').toString('base64url'),
    ]) {
      expect(await refusal({ query: 'city', after })).toMatchObject({
        codes: ['BAD_USER_INPUT'],
        argumentPath: ['after'],
      });
    }
  });

  it.each([
    ['a LIKE pattern', '%zur%', 'Zurich'],
    ['an underscore wildcard', 'Z_rich', undefined],
    ['a backslash', 'zur\\ich', undefined],
    ['quotes', `"Zurich" 'Zurich'`, 'Zurich'],
    ['an apostrophe inside a name', "Ca' Foscari", "Ca' Foscari University"],
    ['tsquery syntax', '!zurich:* & (<->)', 'Zurich'],
    ['tsquery syntax around two names', 'zurich:* & !(ljubljana | <->)', undefined],
    ['an emoji next to a name', 'Zürich 🙂', 'Zurich'],
    ['SQL', "zurich'; drop table search_document; --", undefined],
    ['combining accents', 'Zu\u0308rich', 'Zurich'],
    ['a right-to-left override', '\u202ezurich', 'Zurich'],
  ])('answers %s with data, never a database error', async (_label, query, firstLabel) => {
    const answer = await postGraphQL<SearchPage>(server.endpoint, SEARCH, { query });
    expect([answer.status, answer.errors]).toEqual([200, undefined]);
    if (firstLabel) expect(answer.data?.search.edges[0]?.node.label).toBe(firstLabel);
  });
});
