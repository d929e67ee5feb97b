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
 *   3. soak:     the GraphQL mix for --duration seconds: four of the SDK's operations side by side, each on its
 *                own share of the connections (a lookup with nested lists, a paginated list, a three-level
 *                nesting, and node(id:)), their variables rotating over real years and ids (bench/lib/operations.ts).
 *
 * The server's memory (RSS and V8 heap, sent once a second by bench/memory-probe.ts, preloaded with
 * `node --require`, so the server code is unchanged) is sampled throughout and judged over the soak only. Its CPU
 * time per request (from /proc) is reported for the baseline and the soak, not judged.
 *
 * The run fails (exit 1, one `soak: FAIL …` line) on any connection error or timeout, any non-2xx answer, any
 * GraphQL answer carrying `errors` or a null result, a warn/error line in the server's log, a server that does
 * not stop cleanly on SIGTERM, or a memory trend (see MEMORY_RULE below). The server is stopped with SIGTERM and
 * the temporary directory removed on every exit path, failures and Ctrl-C included.
 *
 * The parts other benchmarks reuse (server process, load, operations, statistics, report) are in bench/lib/.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { deployedNodeOptions } from './lib/deployed-node';
import { combined, problems, runMix, runTarget, type RouteResult } from './lib/load';
import { graphqlTargets } from './lib/operations';
import { parseOptions } from './lib/options';
import { describeMachine, fixed, machine, signed, table } from './lib/report';
import { processUsage, startServerProcess, type ProcessUsage, type ServerProcess } from './lib/server-process';
import { average, edgeWindows, leastSquaresSlope, type TimedValue } from './lib/stats';
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

/** The memory rule applied to `points` (bytes) over the soak [from, to] (seconds). */
function trend(metric: string, judged: boolean, points: TimedValue[], from: number, to: number): Trend | undefined {
  const { first, last } = edgeWindows(points, from, to);
  if (points.length < 3 || first.length === 0 || last.length === 0) return undefined;
  const slopeMbPerMin = (leastSquaresSlope(points) * 60) / MB;
  const firstWindowMb = average(first) / MB;
  const lastWindowMb = average(last) / MB;
  const values = points.map((p) => p.value / MB);
  const growing = slopeMbPerMin > SLOPE_LIMIT_MB_PER_MIN && lastWindowMb - firstWindowMb > WINDOW_MARGIN_MB;
  return {
    metric,
    judged,
    samples: points.length,
    slopeMbPerMin,
    firstWindowMb,
    lastWindowMb,
    minMb: Math.min(...values),
    maxMb: Math.max(...values),
    growing,
  };
}

const USAGE = `Usage: npm run bench:soak -- [--duration 60] [--warmup 10] [--baseline 10] [--connections 8] [--json out.json]`;

const benchStart = performance.now();
/** Seconds since the bench started: the time axis of the memory samples. */
const now = () => (performance.now() - benchStart) / 1000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface TimedSample extends MemorySample {
  t: number;
}

/** The compiled server with the memory probe preloaded; its samples, timed on arrival, go into the arrays given. */
function launchServer(dataDir: string | undefined, samples: TimedSample[], majorGcs: TimedSample[]) {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    RATE_LIMIT_POINTS: '0',
    LOG_LEVEL: 'warn',
  };
  if (dataDir) env.DATA_DIR = dataDir;
  const launched = startServerProcess({
    label: 'server',
    command: process.execPath,
    // Should the bench die without stopping the server, the probe sees the IPC channel close and stops it.
    args: [...deployedNodeOptions(ROOT), '--require', PROBE, SERVER_MAIN],
    cwd: ROOT,
    env,
    ipc: true,
    readyWhen: { output: (startup) => /MCE graph API\s+\S+/.test(startup) && /Database\s+.+\n/.test(startup) },
  });
  launched.server.child.on('message', (message: MemorySample) => {
    (message.type === 'major-gc' ? majorGcs : samples).push({ ...message, t: now() });
  });
  return launched;
}

/** Server CPU milliseconds per request between two readings, when /proc gave both. */
function cpuPerRequest(before: ProcessUsage | undefined, after: ProcessUsage | undefined, requests: number): number {
  return before && after && requests > 0 ? ((after.cpuSeconds - before.cpuSeconds) * 1000) / requests : NaN;
}

function routeTable(
  baseline: RouteResult,
  routes: RouteResult[],
  total: RouteResult,
  cpu: { baseline: number; soak: number },
): string {
  const columns = [
    ['route', 38],
    ['conns', 5],
    ['requests', 9],
    ['req/s', 8],
    ['x /healthz', 10],
    ['p50 ms', 7],
    ['p99 ms', 7],
    ['max ms', 7],
    ['cpu ms/req', 10],
    ['errors', 6],
  ].map(([header, width]) => ({ header: String(header), width: Number(width) }));
  const row = (r: RouteResult, ratio: string, cpuMs: string) => [
    r.name,
    String(r.connections),
    String(r.responses),
    fixed(r.rate, 0),
    ratio,
    fixed(r.latency.p50),
    fixed(r.latency.p99),
    fixed(r.latency.max, 0),
    cpuMs,
    String(problems([r])),
  ];
  return table(columns, [
    row({ ...baseline, name: 'GET /healthz (baseline)' }, '1.000', fixed(cpu.baseline, 3)),
    ...routes.map((r) => row({ ...r, name: `POST ${r.name}` }, '(shared)', '(shared)')),
    row(total, fixed(total.rate / baseline.rate, 3), fixed(cpu.soak, 3)),
  ]);
}

function memoryTable(trends: Trend[]): string {
  const columns = [
    ['memory (soak only)', 38],
    ['samples', 7],
    ['first MB', 8],
    ['last MB', 8],
    ['min MB', 7],
    ['max MB', 7],
    ['slope MB/min', 12],
    ['growing', 13],
  ].map(([header, width]) => ({ header: String(header), width: Number(width) }));
  return table(
    columns,
    trends.map((t) => [
      t.metric,
      String(t.samples),
      fixed(t.firstWindowMb),
      fixed(t.lastWindowMb),
      fixed(t.minMb),
      fixed(t.maxMb),
      signed(t.slopeMbPerMin),
      t.judged ? (t.growing ? 'YES' : 'no') : '(not judged)',
    ]),
  );
}

async function main(): Promise<number> {
  const options = parseOptions(
    USAGE,
    {
      duration: { default: 60, min: 10, max: 3600 },
      warmup: { default: 10, min: 1, max: 600 },
      baseline: { default: 10, min: 1, max: 600 },
      connections: { default: 8, min: 4, max: 256 },
    },
    ['json'],
  );
  if (!existsSync(SERVER_MAIN)) {
    console.error(`soak: FAIL — ${path.relative(ROOT, SERVER_MAIN)} is missing; run \`npm run build\` first.`);
    return 1;
  }
  const dataDir = process.env.DATABASE_URL ? undefined : await mkdtemp(path.join(os.tmpdir(), 'mce-soak-'));
  let server: ServerProcess | undefined;
  const failures: string[] = [];

  // Ctrl-C or a kill: stop the server and remove the directory before going.
  const onSignal = (signal: NodeJS.Signals) => {
    console.error(`\nsoak: ${signal} received, stopping the server and cleaning up.`);
    void (async () => {
      if (server) await server.stop();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
      process.exit(130);
    })();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    console.log(
      `soak: starting ${path.relative(ROOT, SERVER_MAIN)} (${dataDir ? `embedded engine in ${dataDir}` : 'DATABASE_URL'}) ...`,
    );
    const allSamples: TimedSample[] = [];
    const allMajorGcs: TimedSample[] = [];
    const launched = launchServer(dataDir, allSamples, allMajorGcs);
    server = launched.server;
    await launched.ready;
    const startupSeconds = now();
    const endpoint = /MCE graph API\s+(\S+)/.exec(server.startup)?.[1] ?? '';
    const database = /Database\s+(.+)\n/.exec(server.startup)?.[1].trim();
    const base = new URL(endpoint).origin;
    if (new URL(base).hostname !== '127.0.0.1') throw new Error(`the server is not on loopback: ${base}`);
    console.log(`soak: server up in ${fixed(startupSeconds)} s at ${endpoint}; ${database}`);
    const targets = await graphqlTargets(endpoint);
    const pid = server.child.pid ?? -1;

    const c = options.connections;
    console.log(`soak: warm-up ${options.warmup} s (GraphQL mix, ${c} connections) ...`);
    const warmup = await runMix(base, targets, c, options.warmup);
    console.log(`soak: baseline ${options.baseline} s (GET /healthz, ${c} connections) ...`);
    const beforeBaseline = processUsage(pid);
    const baseline = await runTarget(
      base,
      { name: 'GET /healthz', method: 'GET', path: '/healthz' },
      c,
      options.baseline,
    );
    const afterBaseline = processUsage(pid);
    console.log(`soak: soak ${options.duration} s (GraphQL mix, ${c} connections) ...`);
    const soakStart = now();
    const routes = await runMix(base, targets, c, options.duration);
    const soakEnd = now();
    const afterSoak = processUsage(pid);
    const total = combined('GraphQL mix (all four)', routes, c);
    const cpu = {
      baseline: cpuPerRequest(beforeBaseline, afterBaseline, baseline.responses),
      soak: cpuPerRequest(afterBaseline, afterSoak, total.responses),
    };

    // Memory over the soak only (warm-up and baseline excluded).
    const inSoak = (sample: TimedSample) => sample.t >= soakStart && sample.t <= soakEnd;
    const soakSamples = allSamples.filter(inSoak);
    const majorGcs = allMajorGcs.filter(inSoak);
    if (soakSamples.length < options.duration / 2)
      failures.push(`only ${soakSamples.length} memory samples arrived during the soak`);
    const series = (metric: string, judged: boolean, samples: TimedSample[], value: (s: TimedSample) => number) =>
      trend(
        metric,
        judged,
        samples.map((s) => ({ t: s.t, value: value(s) })),
        soakStart,
        soakEnd,
      );
    const liveHeap = series('live JS heap (after major GC)', true, majorGcs, (s) => s.heapUsed);
    const external = series('external (Buffers, ArrayBuffers)', true, soakSamples, (s) => s.external);
    const nonHeap = series('RSS outside the V8 heap', true, soakSamples, (s) => s.rss - s.heapTotal);
    const rss = series('RSS', false, soakSamples, (s) => s.rss);
    const heapUsed = series('V8 heap used (every second)', false, soakSamples, (s) => s.heapUsed);
    const trends = [liveHeap, external, nonHeap, rss, heapUsed].filter((t): t is Trend => t !== undefined);
    const notes: string[] = [];
    if (!liveHeap)
      notes.push(
        `live JS heap not judged: ${majorGcs.length} major GCs during the soak (needs 3, one in each window): run longer`,
      );

    // autocannon ends by dropping its connections, but the server still finishes the requests it had taken
    // (at most one per connection, each well under a second): wait for them before SIGTERM, so that the stop
    // is judged on an idle server. /readyz queries the database, so it answers after the queued work is done.
    await sleep(1000);
    await fetch(`${base}/readyz`, { signal: AbortSignal.timeout(10_000) }).catch(() => undefined);
    const logLines = server.logLines;
    const stopped = await server.stop();
    server = undefined;

    // Verdict.
    const warmupProblems = problems(warmup);
    if (warmupProblems > 0)
      failures.push(
        `${warmupProblems} failed requests during warm-up (${combined('warm-up', warmup, c).firstProblem})`,
      );
    if (problems([baseline]) > 0)
      failures.push(`${problems([baseline])} failed /healthz requests (${baseline.firstProblem})`);
    for (const r of routes) {
      if (problems([r]) > 0) {
        failures.push(
          `${r.name}: ${r.connectionErrors} connection errors, ${r.timeouts} timeouts, ${r.non2xx} non-2xx, ${r.graphqlErrors} 2xx answers with GraphQL errors (first: ${r.firstProblem})`,
        );
      }
    }
    if (total.responses === 0) failures.push('no GraphQL responses at all');
    for (const t of trends.filter((t) => t.judged)) {
      if (t.growing)
        failures.push(
          `${t.metric} grows: ${fixed(t.slopeMbPerMin, 2)} MB/min, ${fixed(t.firstWindowMb)} -> ${fixed(t.lastWindowMb)} MB (rule: ${MEMORY_RULE})`,
        );
    }
    for (const phase of ['load', 'shutdown'] as const) {
      const lines = logLines.filter((entry) => entry.phase === phase).map((entry) => entry.line);
      if (lines.length > 0)
        failures.push(
          `the server logged ${lines.length} warn/error lines during ${phase} (first: ${lines[0].slice(0, 300)})`,
        );
    }
    if (stopped.code !== 0)
      failures.push(`the server did not stop cleanly on SIGTERM (${stopped.signal ?? `exit code ${stopped.code}`})`);

    // Report.
    console.log('');
    console.log(`Soak benchmark, ${new Date().toISOString()}, ${describeMachine()}`);
    console.log(
      `Database: ${dataDir ? 'embedded PGlite (temporary DATA_DIR)' : 'DATABASE_URL'}; ${c} connections; warm-up ${options.warmup} s, baseline ${options.baseline} s, soak ${options.duration} s`,
    );
    console.log('');
    console.log(routeTable(baseline, routes, total, cpu));
    console.log('');
    console.log(memoryTable(trends));
    console.log(`  ${majorGcs.length} major GCs during the soak; memory rule for the judged series: ${MEMORY_RULE}`);
    for (const note of notes) console.log(`  note: ${note}`);
    console.log(
      `  server: start-up ${fixed(startupSeconds)} s, stopped on SIGTERM in ${fixed(stopped.seconds)} s with ${stopped.signal ?? `exit code ${stopped.code}`}`,
    );
    console.log('');

    if (options.json) {
      const report = {
        date: new Date().toISOString(),
        command: `npm run bench:soak -- ${process.argv.slice(2).join(' ')}`.trim(),
        machine: machine(),
        database: dataDir ? 'embedded' : 'DATABASE_URL',
        options,
        startupSeconds,
        baseline: { ...baseline, cpuMsPerRequest: cpu.baseline },
        routes,
        graphql: { ...total, ratioToHealthz: total.rate / baseline.rate, cpuMsPerRequest: cpu.soak },
        warmup: { responses: warmup.reduce((sum, r) => sum + r.responses, 0), problems: warmupProblems },
        memory: {
          rule: MEMORY_RULE,
          trends,
          notes,
          majorGcs: majorGcs.length,
          // Every sample of the whole run, in bytes, timed from the start of the soak (negative: before it).
          samplesFromSoakStart: allSamples.map(({ type: _type, ...s }) => ({ ...s, t: +(s.t - soakStart).toFixed(2) })),
          majorGcsFromSoakStart: allMajorGcs.map(({ type: _type, ...s }) => ({
            ...s,
            t: +(s.t - soakStart).toFixed(2),
          })),
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
    if (server) await server.stop();
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
