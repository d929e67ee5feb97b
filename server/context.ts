import { randomUUID } from 'node:crypto';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { Loaders } from './common/loaders';
import type { PaginationLimits } from './common/pagination';
import { READ_AFTER_HEADER } from './common/read-routing';
import type { RequestScope } from './common/request-scope';
import { RowReader } from './common/rows';
import type { RateLimitState } from './common/rate-limit';
import type { ResponseCacheTicket } from './common/response-cache';
import type { ApiKey } from './modules/access/access.entity';
import { authenticate } from './modules/access/access.service';

/** What every resolver receives: this request's own unit of work, loaders, limits and caller. */
export interface RequestContext {
  requestId: string;
  /** The HTTP request this GraphQL request came in (absent when run outside the app's routes, as tests may). */
  scope?: RequestScope;
  /** This request's unit of work, for writes (and the reads a write makes). */
  em: EntityManager;
  /** Reads as plain records, never entities (see common/rows.ts): what every read resolver uses. */
  rows: RowReader;
  loaders: Loaders;
  limits: PaginationLimits;
  /** The query's cost, once computed (for the request log). */
  cost?: number;
  /** Whose rate-limit budget this request spends and what is left of it; absent when rate limiting is off. */
  rateLimit?: RateLimitState;
  /** The caller's API key (null when none was sent); rejects when the one sent is not valid. Reads never ask. */
  apiKey(): Promise<ApiKey | null>;
  /** This request's part in the response cache (writes tell it they committed); absent when the cache is off. */
  responseCache?: ResponseCacheTicket;
}

export function createRequestContext(
  orm: MikroORM,
  limits: PaginationLimits,
  {
    scope,
    apiKey,
    rateLimit,
    responseCache,
  }: {
    scope?: RequestScope;
    apiKey: () => Promise<ApiKey | null>;
    rateLimit?: RateLimitState;
    responseCache?: ResponseCacheTicket;
  },
): RequestContext {
  const unitOfWork = new UnitOfWorkSlot(orm);
  const rows = new RowReader(orm.em, {
    readAfter: scope?.request.headers[READ_AFTER_HEADER],
    transaction: () => unitOfWork.forked?.getTransactionContext(),
  });
  return new HttpRequestContext(unitOfWork, {
    requestId: scope?.requestId ?? randomUUID(),
    scope,
    rows,
    loaders: new Loaders(orm.em, rows, limits),
    limits,
    apiKey,
    rateLimit,
    responseCache,
  });
}

/**
 * A request's own EntityManager, forked when the request first asks for it (when it writes): its identity map
 * never leaks between requests, and reads, which build no entities, need none. Reads build their SQL from the
 * ORM's own manager, and read inside the fork's transaction once a write has begun one.
 */
class UnitOfWorkSlot {
  forked?: EntityManager;
  constructor(private readonly orm: MikroORM) {}
  get em(): EntityManager {
    return (this.forked ??= this.orm.em.fork());
  }
}

/**
 * The context as an object whose `em` is a getter of its class: Apollo copies the context for each operation
 * (`Object.assign` onto an object of the same prototype), which would call a getter of the object itself and
 * fork for every request; the copies share the slot instead.
 */
class HttpRequestContext implements RequestContext {
  requestId!: string;
  scope?: RequestScope;
  rows!: RowReader;
  loaders!: Loaders;
  limits!: PaginationLimits;
  cost?: number;
  rateLimit?: RateLimitState;
  apiKey!: () => Promise<ApiKey | null>;
  responseCache?: ResponseCacheTicket;

  constructor(
    private readonly unitOfWork: UnitOfWorkSlot,
    fields: Omit<RequestContext, 'em'>,
  ) {
    Object.assign(this, fields);
  }

  get em(): EntityManager {
    return this.unitOfWork.em;
  }
}

/**
 * The caller's API key, looked up at most once per request and only when asked for (by a mutation, or by the
 * rate limiter to find the key's budget). Rejects with UNAUTHENTICATED when the key sent is not valid.
 */
export function callerLookup(orm: MikroORM, authorization: string | undefined): () => Promise<ApiKey | null> {
  let caller: Promise<ApiKey | null> | undefined;
  return () => (caller ??= authenticate(orm.em.fork(), authorization));
}
