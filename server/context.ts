import { randomUUID } from 'node:crypto';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { Loaders } from './common/loaders';
import type { PaginationLimits } from './common/pagination';
import type { ApiKey } from './modules/access/access.entity';
import { authenticate } from './modules/access/access.service';

/** What every resolver receives: this request's own unit of work, loaders, limits and caller. */
export interface RequestContext {
  requestId: string;
  em: EntityManager;
  loaders: Loaders;
  limits: PaginationLimits;
  /** The query's cost, once computed (for the request log). */
  cost?: number;
  /** The caller's API key (null when none was sent); rejects when the one sent is not valid. Reads never ask. */
  apiKey(): Promise<ApiKey | null>;
}

export function createRequestContext(
  orm: MikroORM,
  limits: PaginationLimits,
  { requestId = randomUUID(), authorization }: { requestId?: string; authorization?: string } = {},
): RequestContext {
  // A fork per request: its identity map and loaders never leak between requests.
  const em = orm.em.fork();
  let caller: Promise<ApiKey | null> | undefined;
  return {
    requestId,
    em,
    loaders: new Loaders(em, limits),
    limits,
    apiKey: () => (caller ??= authenticate(orm.em.fork(), authorization)),
  };
}
