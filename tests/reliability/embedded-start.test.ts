import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { migrationNames } from '../../server/database/migrations';
import { queryData } from '../helpers/graphql';

/**
 * `npm start` on a bare machine: the compiled server with no DATABASE_URL runs the embedded engine, seeds it on
 * first start, serves on the port given, stops cleanly on SIGTERM, and keeps every record across restarts.
 */
const MAIN = path.join(__dirname, '../../dist/server/main.js');
let dataDir: string;

const ADD_THEME = `
  require('reflect-metadata');
  const { openDatabase } = require('./dist/server/database/database');
  const { initOrm } = require('./dist/server/database/orm');
  const { createLogger } = require('./dist/server/common/logger');
  const { loadConfig } = require('./dist/server/config');
  const { Theme } = require('./dist/server/modules/theme/theme.entity');
  (async () => {
    const database = await openDatabase({ dataDir: process.env.DATA_DIR });
    const orm = await initOrm(database, createLogger(loadConfig()));
    const em = orm.em.fork();
    em.create(Theme, { name: 'Restart survivor', slug: 'restart-survivor', description: 'Created between restarts.' });
    await em.flush();
    await orm.close(true);
    await database.close();
  })().catch((error) => { console.error(error); process.exit(1); });
`;

/**
 * A later start's preparation on a current database: what it did, and which of the migration and seeding
 * packages it loaded — none, then the migrator on demand (so that the check sees a loaded package when there is one).
 */
const PREPARE_AGAIN = `
  require('reflect-metadata');
  const { openDatabase } = require('./dist/server/database/database');
  const { initOrm } = require('./dist/server/database/orm');
  const { prepareDatabase } = require('./dist/server/database/prepare');
  const { loadMigrator, pendingMigrationNames } = require('./dist/server/database/migrator');
  const { createLogger } = require('./dist/server/common/logger');
  const { loadConfig } = require('./dist/server/config');
  const onDemand = ['umzug', '@mikro-orm/migrations', '@mikro-orm/seeder'];
  // Code only: MikroORM reads each of its packages' package.json at start, to check their versions agree.
  const loaded = () => onDemand.filter((name) => Object.keys(require.cache).some((file) => file.includes('/node_modules/' + name + '/') && file.endsWith('.js')));
  (async () => {
    const database = await openDatabase({ dataDir: process.env.DATA_DIR });
    const orm = await initOrm(database, createLogger(loadConfig()));
    const prepared = await prepareDatabase(orm, { seed: true });
    const pending = await pendingMigrationNames(orm);
    const loadedByPreparing = loaded();
    const executed = await loadMigrator(orm).getExecutedMigrations();
    process.stdout.write(JSON.stringify({ ...prepared, pending, loadedByPreparing, executed: executed.length, loadedByMigrator: loaded() }));
    await orm.close(true);
    await database.close();
  })().catch((error) => { console.error(error); process.exit(1); });
`;

function nodeOutput(script: string, env: Record<string, string>): Promise<string> {
  const child = spawn(process.execPath, ['-e', script], {
    cwd: path.join(__dirname, '../..'),
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) =>
    child.once('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`exited with ${code}: ${output}`)))),
  );
}

function runNode(script: string, env: Record<string, string>): Promise<number | null> {
  const child = spawn(process.execPath, ['-e', script], {
    cwd: path.join(__dirname, '../..'),
    env: { ...process.env, ...env },
    stdio: 'inherit',
  });
  return new Promise((resolve) => child.once('exit', resolve));
}

beforeAll(async () => {
  if (!existsSync(MAIN)) throw new Error('dist/server/main.js is missing: `npm test` builds it first (npm run build).');
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'mce-start-'));
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

interface Started {
  process: ChildProcessWithoutNullStreams;
  output: string[];
  endpoint: string;
}

function startServer(env: Record<string, string>): Promise<Started> {
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH ?? '', HOME: os.homedir(), PORT: '0', LOG_LEVEL: 'silent', ...env },
  });
  const output: string[] = [];
  return new Promise((resolve, reject) => {
    // One that starts too late is killed: left running, it would keep jest from exiting after the failure.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start: ${output.join('')}`));
    }, 45_000);
    const collect = (chunk: Buffer) => {
      output.push(chunk.toString());
      const match = /MCE graph API\s+(\S+)/.exec(output.join(''));
      if (match && /Database/.test(output.join(''))) {
        clearTimeout(timer);
        resolve({ process: child, output, endpoint: match[1] });
      }
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}: ${output.join('')}`));
    });
  });
}

function stop(started: Started): Promise<number | null> {
  return new Promise((resolve) => {
    started.process.removeAllListeners('exit');
    started.process.once('exit', (code) => resolve(code));
    started.process.kill('SIGTERM');
  });
}

describe('the server with no DATABASE_URL', () => {
  it('seeds the embedded database on first start, stops cleanly and keeps later records across restarts', async () => {
    const first = await startServer({ DATA_DIR: dataDir });
    const startup = first.output.join('');
    expect(startup).toMatch(/GraphQL IDE\s+http:\/\/127\.0\.0\.1:\d+\/graphql/);
    expect(startup).toContain(`embedded PostgreSQL (PGlite) with data in ${dataDir}, seeded with the MCE dataset`);
    const before = await queryData<{ conference: { hostCity: { name: string } }; themes: { totalCount: number } }>(
      first.endpoint,
      '{ conference(year: 2014) { hostCity { name } } themes { totalCount } }',
    );
    expect(before.conference.hostCity.name).toBe('Zurich');
    expect(await stop(first)).toBe(0);

    // A record created after seeding (directly, until the API can write) must survive the next start.
    // PGlite loads its engine with dynamic imports, which jest's sandbox refuses: it runs in a plain node.
    expect(await runNode(ADD_THEME, { DATA_DIR: dataDir })).toBe(0);

    // On a current database, preparing is one look at the migrations table: the migrator (umzug and its command
    // line, about 10 MB a serving process would keep) and the seeder stay unloaded.
    expect(JSON.parse(await nodeOutput(PREPARE_AGAIN, { DATA_DIR: dataDir }))).toEqual({
      migrationsApplied: 0,
      seeded: false,
      pending: [],
      loadedByPreparing: [],
      executed: migrationNames.length,
      loadedByMigrator: ['umzug', '@mikro-orm/migrations'],
    });

    const second = await startServer({ DATA_DIR: dataDir });
    expect(second.output.join('')).not.toContain('seeded with the MCE dataset');
    const after = await queryData<{ theme: { name: string; source: null }; themes: { totalCount: number } }>(
      second.endpoint,
      '{ theme(slug: "restart-survivor") { name source { fileName } } themes { totalCount } }',
    );
    expect(after.theme).toEqual({ name: 'Restart survivor', source: null });
    expect(after.themes.totalCount).toBe(before.themes.totalCount + 1);
    expect(await stop(second)).toBe(0);
  });

  it('refuses bad configuration with one line naming the variable', async () => {
    for (const [variable, value, message] of [
      ['PORT', 'eighty', 'Invalid configuration: PORT must be a whole number from 0 to 65535 (got "eighty")'],
      [
        'DATABASE_URL',
        'mysql://localhost/x',
        'Invalid configuration: DATABASE_URL must be a postgres:// or postgresql:// URL (got "mysql://localhost/x")',
      ],
      [
        'REDIS_URL',
        'localhost:6379',
        'Invalid configuration: REDIS_URL must be a redis:// or rediss:// URL (got "localhost:6379")',
      ],
      [
        'PERSISTED_OPERATIONS',
        'sometimes',
        'Invalid configuration: PERSISTED_OPERATIONS must be one of apq, only, off (got "sometimes")',
      ],
      [
        'LOG_LEVEL',
        'verbose',
        'Invalid configuration: LOG_LEVEL must be one of debug, info, warn, error, silent (got "verbose")',
      ],
      [
        'STATEMENT_TIMEOUT_MS',
        '10',
        'Invalid configuration: STATEMENT_TIMEOUT_MS must be a whole number from 100 to 600000 (got "10")',
      ],
    ]) {
      const child = spawn(process.execPath, [MAIN], { env: { PATH: process.env.PATH ?? '', [variable]: value } });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const code = await new Promise((resolve) => child.once('exit', resolve));
      expect(code).toBe(1);
      expect(stderr).toBe(`${message}\n`);
    }
  });
});
