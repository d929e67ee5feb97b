import { createHash } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import type Redis from 'ioredis';
import { redisClient } from './redis-client';
import { LRUCache } from 'lru-cache';
import type { AppConfig } from '../config';
import type { Logger } from './logger';
import { rateLimitedError, rateLimitHeaders, type RateLimiter, type RateLimitState } from './rate-limit';
import { ErrorCode, errorResponseBody } from './errors';
import { logCachedRequest, logRefusedRequest } from './request-log';
import { sendJson, setHeaders, type HttpRequest, type HttpResponse, type Middleware } from './http-exchange';

/**
 * A full-response cache for public reads: the exact bytes of a successful anonymous query, keyed on the whole
 * request (method, Accept, query text or persisted hash, operation name, variables, extensions) and looked up
 * before Apollo parses or executes anything, so a hit costs a hash and a lookup, not a GraphQL request.
 *
 * Never stale, by a data generation: a number every committed write bumps (editing.ts calls `dataChanged` after
 * the commit, before the mutation answers; the CLI after migrate/seed/scale; every instance as it starts, since it
 * may just have migrated or seeded). An answer is stored under the generation read *before* its query ran, so
 * an answer that could predate a write is stored under a generation no read will ask for again. Coarse — any
 * write empties the whole cache — but provably never stale; invalidating by type is a possible refinement.
 *
 * In memory (one process: correct only when this process is the only writer), or in Redis when REDIS_URL is set,
 * so that every instance shares the answers and the generation (a read fetches both in one round trip, a Lua
 * script). When Redis cannot be reached the cache is bypassed — nothing is served that cannot be shown current —
 * and, once it is back, the generation is bumped, for writes may have happened meanwhile without bumping it.
 *
 * Only answers that may be shared are stored: no Authorization header (anything a key holder or an admin sees
 * stays theirs), a query (never a mutation), status 200, no errors. A hit still spends the rate-limit points the
 * query cost when it ran, and leaves the same log line. `x-cache` tells the client HIT, MISS (looked up, then run
 * and stored) or BYPASS (not shareable, or the store is unreachable).
 */

/** Counters of this process's response cache, for the operators' metrics. */
export const responseCacheCounters = { hits: 0, misses: 0, bypasses: 0 };

/** The headers of an answer that belong to its representation (the rest are per request: id, CORS, rate limit). */
const REPRESENTATION_HEADERS = ['content-type', 'cache-control'];

/** One stored answer, as it was sent on the miss, and what a hit must charge and log. */
interface CachedResponse {
  headers: Record<string, string>;
  body: string;
  cost: number | null;
  operation: string | null;
}

/** The generation current when a lookup ran, and the answer stored under it for the key, if any. */
interface Lookup {
  generation: string;
  entry?: CachedResponse;
}

interface ResponseStore {
  /** null when the store cannot answer: the request then bypasses the cache. */
  lookup(key: string): Promise<Lookup | null>;
  save(generation: string, key: string, entry: CachedResponse): Promise<void>;
  bump(): Promise<void>;
  ready(): Promise<void>;
  close(): Promise<void>;
}

function entrySize(entry: CachedResponse): number {
  return entry.body.length + JSON.stringify(entry.headers).length + (entry.operation?.length ?? 0) + 64;
}

/** One process's cache: an LRU bounded in bytes; a bump empties it. */
class MemoryStore implements ResponseStore {
  private generation = 0;
  private readonly entries: LRUCache<string, CachedResponse>;

  constructor(maxBytes: number, ttlSeconds: number) {
    this.entries = new LRUCache({ maxSize: maxBytes, sizeCalculation: entrySize, ttl: ttlSeconds * 1000 });
  }

  async lookup(key: string): Promise<Lookup> {
    return { generation: String(this.generation), entry: this.entries.get(key) };
  }

  async save(generation: string, key: string, entry: CachedResponse): Promise<void> {
    // An answer whose query began before the latest write may predate it.
    if (generation === String(this.generation)) this.entries.set(key, entry);
  }

  async bump(): Promise<void> {
    this.generation += 1;
    this.entries.clear();
  }

  async ready(): Promise<void> {}
  async close(): Promise<void> {}
}

/**
 * The generation and the entry in one round trip. Entry keys are built inside the script from the generation it
 * just read (so the script touches a key it was not given: fine on one Redis, not on a Redis Cluster).
 */
const LOOKUP_SCRIPT = `
local generation = redis.call('GET', KEYS[1]) or '0'
return { generation, redis.call('GET', ARGV[1] .. generation .. ':' .. ARGV[2]) }`;

type RedisWithLookup = Redis & {
  responseLookup(generationKey: string, entryPrefix: string, key: string): Promise<[string, string | null]>;
};

/** Answers shared by every instance through Redis, each under its generation, expiring after the TTL. */
class RedisStore implements ResponseStore {
  private readonly redis: RedisWithLookup;
  private readonly generationKey: string;
  private readonly entryPrefix: string;
  /** Resolves once this instance has connected and started a new generation (or gave up waiting). */
  private started: Promise<void>;

  constructor(
    url: string,
    prefix: string,
    private readonly ttlSeconds: number,
    logger: Logger,
  ) {
    this.generationKey = `${prefix}:generation`;
    this.entryPrefix = `${prefix}:entry:`;
    // As for the rate limiter: no offline queue, so that while Redis is away a request bypasses at once.
    this.redis = redisClient(url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 1000,
    }) as RedisWithLookup;
    this.redis.defineCommand('responseLookup', { numberOfKeys: 1, lua: LOOKUP_SCRIPT });
    let warned = false;
    this.redis.on('error', (error: Error) => {
      if (warned) return;
      warned = true;
      logger.warn(
        { error: error.message },
        'response cache store unreachable; reads bypass the cache until it returns',
      );
    });
    let announceStart: () => void = () => undefined;
    this.started = new Promise((resolve) => (announceStart = resolve));
    // On every (re)connection: writes may have happened while this instance could not bump the generation.
    this.redis.on('ready', () => {
      warned = false;
      void this.bump().finally(announceStart);
    });
  }

  async lookup(key: string): Promise<Lookup | null> {
    if (this.redis.status !== 'ready') return null;
    try {
      const [generation, stored] = await this.redis.responseLookup(this.generationKey, this.entryPrefix, key);
      return { generation, entry: stored === null ? undefined : decode(stored) };
    } catch {
      return null;
    }
  }

  async save(generation: string, key: string, entry: CachedResponse): Promise<void> {
    await this.redis
      .set(`${this.entryPrefix}${generation}:${key}`, encode(entry), 'EX', this.ttlSeconds)
      .catch(() => undefined);
  }

  async bump(): Promise<void> {
    // If this fails, Redis is away: reads bypass the cache, and the bump on reconnection stands in for this one.
    await this.redis.incr(this.generationKey).catch(() => undefined);
  }

  async ready(timeoutMs = 2000): Promise<void> {
    await Promise.race([this.started, new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]);
  }

  async close(): Promise<void> {
    if (this.redis.status === 'ready') await this.redis.quit().catch(() => undefined);
    this.redis.disconnect();
  }
}

/** A line of JSON for what is not the body, then the body as it was sent (no second JSON encoding of it). */
function encode({ body, ...rest }: CachedResponse): string {
  return `${JSON.stringify(rest)}\n${body}`;
}

function decode(stored: string): CachedResponse {
  const newline = stored.indexOf('\n');
  return { ...(JSON.parse(stored.slice(0, newline)) as Omit<CachedResponse, 'body'>), body: stored.slice(newline + 1) };
}

/** What one request carries for the cache (RequestContext.responseCache). */
export interface ResponseCacheTicket {
  /** Every shared answer from before is out of date: awaited after a write commits, before the mutation answers. */
  dataChanged(): Promise<void>;
  /** Set as the answer is sent: whether it may be shared, and what a hit of it must log and charge. */
  verdict?: { storable: boolean; operation: string | null; cost: number | null };
  /** On a miss: told the whole answer as it is sent (by the GraphQL endpoint), to keep it if it may be shared. */
  answered?(response: HttpResponse, body: string): void;
}

/** Only what the client asked for and how: a request naming the same things gets the same answer. */
function requestKey(request: HttpRequest): string | null {
  const params = (request.method === 'GET' ? request.query : request.body) as Record<string, unknown> | undefined;
  if (!params || typeof params !== 'object' || Array.isArray(params)) return null;
  const { query, operationName, variables, extensions } = params;
  const identity = [
    request.method,
    request.headers.accept ?? null,
    query ?? null,
    operationName ?? null,
    variables ?? null,
    extensions ?? null,
  ];
  return createHash('sha256').update(JSON.stringify(identity)).digest('base64url');
}

export class ResponseCache {
  private constructor(private readonly store: ResponseStore) {}

  /** The cache the configuration asks for, or null when it is off (RESPONSE_CACHE=false). */
  static fromConfig(
    config: Pick<
      AppConfig,
      'responseCache' | 'responseCacheMaxBytes' | 'responseCacheTtlSeconds' | 'responseCacheKeyPrefix' | 'redisUrl'
    >,
    logger: Logger,
  ): ResponseCache | null {
    if (!config.responseCache) return null;
    return new ResponseCache(
      config.redisUrl
        ? new RedisStore(config.redisUrl, config.responseCacheKeyPrefix, config.responseCacheTtlSeconds, logger)
        : new MemoryStore(config.responseCacheMaxBytes, config.responseCacheTtlSeconds),
    );
  }

  /** Waits (a bounded time) for the shared store and this instance's first generation. */
  ready(): Promise<void> {
    return this.store.ready();
  }

  close(): Promise<void> {
    return this.store.close();
  }

  /** Starts a new generation: no answer stored before is served again. */
  invalidate(): Promise<void> {
    return this.store.bump();
  }

  /**
   * After the rate limiter and before Apollo: answers a hit itself (with `answer`, the endpoint's way of sending a
   * whole answer); on a miss, lets the request run and stores the answer as it is sent, if the plugin found it
   * shareable.
   */
  middleware(
    logger: Logger,
    rateLimiter: RateLimiter | null,
    answer: (request: HttpRequest, response: HttpResponse, status: number, body: string) => void,
  ): Middleware {
    return async (request, response, next) => {
      const started = performance.now();
      const ticket: ResponseCacheTicket = { dataChanged: () => this.invalidate() };
      response.locals.responseCache = ticket;
      const key = request.headers.authorization === undefined ? requestKey(request) : null;
      const lookup = key === null ? null : await this.store.lookup(key);
      if (key === null || lookup === null) return bypass(response, next);
      const { entry, generation } = lookup;
      if (!entry) {
        responseCacheCounters.misses += 1;
        response.setHeader('x-cache', 'MISS');
        ticket.answered = (sent, body) => this.keep(sent, ticket, generation, key, body);
        return next();
      }

      const rateLimit = response.locals.rateLimit as RateLimitState | undefined;
      if (rateLimiter && rateLimit && entry.cost !== null) {
        // Too little left for this query: Apollo runs it and refuses it exactly as it refuses any other.
        if (rateLimit.budget.remaining < entry.cost) return bypass(response, next);
        rateLimit.budget = await rateLimiter.spend(rateLimit.client, entry.cost);
        setHeaders(response, rateLimitHeaders(rateLimit.budget));
        if (rateLimit.budget.exceeded) {
          logRefusedRequest(response, logger, 429, ErrorCode.RATE_LIMITED);
          sendJson(response, 429, errorResponseBody(rateLimitedError(rateLimit.budget)));
          return;
        }
      }
      responseCacheCounters.hits += 1;
      for (const [name, value] of Object.entries(entry.headers)) response.setHeader(name, value);
      response.setHeader('x-cache', 'HIT');
      answer(request, response, 200, entry.body);
      logCachedRequest(response, logger, {
        operation: entry.operation,
        cost: entry.cost,
        durationMs: Math.round(performance.now() - started),
      });
    };
  }

  /** Stores an answer as it is sent, when the plugin judged it shareable and it went out as a 200. */
  private keep(response: HttpResponse, ticket: ResponseCacheTicket, generation: string, key: string, body: string) {
    const verdict = ticket.verdict;
    if (!verdict?.storable || response.statusCode !== 200) return;
    const headers = Object.fromEntries(
      REPRESENTATION_HEADERS.flatMap((name) => {
        const value = response.getHeader(name);
        return value === undefined ? [] : [[name, String(value)]];
      }),
    );
    void this.store.save(generation, key, { headers, body, cost: verdict.cost, operation: verdict.operation });
  }
}

function bypass(response: HttpResponse, next: (error?: unknown) => void): void {
  responseCacheCounters.bypasses += 1;
  response.setHeader('x-cache', 'BYPASS');
  next();
}

/**
 * Apollo's side: judges each answer as it is sent. Shareable: a query, answered without errors and with no other
 * status than 200, asked without credentials (the middleware looks up only those). Anything else says BYPASS.
 */
export function responseCachePlugin<
  TContext extends { cost?: number; responseCache?: ResponseCacheTicket },
>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue, operation, operationName, request }) {
          const ticket = contextValue.responseCache;
          if (!ticket) return;
          const single = response.body.kind === 'single' ? response.body.singleResult : undefined;
          const storable =
            operation?.operation === 'query' &&
            single !== undefined &&
            single.errors === undefined &&
            (response.http.status ?? 200) === 200 &&
            request.http?.headers.get('authorization') === undefined;
          ticket.verdict = {
            storable,
            operation: operationName ?? request.operationName ?? null,
            cost: contextValue.cost ?? null,
          };
          if (!storable) response.http.headers.set('x-cache', 'BYPASS');
        },
      };
    },
  };
}

/**
 * For writers outside the server (the `db:*` commands): starts a new generation in the shared store, when there
 * is one (REDIS_URL). Says whether it could; a server's in-memory cache cannot be reached from here.
 */
export async function invalidateSharedResponses(
  config: Pick<AppConfig, 'redisUrl' | 'responseCacheKeyPrefix'>,
): Promise<boolean> {
  if (!config.redisUrl) return false;
  const redis = redisClient(config.redisUrl, {
    maxRetriesPerRequest: 1,
    connectTimeout: 1000,
    retryStrategy: () => null,
  });
  redis.on('error', () => undefined);
  try {
    await redis.incr(`${config.responseCacheKeyPrefix}:generation`);
    return true;
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}
