import type { EntityManager } from '@mikro-orm/postgresql';
import type { ServerResponse } from 'node:http';

/** One of the ORM's connections: the primary's, or a standby's. */
export type SqlConnection = ReturnType<EntityManager['getConnection']>;

/**
 * Where reads are served from when the database has standbys (DATABASE_REPLICA_URLS): the rule, in one place.
 *
 * A standby replays the primary's write-ahead log a little later than the primary commits, so a client that has
 * just written could read, from a standby, the state before its own write. The rule that keeps its reads exact:
 *
 * - After a mutation commits, the answer carries the primary's WAL position in `x-write-position`
 *   (`pg_current_wal_lsn()`, read after the commit, so at or past the commit record).
 * - A client that sends that position back in `x-read-after` is served by a standby only if the standby has
 *   replayed the log at least that far (`pg_last_wal_replay_lsn()`); otherwise by the primary. A standby that
 *   has replayed a commit shows it to every later snapshot, so the client sees its write either way, wherever
 *   the request lands: the position travels with the client, not in any server's memory, so the rule holds across
 *   workers and hosts.
 * - A mutation reads its own answer (the payload) from the primary, as does everything in a transaction.
 * - Without `x-read-after`, a read goes to a standby (at most the replication lag behind): public reads never
 *   promised more. A value that is not a WAL position (`1A/2B3C4D5E`) is a position no standby is known to have
 *   reached: the primary answers.
 *
 * Why not "a key that wrote recently reads from the primary": reads need no key, and the memory of who wrote
 * would have to be shared by every process to hold across them; and a time window is a guess at the lag, not a
 * fact about it.
 */
export const WRITE_POSITION_HEADER = 'x-write-position';
export const READ_AFTER_HEADER = 'x-read-after';

const WAL_POSITION = /^[0-9A-F]{1,8}\/[0-9A-F]{1,8}$/i;

/** Whether the ORM has standbys to read from (with none, `getConnection('read')` is the primary). */
export function hasReplicas(em: EntityManager): boolean {
  return em.getConnection('read') !== em.getConnection('write');
}

/**
 * The connection a request's reads outside a transaction go to: a standby (the ORM picks one of them), unless the
 * client asked to read after a write position (`readAfter`, its `x-read-after` header) that standby has not
 * replayed yet.
 */
export async function readConnection(em: EntityManager, readAfter?: string | string[]): Promise<SqlConnection> {
  const primary = em.getConnection('write');
  const standby = em.getConnection('read');
  if (standby === primary) return primary;
  if (readAfter === undefined) return standby;
  const position = Array.isArray(readAfter) ? readAfter[0] : readAfter;
  if (!WAL_POSITION.test(position)) return primary;
  // Null (not a standby at all) counts as not caught up.
  const [{ caughtUp }] = await standby.execute<Array<{ caughtUp: boolean | null }>>(
    'select pg_last_wal_replay_lsn() >= ?::pg_lsn as "caughtUp"',
    [position],
  );
  return caughtUp ? standby : primary;
}

/** After a write committed: tells the client the primary's WAL position, to send back as `x-read-after`. */
export async function announceWritePosition(em: EntityManager, response: ServerResponse | undefined): Promise<void> {
  if (!response || !hasReplicas(em)) return;
  const [{ position }] = await em
    .getConnection('write')
    .execute<Array<{ position: string }>>('select pg_current_wal_lsn()::text as position');
  if (!response.headersSent) response.setHeader(WRITE_POSITION_HEADER, position);
}
