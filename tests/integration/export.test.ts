import { execFile, spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Graph from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';
import { testDatabaseTarget } from '../helpers/database';
import { captureLogs } from '../helpers/logs';
import { postGraphQL, queryData } from '../helpers/graphql';
import { startTestServer, type TestServer } from '../helpers/server';
import { TcpProxy } from '../reliability/tcp-proxy';

/**
 * The graph exports, read by the tool analysts script with: NetworkX (tests/helpers/networkx_check.py) reads the
 * GraphML, the GEXF, the two CSV files, the zip and the JSON of the whole graph and of filtered ones, under every
 * python3 here that has it (pyenv's NetworkX 3 on PATH, Debian's python3-networkx 2.8 at /usr/bin/python3), and
 * must find exactly the nodes, attributes and edges of the API's `graph` query with the same filter, the edges
 * the sources state among them. Then the HTTP side: types, file names, streaming, the log line, and refusals (a
 * bad filter with the query's own messages, an unknown format, the database away). The server reads its database
 * through a TCP proxy, which the last test cuts.
 */
let server: TestServer;
let proxy: TcpProxy;
let folder: string;
const logs = captureLogs();

const run = promisify(execFile);
const CHECKER = path.join(__dirname, '..', 'helpers', 'networkx_check.py');

/** Each interpreter that can import networkx, once (by the executable it runs). */
function networkxInterpreters(): string[] {
  const seen = new Map<string, string>();
  for (const candidate of ['python3', '/usr/bin/python3']) {
    const probe = spawnSync(candidate, ['-c', 'import sys, networkx; print(sys.executable)'], { encoding: 'utf8' });
    const executable = probe.stdout?.trim();
    if (probe.status === 0 && executable && !seen.has(executable)) seen.set(executable, candidate);
  }
  return [...seen.values()];
}
const interpreters = networkxInterpreters();

beforeAll(async () => {
  const { proxy: opened, url: throughProxy } = await TcpProxy.to(testDatabaseTarget().url);
  proxy = opened;
  // Short pool timeouts so that the cut database is noticed at once; one connection, as the embedded engine has.
  server = await startTestServer(
    { pool: { min: 0, max: 1, acquireTimeoutMillis: 1000 } },
    { logLevel: 'info', logFormat: 'json' },
    throughProxy,
    logs.destination,
  );
  folder = await mkdtemp(path.join(os.tmpdir(), 'mce-export-'));
});
afterAll(async () => {
  await proxy.open();
  await server.close();
  await proxy.cut();
  await rm(folder, { recursive: true, force: true });
});

interface GraphNode {
  id: string;
  kind: string;
  label: string;
  degree: number;
  country: string | null;
  years: number[];
  themes: string[];
}
interface GraphEdge {
  id: string;
  source: string;
  target: string;
  label: string;
  text: string;
  year: number | null;
}
interface GraphAnswer {
  nodeCount: number;
  edgeCount: number;
  nodes: GraphNode[];
  edges: GraphEdge[];
}

const GRAPH = `query ($filter: GraphFilter) {
  graph(filter: $filter) {
    nodeCount edgeCount
    nodes { id kind label degree country years themes }
    edges { id source target label text year }
  }
}`;

async function graphQuery(filter?: Record<string, unknown>): Promise<GraphAnswer> {
  return (await queryData<{ graph: GraphAnswer }>(server.endpoint, GRAPH, { filter })).graph;
}

/** What networkx_check.py prints for one file. */
interface NetworkxReading {
  directed: boolean;
  nodeCount: number;
  edgeCount: number;
  nodes: Record<string, Omit<GraphNode, 'id'> & { networkxDegree: number }>;
  /** [source, target, label, year, id], by id. */
  edges: Array<[string, string, string, number | null, string]>;
  files?: string[];
}
type Readings = Record<'graphml' | 'gexf' | 'csv' | 'zip' | 'json', NetworkxReading>;

interface Download {
  status: number;
  headers: Headers;
  bytes: Buffer;
}

async function download(file: string, query = ''): Promise<Download> {
  const response = await fetch(`${server.url}/graph/${file}${query ? `?${query}` : ''}`);
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

/** Downloads every format for `query` into the folder and reads them all with NetworkX under `python`. */
async function readWithNetworkx(python: string, query: string, name: string): Promise<Readings> {
  const files: Record<string, string> = {};
  for (const extension of ['graphml', 'gexf', 'nodes.csv', 'edges.csv', 'csv.zip', 'json']) {
    const answer = await download(`export.${extension}`, query);
    expect({ extension, status: answer.status }).toEqual({ extension, status: 200 });
    files[extension] = path.join(folder, `${name}.${extension}`);
    await writeFile(files[extension], answer.bytes);
  }
  const { stdout } = await run(python, [
    CHECKER,
    `graphml=${files.graphml}`,
    `gexf=${files.gexf}`,
    `csv=${files['nodes.csv']},${files['edges.csv']}`,
    `zip=${files['csv.zip']}`,
    `json=${files.json}`,
  ]);
  return (JSON.parse(stdout) as { exports: Readings }).exports;
}

/** The query's graph in the checker's terms: lists in order, edges by id. */
function expected(graph: GraphAnswer) {
  return {
    directed: true,
    nodeCount: graph.nodeCount,
    edgeCount: graph.edgeCount,
    nodes: Object.fromEntries(
      graph.nodes.map(({ id, years, themes, ...rest }) => [
        id,
        { ...rest, years: [...years].sort(), themes: [...themes].sort(), networkxDegree: rest.degree },
      ]),
    ),
    edges: graph.edges
      .map((edge) => [edge.source, edge.target, edge.label, edge.year, edge.id])
      .sort((a, b) => String(a[4]).localeCompare(String(b[4]))),
  };
}

/** A reading with its lists in order (JSON keeps the query's order, the flat formats write years sorted). */
function normalised(reading: NetworkxReading) {
  const { files: _files, ...rest } = reading;
  return {
    ...rest,
    nodes: Object.fromEntries(
      Object.entries(reading.nodes).map(([id, node]) => [
        id,
        { ...node, years: [...node.years].sort(), themes: [...node.themes].sort() },
      ]),
    ),
    edges: [...reading.edges].sort((a, b) => a[4].localeCompare(b[4])),
  };
}

function nodeNamed(graph: GraphAnswer, kind: string, label: string): GraphNode {
  const found = graph.nodes.filter((node) => node.kind === kind && node.label === label);
  expect({ kind, label, found: found.length }).toEqual({ kind, label, found: 1 });
  return found[0];
}

function conferenceOf(graph: GraphAnswer, year: number): GraphNode {
  const found = graph.nodes.filter((node) => node.kind === 'CONFERENCE' && node.years.includes(year));
  expect({ year, found: found.length }).toEqual({ year, found: 1 });
  return found[0];
}

it('has NetworkX to read the exports with', () => {
  expect(interpreters.length).toBeGreaterThanOrEqual(1);
});

describe.each(interpreters)('NetworkX under %s reads every export as the graph query answers it', (python) => {
  it('the whole graph: every node with its attributes, every edge, the edges the sources state', async () => {
    const graph = await graphQuery();
    const readings = await readWithNetworkx(python, '', `whole-${interpreters.indexOf(python)}`);
    const wanted = expected(graph);
    for (const [format, reading] of Object.entries(readings)) {
      expect({ format, ...normalised(reading) }).toEqual({ format, ...wanted });
    }
    expect(readings.zip.files).toEqual(['mce-graph.edges.csv', 'mce-graph.nodes.csv']);

    // Facts of the sources, as edges NetworkX has: who hosted which conference, and who is a member where.
    const vienna = nodeNamed(graph, 'CITY', 'Vienna');
    const larissa = nodeNamed(graph, 'CITY', 'Larissa');
    const edgesOf = (reading: NetworkxReading) =>
      reading.edges.map(([source, target, label]) => [source, target, label]);
    for (const reading of Object.values(readings)) {
      expect(edgesOf(reading)).toEqual(
        expect.arrayContaining([
          [vienna.id, conferenceOf(graph, 2012).id, 'HOSTED'],
          [larissa.id, conferenceOf(graph, 2022).id, 'HOSTED'],
        ]),
      );
      expect(reading.nodes[vienna.id]).toMatchObject({ label: 'Vienna', kind: 'CITY', country: 'AT' });
    }
    expect(graph.nodeCount).toBeGreaterThan(150);
  });

  it('a filtered graph: cities and conferences from 2014, as graph(filter:) has them', async () => {
    const graph = await graphQuery({ kinds: ['CITY', 'CONFERENCE'], fromYear: 2014 });
    const readings = await readWithNetworkx(
      python,
      'kinds=CITY,CONFERENCE&fromYear=2014',
      `filtered-${interpreters.indexOf(python)}`,
    );
    const wanted = expected(graph);
    for (const [format, reading] of Object.entries(readings)) {
      expect({ format, ...normalised(reading) }).toEqual({ format, ...wanted });
    }
    expect(readings.zip.files).toEqual([
      'mce-graph_kinds-city+conference_from-2014.edges.csv',
      'mce-graph_kinds-city+conference_from-2014.nodes.csv',
    ]);
    const kinds = new Set(Object.values(readings.graphml.nodes).map((node) => node.kind));
    expect([...kinds].sort()).toEqual(['CITY', 'CONFERENCE']);
    const hamburg = nodeNamed(graph, 'CITY', 'Hamburg');
    expect(readings.gexf.edges.map(([source, target, label]) => [source, target, label])).toContainEqual([
      hamburg.id,
      conferenceOf(graph, 2015).id,
      'HOSTED',
    ]);
    // Nothing dated before 2014.
    const years = Object.values(readings.json.nodes).flatMap((node) => node.years);
    expect(Math.min(...years)).toBeGreaterThanOrEqual(2014);
  });
});

describe('over HTTP', () => {
  it('says what each file is and what it holds: Content-Type, and a file name from the filter', async () => {
    const types: Record<string, string> = {
      graphml: 'application/graphml+xml; charset=utf-8',
      gexf: 'application/gexf+xml; charset=utf-8',
      'nodes.csv': 'text/csv; charset=utf-8; header=present',
      'edges.csv': 'text/csv; charset=utf-8; header=present',
      'csv.zip': 'application/zip',
      json: 'application/json; charset=utf-8',
    };
    for (const [extension, type] of Object.entries(types)) {
      const whole = await download(`export.${extension}`);
      expect({ extension, type: whole.headers.get('content-type') }).toEqual({ extension, type });
      expect(whole.headers.get('content-disposition')).toBe(`attachment; filename=mce-graph.${extension}`);
    }
    const filtered = await download(
      'export.graphml',
      'kinds=CITY&kinds=CONFERENCE&fromYear=2014&toYear=2016&countries=de,IT&themes=cybersecurity',
    );
    expect(filtered.status).toBe(200);
    expect(filtered.headers.get('content-disposition')).toBe(
      'attachment; filename=mce-graph_kinds-city+conference_2014-2016_countries-de+it_themes-cybersecurity.graphml',
    );
    expect(filtered.bytes.toString('utf8')).toContain(
      '<desc>MCE graph: the relationship graph of the Major Cities of Europe IT Users Group (kinds CITY, CONFERENCE; 2014 to 2016; countries DE, IT; themes cybersecurity)</desc>',
    );
    // yEd draws labels from its own graphics keys only.
    const whole = (await download('export.graphml')).bytes.toString('utf8');
    expect(whole).toContain('<key id="node.yed" for="node" yfiles.type="nodegraphics"/>');
    expect(whole).toMatch(/<y:ShapeNode>\s*<y:NodeLabel>Vienna<\/y:NodeLabel>\s*<\/y:ShapeNode>/);
    expect(whole).toMatch(/<y:EdgeLabel>HOSTED<\/y:EdgeLabel>/);
    // CORS as on /graphql: a page elsewhere may fetch an export and read its name.
    const fromPage = await fetch(`${server.url}/graph/export.json?kinds=COUNTRY`, {
      headers: { origin: 'http://analysts.example' },
    });
    await fromPage.arrayBuffer();
    expect(fromPage.headers.get('access-control-allow-origin')).toBe('*');
    expect(fromPage.headers.get('access-control-expose-headers')).toContain('content-disposition');
  });

  it('streams: the answer is chunked, not a length known in advance, and parses as its format', async () => {
    for (const extension of ['graphml', 'nodes.csv', 'edges.csv', 'csv.zip', 'json']) {
      const whole = await download(`export.${extension}`);
      expect({ extension, encoding: whole.headers.get('transfer-encoding') }).toEqual({
        extension,
        encoding: 'chunked',
      });
    }
    // graphology's own readers agree with NetworkX on the size.
    const graph = await graphQuery();
    const graphml = parseGraphml(Graph, (await download('export.graphml')).bytes.toString('utf8'));
    const gexf = parseGexf(Graph, (await download('export.gexf')).bytes.toString('utf8'));
    for (const parsed of [graphml, gexf]) {
      expect({ order: parsed.order, size: parsed.size }).toEqual({ order: graph.nodeCount, size: graph.edgeCount });
    }
    const json = JSON.parse((await download('export.json')).bytes.toString('utf8')) as { nodes: GraphNode[] };
    expect(json).toMatchObject({ directed: true, multigraph: true, graph: { filter: {} } });
    expect(json.nodes).toEqual(expect.arrayContaining(graph.nodes));
  });

  it('refuses a bad filter with 400 and the words of graph(filter:), naming the query parameter', async () => {
    const cases: Array<[string, Record<string, unknown>]> = [
      ['countries=AT,XX', { countries: ['AT', 'XX'] }],
      ['themes=no-such-theme', { themes: ['no-such-theme'] }],
      ['fromYear=2016&toYear=2012', { fromYear: 2016, toYear: 2012 }],
      ['fromYear=20166', { fromYear: 20166 }],
    ];
    for (const [query, filter] of cases) {
      const exported = await download('export.graphml', query);
      const asked = await postGraphQL(server.endpoint, GRAPH, { filter });
      const error = asked.errors?.[0];
      expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
      expect({ query, status: exported.status, body: JSON.parse(exported.bytes.toString('utf8')) }).toEqual({
        query,
        status: 400,
        body: {
          errors: [
            {
              message: error?.message,
              extensions: { code: 'BAD_USER_INPUT', argumentPath: error?.extensions?.argumentPath?.slice(1) },
            },
          ],
        },
      });
    }
    // What GraphQL's types refuse before any resolver: the export says it in its own words.
    const refusals: Array<[string, RegExp, Array<string | number>]> = [
      ['kinds=CITY,TOWN', /^"TOWN" is not a record kind: use one of ORGANISATION, CITY, /, ['kinds', 1]],
      ['fromYear=2014.5', /^fromYear must be a whole number, e\.g\. fromYear=2014; "2014\.5" is not\.$/, ['fromYear']],
      ['toYear=2014&toYear=2015', /^toYear is given more than once/, ['toYear']],
      [
        'kind=CITY',
        /^Unknown query parameter "kind": the graph export is filtered by kinds, fromYear, toYear, countries, themes\.$/,
        ['kind'],
      ],
    ];
    for (const [query, message, argumentPath] of refusals) {
      const refused = await download('export.json', query);
      const body = JSON.parse(refused.bytes.toString('utf8'));
      expect({
        query,
        status: refused.status,
        code: body.errors[0].extensions.code,
        argumentPath: body.errors[0].extensions.argumentPath,
      }).toEqual({
        query,
        status: 400,
        code: 'BAD_USER_INPUT',
        argumentPath,
      });
      expect(body.errors[0].message).toMatch(message);
    }
  });

  it('leaves one log line per export, with its request id, format, size and status', async () => {
    const before = logs.lines().length;
    const exported = await fetch(`${server.url}/graph/export.edges.csv?kinds=CITY,COUNTRY`);
    await exported.arrayBuffer();
    const refused = await fetch(`${server.url}/graph/export.gexf?countries=XX`);
    await refused.arrayBuffer();
    const lines = logs
      .lines()
      .slice(before)
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => line.message === 'graph export');
    const graph = await graphQuery({ kinds: ['CITY', 'COUNTRY'] });
    expect(lines).toEqual([
      expect.objectContaining({
        requestId: exported.headers.get('x-request-id'),
        export: 'edges.csv',
        nodes: graph.nodeCount,
        edges: graph.edgeCount,
        status: 200,
        errors: [],
      }),
      expect.objectContaining({
        requestId: refused.headers.get('x-request-id'),
        export: 'gexf',
        nodes: null,
        status: 400,
        errors: ['BAD_USER_INPUT'],
      }),
    ]);
  });

  it('answers an unknown format with 404 and the list of exports', async () => {
    const unknown = await download('export.xlsx');
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.bytes.toString('utf8'))).toEqual({
      errors: [
        {
          message:
            'There is no graph export "export.xlsx"; the exports are export.graphml, export.gexf, export.nodes.csv, export.edges.csv, export.csv.zip, export.json.',
          extensions: { code: 'NOT_FOUND', argumentPath: ['format'] },
        },
      ],
    });
  });

  // Last: it cuts the database.
  it('answers 503 with Retry-After while the database is away, and exports again once it is back', async () => {
    await proxy.cut();
    const refused = await download('export.csv.zip');
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(JSON.parse(refused.bytes.toString('utf8')).errors[0]).toMatchObject({
      message: 'The database is unavailable; try again shortly.',
      extensions: { code: 'SERVICE_UNAVAILABLE' },
    });
    await proxy.open();
    let status = 0;
    for (let attempt = 0; attempt < 50 && status !== 200; attempt += 1) {
      status = (await download('export.nodes.csv', 'kinds=COUNTRY')).status;
      if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(status).toBe(200);
  });
});
