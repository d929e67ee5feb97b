import { MikroORM, type Options } from '@mikro-orm/postgresql';
import type { Logger } from '../common/logger';
import { DEFAULT_STATEMENT_TIMEOUT_MS } from '../config';
import { entities } from '../modules/domains';

export interface DatabaseTarget {
  url: string;
  /** The embedded engine accepts one connection; a real server gets a pool. */
  embedded: boolean;
  /**
   * The server cancels any statement that runs longer (SQLSTATE 57014, answered to clients as
   * SERVICE_UNAVAILABLE). Sent as the `statement_timeout` start-up parameter of every connection the pool opens.
   * A real PostgreSQL server enforces it; the embedded engine (PGlite) accepts it but does not enforce it.
   */
  statementTimeoutMs?: number;
  /** Streaming standbys of `url`'s server, for the lean read path (see common/read-routing.ts). */
  replicaUrls?: string[];
}

/**
 * The ORM configuration for a database; the driver's notices go to `logger`; `overrides` lets tests add
 * logging or change the pool.
 */
export function ormOptions(target: DatabaseTarget, logger: Logger, overrides: Partial<Options> = {}): Options {
  const statementTimeoutMs = target.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS;
  return {
    clientUrl: target.url,
    entities,
    // No extensions registered: the migrator and the seeder are loaded when first used (database/migrator.ts), so
    // a serving process whose database is current never loads them.
    // Entities are listed explicitly, so the same configuration works from the .ts sources and from dist/.
    discovery: { disableDynamicFileAccess: true, requireEntitiesArray: true },
    migrations: { transactional: true, allOrNothing: true, snapshot: false, silent: true },
    // Search documents and the graph's edges are derived from the records by triggers (the search and the
    // relationship-edges migrations), not entities of the model: the schema diff must not drop their tables.
    schemaGenerator: { skipTables: ['search_document', 'relationship_edge'] },
    pool: target.embedded ? { min: 1, max: 1 } : { min: 0, max: 10 },
    // Each standby gets a pool like the primary's, with the same connection settings.
    replicas: (target.replicaUrls ?? []).map((url, index) => ({ name: `replica-${index + 1}`, clientUrl: url })),
    // The ORM's own reads (the editing path's finds, the API key lookup, migrations) stay on the primary: only
    // the lean read path chooses a standby, by the rule in common/read-routing.ts.
    preferReadReplicas: false,
    driverOptions: {
      connection: {
        // Every connection, from its first statement: no query can hold a connection (or a lock) for longer.
        statement_timeout: statementTimeoutMs,
        // No JIT compilation: it pays off for long scans of many rows, and this API's statements are short but
        // wide (the analysts' ones union a dozen tables), which PostgreSQL's cost estimates push over
        // jit_above_cost: at ×1000 a paths statement spent 820 ms of its 1.1 s compiling 1,341 functions. The
        // embedded engine has no JIT: it is left as it is.
        ...(target.embedded ? {} : { options: '-c jit=off' }),
        // A server that does not answer the connection attempt at all (a dropped network) fails as fast as a
        // refused one would, instead of waiting for the operating system's TCP timeout.
        connectionTimeoutMillis: statementTimeoutMs,
        keepAlive: true,
      },
      // The query builder's own notices ("Connection Error: Connection ended unexpectedly" when the database
      // goes away) as log lines like every other, instead of bare lines on stdout.
      log: {
        warn: (message: unknown) => logger.warn({ detail: String(message) }, 'database driver'),
        error: (message: unknown) => logger.error({ detail: String(message) }, 'database driver'),
        deprecate: (message: unknown) => logger.warn({ detail: String(message) }, 'database driver'),
        debug: () => undefined,
      },
    },
    forceUtcTimezone: true,
    // Never touch a global EntityManager: every request works in its own fork.
    allowGlobalContext: false,
    ...overrides,
  };
}

export async function initOrm(
  target: DatabaseTarget,
  logger: Logger,
  overrides: Partial<Options> = {},
): Promise<MikroORM> {
  return MikroORM.init(ormOptions(target, logger, overrides));
}
