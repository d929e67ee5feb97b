import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { MikroORM, Options } from '@mikro-orm/postgresql';
import { createApp } from '../../server/app';
import { createLogger, type LogDestination } from '../../server/common/logger';
import { loadConfig, type AppConfig } from '../../server/config';
import { initOrm } from '../../server/database/orm';
import { prepareDatabase } from '../../server/database/prepare';
import { dropDatabase, recreateDatabase, testDatabaseTarget } from './database';
import { queryData } from './graphql';

export interface TestServer {
  /** e.g. http://127.0.0.1:43121 */
  url: string;
  /** The GraphQL endpoint. */
  endpoint: string;
  orm: MikroORM;
  close(): Promise<void>;
}

/**
 * The defaults a user gets (see server/config.ts), so the tests exercise the real limits; except the rate limit,
 * which one client sending thousands of test requests would exhaust: the tests that check it turn it on. And the
 * logs: JSON (the same on a terminal or not) and errors only, since request lines and the warnings that outage
 * tests provoke on purpose would drown the output; `LOG_LEVEL=info npx jest …` (or LOG_FORMAT) shows more.
 */
export const testConfig: AppConfig = {
  ...loadConfig({ LOG_LEVEL: 'error', LOG_FORMAT: 'json', ...pick(process.env, 'LOG_LEVEL', 'LOG_FORMAT') }),
  rateLimitPoints: 0,
};

function pick(env: NodeJS.ProcessEnv, ...names: string[]): Record<string, string> {
  return Object.fromEntries(names.flatMap((name) => (env[name] ? [[name, env[name]]] : [])));
}

/**
 * ORM options that log every SQL statement the server runs into `statements`, for tests that count them
 * (`startTestServer(statementsInto(statements))`); MikroORM logs "[query] <sql> [took N ms, M results]".
 */
export function statementsInto(statements: string[]): Partial<Options> {
  return {
    debug: ['query'],
    logger: (message: string) => {
      if (message.includes('[query]')) statements.push(message);
    },
  };
}

/**
 * A test file's server with its statement log (registers its own `beforeAll` and `afterAll`): `statementsOf` runs
 * a query and gives its data and the statements it ran, in order.
 */
export function serverWithStatementLog() {
  const statements: string[] = [];
  let server: TestServer | undefined;
  beforeAll(async () => {
    server = await startTestServer(statementsInto(statements));
  });
  afterAll(() => server?.close());
  const started = () => {
    if (!server) throw new Error('The server starts in beforeAll: use it inside a test.');
    return server;
  };
  return {
    get server(): TestServer {
      return started();
    },
    async statementsOf<T>(query: string, variables: Record<string, unknown> = {}) {
      statements.length = 0;
      const data = await queryData<T>(started().endpoint, query, variables);
      return { data, sql: [...statements] };
    },
  };
}

/**
 * The real app on a free loopback port, against the seeded test database. Its logger is made from its
 * configuration, as main.ts makes it, and writes to stderr or to `logDestination` (see helpers/logs.ts).
 */
export async function startTestServer(
  ormOverrides: Partial<Options> = {},
  configOverrides: Partial<AppConfig> = {},
  databaseUrl?: string,
  logDestination?: LogDestination,
): Promise<TestServer> {
  const target = testDatabaseTarget();
  const config: AppConfig = { ...testConfig, environment: 'test', ...configOverrides };
  const logger = createLogger(config, logDestination);
  const orm = await initOrm(
    { ...target, ...(databaseUrl ? { url: databaseUrl } : {}), statementTimeoutMs: config.statementTimeoutMs },
    logger,
    ormOverrides,
  );
  // The first test file to start migrates and seeds the run's fresh database; later ones find it ready.
  // (Not done in globalSetup: the ORM's metadata must live in the test files' module registry.)
  await prepareDatabase(orm, { seed: true });
  const app = await createApp({ orm, config, logger });
  const running = await app.listen(0, '127.0.0.1');
  return {
    url: running.url,
    endpoint: `${running.url}/graphql`,
    orm,
    async close() {
      await running.close();
      await orm.close(true);
    },
  };
}

/**
 * The real app on a database of its own, freshly migrated and seeded, for a test that deletes seeded records (the
 * shared database must keep them for the files after it): another embedded engine when the run is embedded, else
 * the database `mce_test_<name>` on the run's server, dropped again at the end.
 */
export async function startPrivateTestServer(name: string): Promise<TestServer> {
  const shared = testDatabaseTarget();
  if (shared.embedded) {
    const engine = await startEmbeddedEngineProcess();
    const server = await startTestServer({}, {}, engine.url);
    return {
      ...server,
      async close() {
        await server.close();
        await engine.stop();
      },
    };
  }
  const database = `mce_test_${name}`;
  const server = await startTestServer({}, {}, await recreateDatabase(shared.url, database));
  return {
    ...server,
    async close() {
      await server.close();
      await dropDatabase(shared.url, database);
    },
  };
}

const COMPILED_ENGINE = path.join(__dirname, '../../dist/server/database/embedded.js');

/**
 * The embedded engine (server/database/embedded.ts, compiled) in a child process with its data in a temporary
 * directory: PGlite cannot start inside jest's module sandbox (it loads its WebAssembly with a dynamic import).
 */
async function startEmbeddedEngineProcess(): Promise<{ url: string; stop(): Promise<void> }> {
  if (!existsSync(COMPILED_ENGINE)) throw new Error('dist/ is missing: `npm test` builds it first (npm run build).');
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'mce-private-'));
  const script = `
    const { startEmbeddedPostgres } = require(${JSON.stringify(COMPILED_ENGINE)});
    startEmbeddedPostgres(${JSON.stringify(dataDir)}).then((engine) => {
      process.stdout.write(engine.url + '\\n');
      process.stdin.on('end', () => engine.stop().then(() => process.exit(0)));
      process.stdin.resume();
    });`;
  // The engine stops when its stdin closes: on stop(), or when this process goes away.
  const child = spawn(process.execPath, ['-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('\n')) resolve(output.trim());
    });
    child.once('exit', (code) => reject(new Error(`the embedded engine exited (${code}) before it started`)));
  });
  return {
    url,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.stdin.end();
      await exited;
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
