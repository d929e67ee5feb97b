import type { AppConfig } from '../config';
import type { DatabaseTarget } from './orm';

/** The database the server will use, and how to release it. */
export interface OpenedDatabase extends DatabaseTarget {
  /** Human-readable description for start-up logs, without credentials. */
  description: string;
  close(): Promise<void>;
}

/**
 * A real server when DATABASE_URL is set; otherwise the embedded engine under DATA_DIR. The statement timeout
 * travels with the target, so every ORM opened on it (server, CLI) applies it to every connection.
 */
export async function openDatabase(
  config: Pick<AppConfig, 'databaseUrl' | 'dataDir'> &
    Partial<Pick<AppConfig, 'statementTimeoutMs' | 'databaseReplicaUrls'>>,
): Promise<OpenedDatabase> {
  const { statementTimeoutMs } = config;
  if (config.databaseUrl) {
    const url = new URL(config.databaseUrl);
    const replicaUrls = config.databaseReplicaUrls ?? [];
    const replicas = replicaUrls
      .map((replica) => new URL(replica))
      .map((replica) => `${replica.hostname}:${replica.port || '5432'}`);
    return {
      url: config.databaseUrl,
      embedded: false,
      statementTimeoutMs,
      replicaUrls,
      description:
        `PostgreSQL at ${url.hostname}:${url.port || '5432'}${url.pathname} (DATABASE_URL)` +
        (replicas.length > 0 ? `, reads also from ${replicas.join(', ')} (DATABASE_REPLICA_URLS)` : ''),
      close: async () => undefined,
    };
  }
  // A require, not an import: a server on DATABASE_URL never loads PGlite.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { startEmbeddedPostgres } = require('./embedded') as typeof import('./embedded');
  const embedded = await startEmbeddedPostgres(config.dataDir);
  return {
    url: embedded.url,
    embedded: true,
    statementTimeoutMs,
    description: `embedded PostgreSQL (PGlite) with data in ${embedded.dataDir}`,
    close: () => embedded.stop(),
  };
}
