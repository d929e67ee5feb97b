import type { EntityManager } from '@mikro-orm/postgresql';
import type { ClientBase, Pool } from 'pg';
import { withTransaction } from '../transaction';

/** What db:scale can work on: the ORM's EntityManager (as the CLI and the tests have it), or a `pg` pool or client. */
export type ScaleTarget = EntityManager | Pool | ClientBase;

/** One transaction's statements. SQL uses `?` for parameters, whichever driver carries it. */
export interface SqlSession {
  query<T extends object = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
}

/** Runs `work` in one transaction on `target`: all of it is written, or none of it. */
export async function inTransaction<T>(target: ScaleTarget, work: (session: SqlSession) => Promise<T>): Promise<T> {
  if (isEntityManager(target)) {
    return withTransaction(target.fork({ keepTransactionContext: true }), async (tx) => {
      // The query builder's own connection with real bound parameters: the EntityManager's `execute` would inline
      // every value into the SQL text first, which for a statement of thousands of rows costs more than the insert.
      const knex = tx.getConnection().getKnex();
      const transaction = tx.getTransactionContext() ?? knex;
      return work({
        async query<R extends object>(sql: string, params: readonly unknown[] = []) {
          const result = (await transaction.raw(sql, params as unknown[])) as { rows: R[] };
          return result.rows;
        },
      });
    });
  }
  if (isPool(target)) {
    const client = await target.connect();
    try {
      return await inClientTransaction(client, work);
    } finally {
      client.release();
    }
  }
  return inClientTransaction(target, work);
}

async function inClientTransaction<T>(client: ClientBase, work: (session: SqlSession) => Promise<T>): Promise<T> {
  const session: SqlSession = {
    async query<R extends object>(sql: string, params: readonly unknown[] = []) {
      let position = 0;
      const result = await client.query<R>(
        sql.replace(/\?/g, () => `$${++position}`),
        params as unknown[],
      );
      return result.rows;
    },
  };
  await client.query('begin');
  try {
    const result = await work(session);
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback');
    throw error;
  }
}

function isEntityManager(target: ScaleTarget): target is EntityManager {
  return typeof (target as EntityManager).transactional === 'function';
}

function isPool(target: ScaleTarget): target is Pool {
  return typeof (target as Pool).connect === 'function' && 'totalCount' in target;
}
