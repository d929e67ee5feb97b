import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { lockDataDir } from './data-dir-lock';

/**
 * PostgreSQL with nothing to install: PGlite (PostgreSQL compiled to WebAssembly) running in this process, its
 * files under `dataDir` so data survives restarts, and served on a loopback port so that the ORM talks to it
 * over the ordinary wire protocol exactly as it talks to a real server.
 *
 * PGlite is a single session: the socket server accepts one connection at a time and the ORM pool must hold
 * exactly one connection (see `poolFor`), so transactions can never interleave. That also means no other process
 * can borrow a running server's engine: a second client's connection is cut at once (checked), and allowing
 * more would let two clients' extended-protocol messages (Parse, Bind, Execute, Sync) interleave in PGlite's one
 * session, since the socket server orders single messages, not whole queries. And the folder itself must have
 * one owner (see data-dir-lock.ts): another process opening it fails with DataDirInUseError.
 */
export interface EmbeddedPostgres {
  /** Connection URL of the loopback server. */
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedPostgres> {
  await mkdir(dataDir, { recursive: true });
  const lock = await lockDataDir(dataDir);
  let database: PGlite | undefined;
  try {
    // The contrib extensions the migrations create (search: accent-insensitive, typo-tolerant matching). PGlite
    // ships them as bundles that must be named here, at start-up; a real PostgreSQL has them in its contrib package.
    // Imported dynamically: the package types them as ES modules only, which a CommonJS file may not `import`.
    const [{ pg_trgm }, { unaccent }] = await Promise.all([
      import('@electric-sql/pglite/contrib/pg_trgm'),
      import('@electric-sql/pglite/contrib/unaccent'),
    ]);
    database = await PGlite.create(dataDir, { extensions: { pg_trgm, unaccent } });
    const engine = database;
    const server = new PGLiteSocketServer({ db: engine, host: '127.0.0.1', port: 0, maxConnections: 1 });
    await server.start();
    let stopped = false;
    return {
      url: `postgresql://postgres:postgres@${server.getServerConn()}/postgres`,
      dataDir,
      async stop() {
        if (stopped) return;
        stopped = true;
        await server.stop();
        await engine.close();
        // Only once the engine has written everything back may another process open the folder.
        lock.release();
      },
    };
  } catch (error) {
    await database?.close().catch(() => undefined);
    lock.release();
    throw error;
  }
}
