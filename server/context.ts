import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Loaders } from './common/loaders';
import type { PaginationLimits } from './common/pagination';

/** What every resolver receives: this request's own unit of work, loaders and limits. */
export interface RequestContext {
  requestId: string;
  em: EntityManager;
  loaders: Loaders;
  limits: PaginationLimits;
}

export function createRequestContext(orm: MikroORM, limits: PaginationLimits, requestId: string = randomUUID()): RequestContext {
  // A fork per request: its identity map and loaders never leak between requests.
  const em = orm.em.fork();
  return { requestId, em, loaders: new Loaders(em, limits), limits };
}
