/**
 * Side-by-side benchmark: `npm run bench [-- --rounds 5 --duration 6 --connections 10]`, or `-- --quick` for one
 * short round that checks every answer (CI).
 *
 * Over one PostgreSQL database (DATABASE_URL; migrated and seeded first with the project's CLI), it starts side
 * by side: the ceiling (bare node:http returning this server's bytes), the hand-written graphql-js + pg +
 * DataLoader baseline, PostGraphile 5, and this server (dist/server/main.js, uncached). Then:
 *
 *   1. check: every request body of every operation, once to every server: the baseline's and the ceiling's
 *      answers must be this server's bytes, PostGraphile's must hold the same facts (its schema differs);
 *   2. SQL: each operation once more to each server, the statements it sent counted (sql-counter.ts);
 *   3. rounds: each operation on each server for --duration seconds at --connections (autocannon, closed loop),
 *      the server order rotating every round; CPU time (utime + stime) per request read from /proc around each run.
 *
 * Medians over the rounds go to a Markdown table under bench/results/ (named with the date and the commit), as
 * ratios to the baseline and to PostGraphile. The run fails (exit 1) on any non-2xx answer, GraphQL error or
 * null result, or any answer that differs from this server's.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { Client } from 'pg';
import path from 'node:path';
import { GRAPHQL_HEADERS, problems, runTarget, type Target } from './lib/load';
import { parseOptions } from './lib/options';
import { describeMachine, fixed } from './lib/report';
import { processUsage, type ServerProcess } from './lib/server-process';
import { benchOperations, factsOf, type Operation } from './harness/operations';
import { ensurePostgraphileInstalled, ROOT, startCeiling, startDatabasePeers, type Peer } from './harness/peers';
import { ThemeWrites } from './harness/writes';

const USAGE =
  'Usage: npm run bench -- [--quick] [--rounds 5] [--duration 6] [--connections 10] [--scale N] [--out FILE]';
const CLI = path.join(ROOT, 'dist/server/database/cli.js');

interface RunFigures {
  rate: number;
  p50: number;
  p99: number;
  cpuMsPerRequest: number;
  responses: number;
}

const median = (values: number[]) => {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** VmHWM: the most RSS the process has held since it started. */
function rssHighWaterBytes(pid: number): number {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : NaN;
  } catch {
    return NaN;
  }
}

async function post(
  endpoint: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; text: string }> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { ...GRAPHQL_HEADERS, ...headers },
    body,
    signal: AbortSignal.timeout(30_000),
  });
  return { status: response.status, text: await response.text() };
}

/** What is wrong with an answer on its own: its status, GraphQL errors, a null root field. */
function answerProblem(answer: { status: number; text: string }, rootField: string): string | undefined {
  if (answer.status < 200 || answer.status > 299) return `HTTP ${answer.status}: ${answer.text.slice(0, 300)}`;
  try {
    const parsed = JSON.parse(answer.text) as { data?: Record<string, unknown> | null; errors?: unknown[] };
    if (parsed.errors) return `GraphQL errors: ${JSON.stringify(parsed.errors).slice(0, 300)}`;
    if (parsed.data?.[rootField] == null) return `no ${rootField} in ${answer.text.slice(0, 300)}`;
  } catch {
    return `not JSON: ${answer.text.slice(0, 300)}`;
  }
  return undefined;
}

/** What `peer` is sent of `operation`: PostGraphile its own documents, the others ours; none when it has no such operation. */
function requestsOf(operation: Operation, peer: Peer): Operation['ours'] | undefined {
  if (peer.schema === 'postgraphile') return operation.postgraphile;
  if (peer.key === 'handwritten' && operation.notInBaseline) return undefined;
  if (peer.key === 'ceiling' && operation.write) return undefined;
  return operation.ours;
}

/** One request of `operation` to `peer`: its next body (a write's made from the answers before), and the answer. */
async function sendOnce(
  peer: Peer,
  operation: Operation,
  requests: Operation['ours'],
): Promise<{ body: string; answer: { status: number; text: string } }> {
  const write = operation.write;
  const body = write ? write.sequence.next() : requests.bodies[0];
  const answer = await post(peer.endpoint, body, write?.headers);
  write?.sequence.answered(answer.text);
  return { body, answer };
}

function commitOf(): string {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty =
      execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: ROOT, encoding: 'utf8' }).trim() !==
      '';
    return dirty ? `${commit}+changes` : commit;
  } catch {
    return 'unknown';
  }
}

/**
 * What the database holds, read from it rather than from --scale (a database scaled earlier keeps its rows): the
 * seed dataset, and db:scale's run if there was one (its Source row names the seed and factor), with the number
 * of organisations the deep page goes through.
 */
async function describeData(databaseUrl: string): Promise<string> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const runs = (
      await client.query<{ title: string }>("SELECT title FROM source WHERE file_name LIKE 'db-scale/%' ORDER BY id")
    ).rows;
    const [{ organisations }] = (
      await client.query<{ organisations: number }>('SELECT count(*)::int AS organisations FROM organisation')
    ).rows;
    const scaled =
      runs.length > 0
        ? `the seed dataset and ${runs.map((run) => `"${run.title}"`).join(', ')}`
        : 'the seed dataset, not scaled';
    return `${scaled}; ${organisations} organisations`;
  } finally {
    await client.end();
  }
}

/** The Markdown report: one table of medians per figure, ratios of this server to the baseline and to PostGraphile. */
function markdown(
  context: {
    date: string;
    commit: string;
    command: string;
    data: string;
    rounds: number;
    duration: number;
    connections: number;
    database: string;
  },
  operations: Operation[],
  peers: Peer[],
  figures: Map<string, RunFigures[]>,
  sql: Map<string, number>,
  rss: Map<string, number>,
): string {
  const med = (operation: Operation, peer: Peer, key: keyof RunFigures) =>
    median((figures.get(`${operation.name}|${peer.key}`) ?? []).map((run) => run[key]));
  const peer = (key: string) => peers.find((p) => p.key === key);
  const [handwritten, postgraphile, project] = [peer('handwritten'), peer('postgraphile'), peer('project')];
  const ratio = (value: number, to: number) =>
    Number.isFinite(value) && Number.isFinite(to) && to > 0 ? fixed(value / to, 2) : '-';
  const header = (cells: string[]) =>
    `| ${cells.join(' | ')} |\n|${cells.map((_, index) => (index === 0 ? '---' : '---:')).join('|')}|`;
  const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const names = peers.map((p) => p.label);

  const perFigure = (key: 'rate' | 'cpuMsPerRequest', digits: number) =>
    [
      header(['operation', ...names, 'this ÷ hand-written', 'this ÷ PostGraphile']),
      ...operations.map((operation) => {
        const value = (p: Peer | undefined) => (p && requestsOf(operation, p) ? med(operation, p, key) : NaN);
        return row([
          operation.name,
          ...peers.map((p) => fixed(value(p), digits)),
          ratio(value(project), value(handwritten)),
          ratio(value(project), value(postgraphile)),
        ]);
      }),
    ].join('\n');

  const latency = [
    header(['operation', ...names]),
    ...operations.map((operation) =>
      row([
        operation.name,
        ...peers.map((p) =>
          requestsOf(operation, p) ? `${fixed(med(operation, p, 'p50'))} / ${fixed(med(operation, p, 'p99'))}` : '-',
        ),
      ]),
    ),
  ].join('\n');

  const databasePeers = peers.filter((p) => p.database);
  const statements = [
    header(['operation', ...databasePeers.map((p) => p.label)]),
    ...operations.map((operation) =>
      row([operation.name, ...databasePeers.map((p) => String(sql.get(`${operation.name}|${p.key}`) ?? '-'))]),
    ),
  ].join('\n');

  const mb = (p: Peer | undefined) => (p ? (rss.get(p.key) ?? NaN) / 1024 ** 2 : NaN);
  const memory = [
    header(['server', 'RSS high-water MB', 'this ÷ it']),
    ...peers.map((p) => row([p.label, fixed(mb(p), 0), p.key === 'project' ? '1.00' : ratio(mb(project), mb(p))])),
  ].join('\n');

  return [
    `# Side-by-side benchmark, ${context.date}`,
    '',
    `- Commit: \`${context.commit}\`; command: \`${context.command}\``,
    `- Machine: ${describeMachine()}`,
    `- Database: ${context.database}`,
    `- Data: ${context.data}`,
    `- ${context.rounds} interleaved round(s) of ${context.duration} s per operation and server at ${context.connections} connections, the server order rotating per round; medians over the rounds`,
    '',
    'Operations:',
    '',
    ...operations.map((operation) => `- **${operation.name}**: ${operation.description}`),
    '',
    '## Requests per second',
    '',
    perFigure('rate', 0),
    '',
    '## Server CPU time per request (ms, utime + stime)',
    '',
    'The steadier figure on a shared machine. Ratios above 1 mean this server spends more CPU per request.',
    '',
    perFigure('cpuMsPerRequest', 3),
    '',
    '## Latency p50 / p99 (ms)',
    '',
    latency,
    '',
    '## SQL statements per request',
    '',
    'Counted in each process by wrapping `Client.prototype.query` of every copy of `pg` it loads, for one request of each operation.',
    '',
    statements,
    '',
    '## Memory',
    '',
    memory,
    '',
  ].join('\n');
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  // Read before the run, so that the report names the code that was measured.
  const commit = commitOf();
  const quick = args.includes('--quick');
  const options = parseOptions(
    USAGE,
    {
      rounds: { default: quick ? 1 : 5, min: 1, max: 50 },
      duration: { default: quick ? 1 : 6, min: 1, max: 600 },
      connections: { default: 10, min: 1, max: 256 },
      // 0: the seed dataset as it is; N: scaled ×N with db:scale (whose factors go from 1 to 1000).
      scale: { default: 0, min: 0, max: 1000 },
    },
    ['out'],
    args.filter((arg) => arg !== '--quick'),
  );
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    // The embedded engine (no DATABASE_URL) is one PGlite session served to one connection at a time, and the
    // servers side by side need many (see the README).
    console.error(
      'bench: FAIL — the embedded engine is not supported (it serves one connection; the servers need many). ' +
        'Set DATABASE_URL to a database on a PostgreSQL server (it is migrated and seeded first), e.g.\n' +
        "  psql -h 127.0.0.1 -U postgres -c 'create database mce_bench'\n" +
        '  DATABASE_URL=postgresql://postgres@127.0.0.1:5432/mce_bench npm run bench',
    );
    return 2;
  }
  for (const file of [CLI, path.join(ROOT, 'dist/server/main.js'), path.join(__dirname, 'peers/handwritten/main.js')]) {
    if (!existsSync(file)) {
      console.error(
        `bench: FAIL — ${path.relative(ROOT, file)} is missing; run \`npm run bench\`, which builds first.`,
      );
      return 1;
    }
  }

  const started: ServerProcess[] = [];
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'mce-bench-'));
  const stopAll = () => Promise.all(started.map((server) => server.stop()));
  const onSignal = (signal: NodeJS.Signals) => {
    console.error(`\nbench: ${signal} received, stopping the servers.`);
    void stopAll().then(() => rm(tmp, { recursive: true, force: true }).then(() => process.exit(130)));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const failures: string[] = [];
  let writes: ThemeWrites | undefined;

  try {
    const database = new URL(databaseUrl);
    const databaseDescription = `PostgreSQL at ${database.hostname}:${database.port || '5432'}${database.pathname}`;
    console.log(`bench: migrating and seeding ${databaseDescription} ...`);
    const cli = (...cliArgs: string[]) =>
      execFileSync(process.execPath, [CLI, ...cliArgs], {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: databaseUrl },
        stdio: 'inherit',
      });
    cli('migrate');
    cli('seed');
    if (options.scale > 0) {
      // Once per database: db:scale finds its own earlier run with this factor and changes nothing ("Already
      // scaled"), and refuses a database scaled by another factor.
      console.log(`bench: scaling it ×${options.scale} with db:scale ...`);
      cli('scale', '--factor', String(options.scale));
    }
    const data = await describeData(databaseUrl);
    console.log(`bench: data: ${data}`);

    ensurePostgraphileInstalled();
    console.log('bench: starting the hand-written baseline, PostGraphile and this server side by side ...');
    const databasePeers = await startDatabasePeers(databaseUrl, started);
    const project = databasePeers.find((peer) => peer.key === 'project');
    const postgraphile = databasePeers.find((peer) => peer.key === 'postgraphile');
    if (!project) throw new Error('this server did not start');
    writes = await ThemeWrites.start(databaseUrl, CLI, ROOT);
    const operations: Operation[] = [
      ...(await benchOperations(databaseUrl, postgraphile?.endpoint)),
      {
        name: 'mutation',
        description: "`updateTheme` with the version the last answer gave: a theme's description changed and put back",
        ours: { rootField: 'updateTheme', bodies: [] },
        notInBaseline: true,
        write: { headers: { authorization: writes.authorization }, sequence: writes },
      },
    ];

    // This server's answers: the reference for the others, and the ceiling's bytes.
    const reference = new Map<string, string>();
    for (const operation of operations) {
      for (const body of operation.ours.bodies) {
        const answer = await post(project.endpoint, body);
        const problem = answerProblem(answer, operation.ours.rootField);
        if (problem) failures.push(`${operation.name} on ${project.label}: ${problem}`);
        reference.set(body, answer.text);
      }
      if (operation.write) {
        const { answer } = await sendOnce(project, operation, operation.ours);
        const problem = answerProblem(answer, operation.ours.rootField);
        if (problem) failures.push(`${operation.name} on ${project.label}: ${problem}`);
      }
    }
    const answersFile = path.join(tmp, 'answers.json');
    await writeFile(answersFile, JSON.stringify([...reference]));
    const ceiling = await startCeiling(answersFile, started);
    const peers = [ceiling, ...databasePeers];
    console.log(`bench: ${peers.map((peer) => `${peer.key} ${peer.endpoint}`).join(', ')}`);

    // 1. Every answer checked.
    let checked = 0;
    for (const operation of operations) {
      const ours = operation.ours.bodies.map((body) => reference.get(body) ?? '');
      for (const peer of peers.filter((p) => p !== project)) {
        const requests = requestsOf(operation, peer);
        if (!requests) continue;
        if (operation.write) {
          // A write's answer is its own (a new version): checked on its own, not against this server's.
          const { answer } = await sendOnce(peer, operation, requests);
          checked++;
          const problem = answerProblem(answer, requests.rootField);
          if (problem) failures.push(`${operation.name} on ${peer.label}: ${problem}`);
          continue;
        }
        for (const [index, body] of requests.bodies.entries()) {
          const answer = await post(peer.endpoint, body);
          checked++;
          const problem = answerProblem(answer, requests.rootField);
          if (problem) {
            failures.push(`${operation.name} on ${peer.label}: ${problem}`);
          } else if (peer.schema === 'ours' && answer.text !== ours[index]) {
            failures.push(
              `${operation.name} on ${peer.label}: the answer differs from this server's for ${body.slice(0, 200)}\n    ours:   ${ours[index].slice(0, 300)}\n    theirs: ${answer.text.slice(0, 300)}`,
            );
          } else if (
            peer.schema === 'postgraphile' &&
            factsOf(answer.text, 'postgraphile') !== factsOf(ours[index], 'ours')
          ) {
            failures.push(
              `${operation.name} on ${peer.label}: its facts differ from this server's for ${body.slice(0, 200)}\n    ours:   ${factsOf(ours[index], 'ours').slice(0, 300)}\n    theirs: ${factsOf(answer.text, 'postgraphile').slice(0, 300)}`,
            );
          }
        }
      }
    }
    console.log(`bench: ${checked + reference.size} answers checked, ${failures.length} problem(s)`);

    // 2. SQL statements for one request of each operation, on a warm pool.
    const sql = new Map<string, number>();
    for (const peer of databasePeers) {
      for (const operation of operations) {
        const requests = requestsOf(operation, peer);
        if (!requests) continue;
        const before = await peer.sqlCount();
        await sendOnce(peer, operation, requests);
        sql.set(`${operation.name}|${peer.key}`, (await peer.sqlCount()) - before);
      }
    }

    // 3. Interleaved rounds.
    const figures = new Map<string, RunFigures[]>();
    for (let round = 0; round < options.rounds; round++) {
      const order = peers.map((_, index) => peers[(index + round) % peers.length]);
      console.log(`bench: round ${round + 1} of ${options.rounds} (${order.map((peer) => peer.key).join(', ')})`);
      for (const operation of operations) {
        for (const peer of order) {
          const requests = requestsOf(operation, peer);
          if (!requests) continue;
          const pid = peer.server.child.pid ?? -1;
          const target: Target = {
            name: `${operation.name} on ${peer.key}`,
            method: 'POST',
            path: new URL(peer.endpoint).pathname,
            rootField: requests.rootField,
            bodies: operation.write ? undefined : requests.bodies,
            headers: operation.write?.headers,
            sequence: operation.write?.sequence,
          };
          // The last run's writes in flight were never answered to the bench: versions as the database has them.
          await operation.write?.sequence.refresh();
          const before = processUsage(pid);
          const result = await runTarget(new URL(peer.endpoint).origin, target, options.connections, options.duration);
          const after = processUsage(pid);
          const cpuMsPerRequest =
            before && after && result.responses > 0
              ? ((after.cpuSeconds - before.cpuSeconds) * 1000) / result.responses
              : NaN;
          if (problems([result]) > 0)
            failures.push(`${target.name}: ${problems([result])} failed requests (first: ${result.firstProblem})`);
          if (result.responses === 0) failures.push(`${target.name}: no answers at all`);
          const key = `${operation.name}|${peer.key}`;
          figures.set(key, [
            ...(figures.get(key) ?? []),
            {
              rate: result.rate,
              p50: result.latency.p50,
              p99: result.latency.p99,
              cpuMsPerRequest,
              responses: result.responses,
            },
          ]);
          console.log(
            `  ${target.name.padEnd(32)} ${fixed(result.rate, 0).padStart(6)} req/s  p50 ${fixed(result.latency.p50)} ms  cpu ${fixed(cpuMsPerRequest, 3)} ms/req`,
          );
        }
      }
    }
    const rss = new Map(peers.map((peer) => [peer.key, rssHighWaterBytes(peer.server.child.pid ?? -1)]));

    const date = new Date().toISOString();
    const report = markdown(
      {
        date,
        commit,
        command: `npm run bench -- ${args.join(' ')}`.trim(),
        data,
        rounds: options.rounds,
        duration: options.duration,
        connections: options.connections,
        database: databaseDescription,
      },
      operations,
      peers,
      figures,
      sql,
      rss,
    );
    console.log(`\n${report}`);
    if (!quick || options.out) {
      const out =
        options.out ??
        path.join(ROOT, 'bench/results', `${date.slice(0, 10)}-${commit.replace('+changes', '-dirty')}.md`);
      await mkdir(path.dirname(out), { recursive: true });
      await writeFile(out, report);
      console.log(`bench: report written to ${path.relative(process.cwd(), out)}`);
    }

    if (failures.length > 0) {
      for (const failure of failures.slice(0, 20)) console.log(`  - ${failure}`);
      console.log(`bench: FAIL — ${failures.length} problem(s)`);
      return 1;
    }
    console.log(`bench: PASS — every answer checked and equal, no failed request`);
    return 0;
  } catch (error) {
    console.log(`bench: FAIL — ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await stopAll();
    await writes?.restore();
    await rm(tmp, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
