import type { EntityManager } from '@mikro-orm/core';

/**
 * Runs `work` in one database transaction on `em` itself (a fork: a request's or a command's own), then flushes and commits; on any failure rolls back,
 * forgets what the unit of work held, and rethrows. All of it is written, or none of it.
 *
 * Not `em.transactional()`, which binds its fork in an AsyncLocalStorage (MikroORM's TransactionContext). On
 * Node 20 every AsyncLocalStorage in use runs promise hooks on every promise the process makes from then on, and
 * each one more adds to what every promise costs. MikroORM's own flush uses one (the unit of work's), so a process
 * that has written pays for that one; not for this one too. Bound to `em` directly, the transaction is what `em`,
 * and everything reading through it (common/rows.ts), sees until the commit.
 */
export async function withTransaction<E extends EntityManager, R>(em: E, work: (em: E) => Promise<R>): Promise<R> {
  // Inside a transaction already (a test's rolled-back one, say): this one nests in it as a savepoint.
  const outer = em.getTransactionContext();
  await em.begin({ ctx: outer });
  try {
    const result = await work(em);
    await em.commit();
    return result;
  } catch (error) {
    // A failed COMMIT leaves the transaction in place but over: the rollback then fails too, and is moot.
    if (em.isInTransaction()) await em.rollback().catch(() => undefined);
    em.clear();
    throw error;
  } finally {
    // Commit and rollback unbind the transaction they ended; what `em` was in before is its own again.
    if (outer) em.setTransactionContext(outer);
    else em.resetTransactionContext();
  }
}
