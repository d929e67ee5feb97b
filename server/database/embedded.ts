import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/**
 * PostgreSQL with nothing to install: PGlite (PostgreSQL compiled to WebAssembly) running in this process, its
 * files under `dataDir` so data survives restarts, and served on a loopback port so that the ORM talks to it
 * over the ordinary wire protocol exactly as it talks to a real server.
 *
 * PGlite is a single session: the socket server accepts one connection at a time and the ORM pool must hold
 * exactly one connection (see `poolFor`), so transactions can never interleave.
 */
export interface EmbeddedPostgres {
  /** Connection URL of the loopback server. */
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedPostgres> {
  await mkdir(dataDir, { recursive: true });
  const database = await PGlite.create(dataDir);
  const server = new PGLiteSocketServer({ db: database, host: '127.0.0.1', port: 0, maxConnections: 1 });
  await server.start();
  let stopped = false;
  return {
    url: `postgresql://postgres:postgres@${server.getServerConn()}/postgres`,
    dataDir,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
      await database.close();
    },
  };
}
