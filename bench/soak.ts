/**
 * Soak benchmark: `npm run bench:soak [-- --duration 60 --json soak.json]`.
 *
 * Starts the compiled server (dist/server/main.js) as a child process on a free loopback port, with the embedded
 * engine in a temporary DATA_DIR (or the user's DATABASE_URL, if set), the rate limiter off
 * (RATE_LIMIT_POINTS=0) and LOG_LEVEL=warn. Then, with autocannon on 127.0.0.1 only:
 *
 *   1. warm-up:  the GraphQL mix for --warmup seconds (counted for errors, not for figures);
 *   2. baseline: GET /healthz for --baseline seconds with the same number of connections, so every GraphQL
 *                figure is also given as a ratio of what the same process serves on a trivial route, measured
 *                minutes apart on the same machine (absolute req/s say more about the machine than the code);
 *   3. soak:     the GraphQL mix for --duration seconds: four operations side by side, each on its own share of
 *                the connections (a lookup with nested lists, a paginated list, a three-level nesting, and
 *                node(id:)), their variables rotating over real years and ids.
 *
 * The server's memory (RSS and V8 heap, sent once a second by bench/memory-probe.ts, preloaded with
 * `node --require`, so the server code is unchanged) is sampled throughout and judged over the soak only.
 *
 * The run fails (exit 1, one `soak: FAIL …` line) on any connection error or timeout, any non-2xx answer, any
 * GraphQL answer carrying `errors` or a null result, a server that does not stop cleanly on SIGTERM, or a memory
 * trend (see MEMORY_RULE below). The server is stopped with SIGTERM and the temporary directory removed on every
 * exit path, failures and Ctrl-C included.
 */
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { MemorySample } from './memory-probe';

const ROOT = path.resolve(__dirname, '../..');
const SERVER_MAIN = path.join(ROOT, 'dist/server/main.js');
const PROBE = path.join(__dirname, 'memory-probe.js');
const MB = 1024 * 1024;

/**
 * The memory rule. The soak's samples are split into the parts of the server's memory that can leak:
 *
 *   - the live JS heap: V8's heapUsed read just after each major (mark-compact) collection, when only reachable
 *     objects remain. Read once a second instead, heapUsed is a sawtooth (here ~55 -> ~220 MB every 5-10 s)
 *     whose phase alone tilts a regression over a minute by tens of MB/min;
 *   - external memory: what V8 accounts outside its heap (Buffers, ArrayBuffers), sampled once a second;
 *   - RSS outside the V8 heap: RSS minus V8's committed heap (heapTotal), i.e. the embedded engine's
 *     WebAssembly memory, native allocations and code, sampled once a second. The allocator reuses memory it
 *     already holds before RSS grows, so this one is slow to show a leak; external is the sharp one.
 *
 * Each fails the run when it rises as a trend AND stays risen: the least-squares slope over the soak exceeds
 * SLOPE_LIMIT_MB_PER_MIN, and the average of the last window (the last fifth of the soak, at least 10 s)
 * exceeds that of the first window by more than WINDOW_MARGIN_MB. 5 MB/min is what a leak of about 1 kB per
 * request gives at the ~100-150 GraphQL req/s this server does on two cores (it would fill a 512 MB
 * container's headroom within an hour or two); 5 MB is above the noise of the three series (the live heap
 * varies by +-3 MB between collections, the other two by +-1 MB), so that a slope made by noise, or by one
 * step early on, does not fail the run by itself. Checked by injecting leaks with a preload: 2 kB per request
 * kept as JS arrays read +29 MB/min of live heap, kept as Buffers +18 MB/min of external, both failing a 30 s
 * run. A 30 s run resolves leaks from about 10 MB/min; longer runs resolve less.
 *
 * RSS as a whole and the once-a-second heapUsed are reported but not judged: RSS also holds V8's committed
 * heap, which V8 grows towards its working size over the first minutes under load (here 167 -> 203 MB in a
 * minute while the live heap stayed at 52-57 MB), which reads as +20 to +70 MB/min of RSS with nothing leaking.
 */
const SLOPE_LIMIT_MB_PER_MIN = 5;
const WINDOW_MARGIN_MB = 5;
const MEMORY_RULE = `slope > ${SLOPE_LIMIT_MB_PER_MIN} MB/min and last-window average > first-window average + ${WINDOW_MARGIN_MB} MB`;

// ---------------------------------------------------------------------------------------------------------------
// Options

interface Options {
  duration: number;
  warmup: number;
  baseline: number;
  connections: number;
  json?: string;
}

const USAGE = `Usage: npm run bench:soak -- [--duration 60] [--warmup 10] [--baseline 10] [--connections 8] [--json out.json]`;

function parseOptions(): Options {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '60' },
      warmup: { type: 'string', default: '10' },
      baseline: { type: 'string', default: '10' },
      connections: { type: 'string', default: '8' },
      json: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const whole = (name: string, raw: string, min: number, max: number) => {
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      console.error(`--${name} must be a whole number from ${min} to ${max} (got "${raw}")\n${USAGE}`);
      process.exit(2);
    }
    return value;
  };
  return {
    duration: whole('duration', values.duration, 10, 3600),
    warmup: whole('warmup', values.warmup, 1, 600),
    baseline: whole('baseline', values.baseline, 1, 600),
    connections: whole('connections', values.connections, 4, 256),
    json: values.json,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The server

interface Server {
  child: ChildProcess;
  endpoint: string;
  base: string;
  database: string;
  samples: TimedSample[];
  majorGcs: TimedSample[];
  /** The server's warn/error log lines after start-up (LOG_LEVEL=warn), with the phase they came in. */
  logLines: { phase: 'load' | 'shutdown'; line: string }[];
  stopping: boolean;
}

interface TimedSample extends MemorySample {
  /** Seconds since the bench started. */
  t: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const benchStart = performance.now();
const now = () => (performance.now() - benchStart) / 1000;

/** Spawns the server; `ready` resolves once it prints where it listens (the caller stops it on every path). */
function launchServer(dataDir: string | undefined): { server: Server; ready: Promise<void> } {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    RATE_LIMIT_POINTS: '0',
    LOG_LEVEL: 'warn',
  };
  if (dataDir) env.DATA_DIR = dataDir;
  const child = spawn(process.execPath, ['--require', PROBE, SERVER_MAIN], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    // Its own process group: a Ctrl-C in the terminal reaches only the bench, which then sends one SIGTERM.
    // Should the bench die without stopping it, the probe sees the IPC channel close and stops the server.
    detached: true,
  });
  const server: Server = { child, endpoint: '', base: '', database: '', samples: [], majorGcs: [], logLines: [], stopping: false };
  child.on('message', (message: MemorySample) => {
    const timed = { ...message, t: now() };
    (message.type === 'major-gc' ? server.majorGcs : server.samples).push(timed);
  });

  let startup = '';
  let started = false;
  child.stdout?.on('data', (chunk: Buffer) => {
    if (!started) startup += chunk.toString();
  });
  // Past start-up, stderr carries the server's warn/error log lines: each is shown, and counted as a failure.
  let pending = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    if (!started) {
      startup += chunk.toString();
      return;
    }
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines.filter((text) => text.trim() !== '')) {
      server.logLines.push({ phase: server.stopping ? 'shutdown' : 'load', line });
      if (server.logLines.length <= 5) console.error(`[server] ${line.length > 300 ? `${line.slice(0, 300)} …` : line}`);
    }
  });

  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error('the server did not start within 90 s')), 90_000);
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.stdout?.removeListener('data', check);
      reject(new Error(`${error.message}\n${startup.trim()}`));
    };
    const check = () => {
      const api = /MCE graph API\s+(\S+)/.exec(startup);
      const database = /Database\s+(.+)\n/.exec(startup);
      if (!api || !database || started) return;
      started = true;
      clearTimeout(timer);
      child.removeListener('exit', onExit);
      server.endpoint = api[1];
      server.base = new URL(api[1]).origin;
      server.database = database[1].trim();
      if (new URL(server.base).hostname !== '127.0.0.1') {
        reject(new Error(`the server is not on loopback: ${server.base}`));
        return;
      }
      resolve();
    };
    const onExit = (code: number | null, signal: string | null) =>
      fail(new Error(`the server exited during start-up (${signal ?? `code ${code}`})`));
    child.stdout?.on('data', check);
    child.once('exit', onExit);
    child.once('error', fail);
  });
  return { server, ready };
}

/** SIGTERM, then up to 20 s for the clean shutdown (in-flight requests, database); SIGKILL after that. */
function stopServer(server: Server): Promise<{ code: number | null; signal: string | null; seconds: number }> {
  const { child } = server;
  server.stopping = true;
  const started = now();
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode, seconds: 0 });
  }
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.once('exit', (code, signal) => {
      clearTimeout(killer);
      resolve({ code, signal, seconds: now() - started });
    });
    child.kill('SIGTERM');
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The GraphQL mix

const HEADERS = { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' };

interface GraphQLAnswer {
  data?: Record<string, unknown> | null;
  errors?: unknown[];
}

async function graphql<T>(endpoint: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(endpoint, { method: 'POST', headers: HEADERS, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as GraphQLAnswer;
  if (!response.ok || body.errors || !body.data) {
    throw new Error(`setup query failed with HTTP ${response.status}: ${JSON.stringify(body).slice(0, 500)}`);
  }
  return body.data as T;
}

interface Target {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  /** Request bodies, sent in turn (GraphQL only). */
  bodies?: string[];
  /** The root field that must come back non-null (GraphQL only). */
  rootField?: string;
}

const CONFERENCE = `query Conference($year: Int!) {
  conference(year: $year) {
    id year title
    hostCity { name country { code } }
    attendance { participants approximate }
    topics { nodes { wording theme { name slug } } }
    themes { nodes { name slug } }
  }
}`;

const ORGANISATIONS = `query Organisations($first: Int!, $after: String) {
  organisations(first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { id name slug kind country { code name } }
  }
}`;

const MEMBERS = `query Members {
  countries(first: 20) {
    nodes { code name members(first: 10) { nodes { name city { name } } } }
  }
}`;

const NODE = `query Node($id: ID!) {
  node(id: $id) {
    id
    ... on Organisation { name slug country { code } }
    ... on Conference { year title }
    ... on City { name country { code } }
    ... on Country { code name }
  }
}`;

const body = (query: string, variables: Record<string, unknown> = {}) => JSON.stringify({ query, variables });

/** Reads real years, cursors and ids from the server, so the mix asks for things that exist. */
async function buildTargets(endpoint: string): Promise<Target[]> {
  const setup = await graphql<{
    conferences: { nodes: { id: string; year: number }[] };
    organisations: { nodes: { id: string }[]; pageInfo: { endCursor: string | null } };
    cities: { nodes: { id: string }[] };
    countries: { nodes: { id: string }[] };
  }>(
    endpoint,
    `{ conferences(first: 100) { nodes { id year } }
       organisations(first: 20) { nodes { id } pageInfo { endCursor } }
       cities(first: 10) { nodes { id } }
       countries(first: 10) { nodes { id } } }`,
  );
  const years = setup.conferences.nodes.map((node) => node.year);
  // The first page, and the second one when there is one.
  const next = setup.organisations.pageInfo.endCursor;
  const cursors = next ? [null, next] : [null];
  const ids = [
    ...setup.organisations.nodes,
    ...setup.conferences.nodes.slice(0, 10),
    ...setup.cities.nodes,
    ...setup.countries.nodes,
  ].map((node) => node.id);
  if (years.length === 0 || ids.length === 0) throw new Error('the database holds no conferences or organisations');
  return [
    { name: 'conference(year) + topics, themes', method: 'POST', path: '/graphql', rootField: 'conference', bodies: years.map((year) => body(CONFERENCE, { year })) },
    { name: 'organisations(first: 20) + country', method: 'POST', path: '/graphql', rootField: 'organisations', bodies: cursors.map((after) => body(ORGANISATIONS, { first: 20, after })) },
    { name: 'countries > members > city', method: 'POST', path: '/graphql', rootField: 'countries', bodies: [body(MEMBERS)] },
    { name: 'node(id:)', method: 'POST', path: '/graphql', rootField: 'node', bodies: ids.map((id) => body(NODE, { id })) },
  ];
}

// ---------------------------------------------------------------------------------------------------------------
// Load

interface RouteResult {
  name: string;
  connections: number;
  seconds: number;
  responses: number;
  rate: number;
  latency: { p50: number; p90: number; p99: number; max: number };
  connectionErrors: number;
  timeouts: number;
  non2xx: number;
  graphqlErrors: number;
  statusCodes: Record<string, number>;
  firstProblem?: string;
}

/** Every response time of a run, kept out of the result object (and so out of the JSON report). */
const responseTimes = new WeakMap<RouteResult, Float64Array>();

function percentile(sorted: Float64Array, fraction: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)];
}

function runTarget(base: string, target: Target, connections: number, seconds: number): Promise<RouteResult> {
  const latencies: number[] = [];
  const statusCodes: Record<string, number> = {};
  let graphqlErrors = 0;
  let firstProblem: string | undefined;
  const note = (problem: string) => (firstProblem ??= problem.slice(0, 400));

  let turn = 0;
  // autocannon emits 'response' and then, synchronously for the same answer, calls verifyBody: an answer that
  // is not 2xx is counted once, as non-2xx, and only 2xx answers are checked for GraphQL errors.
  let lastStatus = 0;
  const bodies = target.bodies;
  const options: autocannon.Options = {
    url: `${base}${target.path}`,
    connections,
    duration: seconds,
    timeout: 10,
    method: target.method,
    headers: target.method === 'POST' ? HEADERS : {},
    title: target.name,
  };
  if (bodies) {
    options.requests = [{ setupRequest: (request) => ({ ...request, body: bodies[turn++ % bodies.length] }) }];
    options.verifyBody = (text) => {
      if (lastStatus < 200 || lastStatus > 299) return true;
      try {
        const answer = JSON.parse(text) as GraphQLAnswer;
        if (!answer.errors && answer.data && answer.data[target.rootField ?? ''] != null) return true;
      } catch {
        // not JSON: counted below
      }
      graphqlErrors++;
      note(`HTTP ${lastStatus} with GraphQL errors or no data: ${text}`);
      return true; // counted here, not as autocannon "mismatches"
    };
  }

  const started = performance.now();
  return new Promise((resolve, reject) => {
    const instance = autocannon(options, (error, result) => {
      if (error) return reject(error);
      const sorted = Float64Array.from(latencies).sort();
      const elapsed = (performance.now() - started) / 1000;
      const responses = sorted.length;
      const routeResult: RouteResult = {
        name: target.name,
        connections,
        seconds: elapsed,
        responses,
        rate: responses / elapsed,
        latency: { p50: percentile(sorted, 0.5), p90: percentile(sorted, 0.9), p99: percentile(sorted, 0.99), max: sorted[sorted.length - 1] ?? NaN },
        connectionErrors: result.errors - result.timeouts,
        timeouts: result.timeouts,
        non2xx: result.non2xx,
        graphqlErrors,
        statusCodes,
        firstProblem,
      };
      responseTimes.set(routeResult, sorted);
      resolve(routeResult);
    });
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      lastStatus = statusCode;
      latencies.push(responseTime);
      statusCodes[statusCode] = (statusCodes[statusCode] ?? 0) + 1;
      if (statusCode < 200 || statusCode > 299) note(`HTTP ${statusCode}`);
    });
    instance.on('reqError', (error) => note(`request error: ${error.message}`));
  });
}

/** The targets side by side, the connections shared out between them, for `seconds`. */
async function runMix(base: string, targets: Target[], connections: number, seconds: number): Promise<RouteResult[]> {
  const shares = targets.map((_, index) => Math.floor(connections / targets.length) + (index < connections % targets.length ? 1 : 0));
  return Promise.all(targets.map((target, index) => runTarget(base, target, shares[index], seconds)));
}

function problems(results: RouteResult[]): number {
  return results.reduce((sum, r) => sum + r.connectionErrors + r.timeouts + r.non2xx + r.graphqlErrors, 0);
}

/** The routes of one mix taken together: their rates added, their latencies merged. */
function combined(results: RouteResult[], connections: number): RouteResult {
  const sorted = Float64Array.from(results.flatMap((r) => Array.from(responseTimes.get(r) ?? []))).sort();
  const responses = sorted.length;
  const seconds = Math.max(...results.map((r) => r.seconds));
  const sum = (key: 'connectionErrors' | 'timeouts' | 'non2xx' | 'graphqlErrors') => results.reduce((total, r) => total + r[key], 0);
  const statusCodes: Record<string, number> = {};
  for (const r of results) for (const [code, count] of Object.entries(r.statusCodes)) statusCodes[code] = (statusCodes[code] ?? 0) + count;
  return {
    name: 'GraphQL mix (all four)',
    connections,
    seconds,
    responses,
    rate: results.reduce((total, r) => total + r.rate, 0),
    latency: { p50: percentile(sorted, 0.5), p90: percentile(sorted, 0.9), p99: percentile(sorted, 0.99), max: sorted[sorted.length - 1] ?? NaN },
    connectionErrors: sum('connectionErrors'),
    timeouts: sum('timeouts'),
    non2xx: sum('non2xx'),
    graphqlErrors: sum('graphqlErrors'),
    statusCodes,
    firstProblem: results.find((r) => r.firstProblem)?.firstProblem,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Memory

interface Trend {
  metric: string;
  /** Whether the memory rule applies to this series (the others are shown for information). */
  judged: boolean;
  samples: number;
  slopeMbPerMin: number;
  firstWindowMb: number;
  lastWindowMb: number;
  minMb: number;
  maxMb: number;
  growing: boolean;
}

/** Least-squares slope and first/last-window averages of `points` over the soak [from, to] (seconds). */
function trend(metric: string, judged: boolean, points: { t: number; value: number }[], from: number, to: number): Trend | undefined {
  const window = Math.min((to - from) / 3, Math.max(10, (to - from) / 5));
  const first = points.filter((p) => p.t <= from + window);
  const last = points.filter((p) => p.t >= to - window);
  if (points.length < 3 || first.length === 0 || last.length === 0) return undefined;
  const n = points.length;
  const meanT = points.reduce((sum, p) => sum + p.t, 0) / n;
  const meanV = points.reduce((sum, p) => sum + p.value, 0) / n;
  let covariance = 0;
  let variance = 0;
  for (const p of points) {
    covariance += (p.t - meanT) * (p.value - meanV);
    variance += (p.t - meanT) ** 2;
  }
  const slopeMbPerMin = variance > 0 ? ((covariance / variance) * 60) / MB : 0;
  const average = (slice: { value: number }[]) => slice.reduce((sum, p) => sum + p.value, 0) / slice.length / MB;
  const firstWindowMb = average(first);
  const lastWindowMb = average(last);
  const values = points.map((p) => p.value / MB);
  return {
    metric,
    judged,
    samples: n,
    slopeMbPerMin,
    firstWindowMb,
    lastWindowMb,
    minMb: Math.min(...values),
    maxMb: Math.max(...values),
    growing: slopeMbPerMin > SLOPE_LIMIT_MB_PER_MIN && lastWindowMb - firstWindowMb > WINDOW_MARGIN_MB,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Report

const fixed = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '-');
const signed = (value: number) => `${value >= 0 ? '+' : ''}${fixed(value, 2)}`;
const pad = (text: string, width: number, right = false) => (right ? text.padStart(width) : text.padEnd(width));

function routeTable(baseline: RouteResult, routes: RouteResult[], total: RouteResult): string {
  const header = ['route', 'conns', 'requests', 'req/s', 'x /healthz', 'p50 ms', 'p99 ms', 'max ms', 'errors'];
  const widths = [38, 5, 9, 8, 10, 7, 7, 7, 6];
  const row = (r: RouteResult, ratio: string) =>
    [
      r.name,
      String(r.connections),
      String(r.responses),
      fixed(r.rate, 0),
      ratio,
      fixed(r.latency.p50),
      fixed(r.latency.p99),
      fixed(r.latency.max, 0),
      String(problems([r])),
    ]
      .map((cell, index) => pad(cell, widths[index], index > 0))
      .join('  ');
  const lines = [header.map((cell, index) => pad(cell, widths[index], index > 0)).join('  ')];
  lines.push(row({ ...baseline, name: 'GET /healthz (baseline)' }, '1.000'));
  for (const r of routes) lines.push(row({ ...r, name: `POST ${r.name}` }, '(shared)'));
  lines.push(row(total, fixed(total.rate / baseline.rate, 3)));
  return lines.join('\n');
}

function memoryTable(trends: Trend[]): string {
  const header = ['memory (soak only)', 'samples', 'first MB', 'last MB', 'min MB', 'max MB', 'slope MB/min', 'growing'];
  const widths = [38, 7, 8, 8, 7, 7, 12, 13];
  const lines = [header.map((cell, index) => pad(cell, widths[index], index > 0)).join('  ')];
  for (const t of trends) {
    lines.push(
      [t.metric, String(t.samples), fixed(t.firstWindowMb), fixed(t.lastWindowMb), fixed(t.minMb), fixed(t.maxMb), signed(t.slopeMbPerMin), t.judged ? (t.growing ? 'YES' : 'no') : '(not judged)']
        .map((cell, index) => pad(cell, widths[index], index > 0))
        .join('  '),
    );
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------------------------
// Main

async function main(): Promise<number> {
  const options = parseOptions();
  if (!existsSync(SERVER_MAIN)) {
    console.error(`soak: FAIL — ${path.relative(ROOT, SERVER_MAIN)} is missing; run \`npm run build\` first.`);
    return 1;
  }
  const dataDir = process.env.DATABASE_URL ? undefined : await mkdtemp(path.join(os.tmpdir(), 'mce-soak-'));
  let server: Server | undefined;
  const failures: string[] = [];

  // Ctrl-C or a kill: stop the server and remove the directory before going.
  const onSignal = (signal: NodeJS.Signals) => {
    console.error(`\nsoak: ${signal} received, stopping the server and cleaning up.`);
    void (async () => {
      if (server) await stopServer(server);
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
      process.exit(130);
    })();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    console.log(`soak: starting ${path.relative(ROOT, SERVER_MAIN)} (${dataDir ? `embedded engine in ${dataDir}` : 'DATABASE_URL'}) ...`);
    const launched = launchServer(dataDir);
    server = launched.server;
    await launched.ready;
    const startupSeconds = now();
    console.log(`soak: server up in ${fixed(startupSeconds)} s at ${server.endpoint}; ${server.database}`);
    const targets = await buildTargets(server.endpoint);

    const c = options.connections;
    console.log(`soak: warm-up ${options.warmup} s (GraphQL mix, ${c} connections) ...`);
    const warmup = await runMix(server.base, targets, c, options.warmup);
    console.log(`soak: baseline ${options.baseline} s (GET /healthz, ${c} connections) ...`);
    const baseline = await runTarget(server.base, { name: 'GET /healthz', method: 'GET', path: '/healthz' }, c, options.baseline);
    console.log(`soak: soak ${options.duration} s (GraphQL mix, ${c} connections) ...`);
    const soakStart = now();
    const routes = await runMix(server.base, targets, c, options.duration);
    const soakEnd = now();
    const total = combined(routes, c);

    // Memory over the soak only (warm-up and baseline excluded).
    const inSoak = (sample: TimedSample) => sample.t >= soakStart && sample.t <= soakEnd;
    const soakSamples = server.samples.filter(inSoak);
    const majorGcs = server.majorGcs.filter(inSoak);
    if (soakSamples.length < options.duration / 2) failures.push(`only ${soakSamples.length} memory samples arrived during the soak`);
    const series = (metric: string, judged: boolean, samples: TimedSample[], value: (s: TimedSample) => number) =>
      trend(metric, judged, samples.map((s) => ({ t: s.t, value: value(s) })), soakStart, soakEnd);
    const liveHeap = series('live JS heap (after major GC)', true, majorGcs, (s) => s.heapUsed);
    const external = series('external (Buffers, ArrayBuffers)', true, soakSamples, (s) => s.external);
    const nonHeap = series('RSS outside the V8 heap', true, soakSamples, (s) => s.rss - s.heapTotal);
    const rss = series('RSS', false, soakSamples, (s) => s.rss);
    const heapUsed = series('V8 heap used (every second)', false, soakSamples, (s) => s.heapUsed);
    const trends = [liveHeap, external, nonHeap, rss, heapUsed].filter((t): t is Trend => t !== undefined);
    const notes: string[] = [];
    if (!liveHeap) notes.push(`live JS heap not judged: ${majorGcs.length} major GCs during the soak (needs 3, one in each window): run longer`);

    // autocannon ends by dropping its connections, but the server still finishes the requests it had taken
    // (at most one per connection, each well under a second): wait for them before SIGTERM, so that the stop
    // is judged on an idle server. /readyz queries the database, so it answers after the queued work is done.
    await sleep(1000);
    await fetch(`${server.base}/readyz`, { signal: AbortSignal.timeout(10_000) }).catch(() => undefined);
    const logLines = server.logLines;
    const runningSamples = server.samples;
    const runningGcs = server.majorGcs;
    const stopped = await stopServer(server);
    server = undefined;

    // Verdict.
    const warmupProblems = problems(warmup);
    if (warmupProblems > 0) failures.push(`${warmupProblems} failed requests during warm-up (${combined(warmup, c).firstProblem})`);
    if (problems([baseline]) > 0) failures.push(`${problems([baseline])} failed /healthz requests (${baseline.firstProblem})`);
    for (const r of routes) {
      if (problems([r]) > 0) {
        failures.push(
          `${r.name}: ${r.connectionErrors} connection errors, ${r.timeouts} timeouts, ${r.non2xx} non-2xx, ${r.graphqlErrors} 2xx answers with GraphQL errors (first: ${r.firstProblem})`,
        );
      }
    }
    if (total.responses === 0) failures.push('no GraphQL responses at all');
    for (const t of trends.filter((t) => t.judged)) {
      if (t.growing) failures.push(`${t.metric} grows: ${fixed(t.slopeMbPerMin, 2)} MB/min, ${fixed(t.firstWindowMb)} -> ${fixed(t.lastWindowMb)} MB (rule: ${MEMORY_RULE})`);
    }
    for (const phase of ['load', 'shutdown'] as const) {
      const lines = logLines.filter((entry) => entry.phase === phase).map((entry) => entry.line);
      if (lines.length > 0) failures.push(`the server logged ${lines.length} warn/error lines during ${phase} (first: ${lines[0].slice(0, 300)})`);
    }
    if (stopped.code !== 0) failures.push(`the server did not stop cleanly on SIGTERM (${stopped.signal ?? `exit code ${stopped.code}`})`);

    // Report.
    const machine = `${os.cpus().length} cores (${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}), ${fixed(os.totalmem() / 1024 ** 3, 0)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
    console.log('');
    console.log(`Soak benchmark, ${new Date().toISOString()}, ${machine}`);
    console.log(`Database: ${dataDir ? 'embedded PGlite (temporary DATA_DIR)' : 'DATABASE_URL'}; ${c} connections; warm-up ${options.warmup} s, baseline ${options.baseline} s, soak ${options.duration} s`);
    console.log('');
    console.log(routeTable(baseline, routes, total));
    console.log('');
    console.log(memoryTable(trends));
    console.log(`  ${majorGcs.length} major GCs during the soak; memory rule for the judged series: ${MEMORY_RULE}`);
    for (const note of notes) console.log(`  note: ${note}`);
    console.log(`  server: start-up ${fixed(startupSeconds)} s, stopped on SIGTERM in ${fixed(stopped.seconds)} s with ${stopped.signal ?? `exit code ${stopped.code}`}`);
    console.log('');

    if (options.json) {
      const report = {
        date: new Date().toISOString(),
        command: `npm run bench:soak -- ${process.argv.slice(2).join(' ')}`.trim(),
        machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model.trim(), memoryGiB: os.totalmem() / 1024 ** 3, node: process.version, platform: `${os.platform()} ${os.release()}` },
        database: dataDir ? 'embedded' : 'DATABASE_URL',
        options,
        startupSeconds,
        baseline,
        routes,
        graphql: { ...total, ratioToHealthz: total.rate / baseline.rate },
        warmup: { responses: warmup.reduce((sum, r) => sum + r.responses, 0), problems: warmupProblems },
        memory: {
          rule: MEMORY_RULE,
          trends,
          notes,
          majorGcs: majorGcs.length,
          // Every sample of the whole run, in bytes, timed from the start of the soak (negative: before it).
          samplesFromSoakStart: runningSamples.map(({ type: _type, ...s }) => ({ ...s, t: +(s.t - soakStart).toFixed(2) })),
          majorGcsFromSoakStart: runningGcs.map(({ type: _type, ...s }) => ({ ...s, t: +(s.t - soakStart).toFixed(2) })),
        },
        shutdown: stopped,
        failures,
        pass: failures.length === 0,
      };
      await writeFile(options.json, `${JSON.stringify(report, null, 2)}\n`);
      console.log(`soak: figures written to ${options.json}`);
    }

    const slope = (t: Trend | undefined) => (t ? signed(t.slopeMbPerMin) : 'n/a');
    const summary =
      `${total.responses} GraphQL requests at ${fixed(total.rate, 0)} req/s (${fixed(total.rate / baseline.rate, 3)} x /healthz at ${fixed(baseline.rate, 0)} req/s), ` +
      `p50/p99 ${fixed(total.latency.p50)}/${fixed(total.latency.p99)} ms; memory MB/min: live heap ${slope(liveHeap)}, external ${slope(external)}, RSS outside heap ${slope(nonHeap)}, RSS ${slope(rss)}`;
    if (failures.length > 0) {
      for (const failure of failures) console.log(`  - ${failure}`);
      console.log(`soak: FAIL — ${failures.length} problem${failures.length === 1 ? '' : 's'}; ${summary}`);
      return 1;
    }
    console.log(`soak: PASS — 0 errors; ${summary}`);
    return 0;
  } catch (error) {
    console.log(`soak: FAIL — ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    if (server) await stopServer(server);
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
