import 'reflect-metadata';
import type { MikroORM, Options } from '@mikro-orm/postgresql';
import { createApp } from '../../server/app';
import { createLogger, type LogDestination } from '../../server/common/logger';
import { loadConfig, type AppConfig } from '../../server/config';
import { initOrm } from '../../server/database/orm';
import { prepareDatabase } from '../../server/database/prepare';
import { testDatabaseTarget } from './database';

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
