import type Redis from 'ioredis';
import { redisClient } from './redis-client';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { AppConfig } from '../config';
import { ErrorCode, errorResponseBody, RateLimitedError } from './errors';
import type { Logger } from './logger';
import { logRefusedRequest } from './request-log';
import { sendJson, setHeaders, type HttpRequest, type HttpResponse, type Middleware } from './http-exchange';

/**
 * Rate limiting by cost points per window, per client: a valid API key has its own budget, every other caller
 * shares the budget of its address. Each request spends one point on arrival (so floods of invalid requests are
 * limited too) and then its query cost (see limits.ts) once the operation is known. Budgets live in memory, or
 * in Redis when REDIS_URL is set so that several instances share them; if Redis fails, each instance falls back
 * to its own memory budget rather than refusing service.
 */
export interface RateLimitBudget {
  limit: number;
  remaining: number;
  /** Seconds until the window ends and the budget is whole again. */
  resetSeconds: number;
  windowSeconds: number;
  exceeded: boolean;
}

const REDIS_KEY_PREFIX = 'mce:rate';

export class RateLimiter {
  private constructor(
    private readonly store: RateLimiterAbstract,
    private readonly policy: { points: number; windowSeconds: number },
    readonly logger: Logger,
    private readonly redis?: Redis,
  ) {}

  /** The limiter the configuration asks for, or null when rate limiting is off (RATE_LIMIT_POINTS=0). */
  static fromConfig(
    config: Pick<AppConfig, 'rateLimitPoints' | 'rateLimitWindowSeconds' | 'redisUrl'>,
    logger: Logger,
  ): RateLimiter | null {
    if (config.rateLimitPoints === 0) return null;
    const policy = { points: config.rateLimitPoints, windowSeconds: config.rateLimitWindowSeconds };
    const memory = new RateLimiterMemory({ points: policy.points, duration: policy.windowSeconds });
    if (!config.redisUrl) return new RateLimiter(memory, policy, logger);

    // No offline queue and few retries: while Redis is away a request must not wait for it, it falls back.
    const redis = redisClient(config.redisUrl, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 1000,
    });
    let warned = false;
    redis.on('error', (error: Error) => {
      if (warned) return;
      warned = true;
      logger.warn({ error: error.message }, 'rate-limit store unreachable; budgets are per instance until it returns');
    });
    redis.on('ready', () => {
      warned = false;
    });
    const shared = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: REDIS_KEY_PREFIX,
      points: policy.points,
      duration: policy.windowSeconds,
      rejectIfRedisNotReady: true,
      insuranceLimiter: memory,
    });
    return new RateLimiter(shared, policy, logger, redis);
  }

  /** Spends `points` of `client`'s budget and says what is left; `exceeded` when it went past the limit. */
  async spend(client: string, points: number): Promise<RateLimitBudget> {
    try {
      return this.budget(await this.store.consume(client, Math.max(points, 0)), false);
    } catch (rejection) {
      // rate-limiter-flexible rejects with the budget when it is exhausted, and with an Error when the store fails.
      if (rejection instanceof RateLimiterRes) return this.budget(rejection, true);
      throw rejection;
    }
  }

  /**
   * Waits (a bounded time) for the shared store, so that an instance does not start on a budget of its own
   * while Redis is merely still connecting. An unreachable Redis is not fatal: the memory budget stands in.
   */
  async ready(timeoutMs = 2000): Promise<void> {
    const redis = this.redis;
    if (!redis || redis.status === 'ready') return;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        redis.off('ready', done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      redis.once('ready', done);
    });
  }

  async close(): Promise<void> {
    if (!this.redis) return;
    if (this.redis.status === 'ready') await this.redis.quit().catch(() => undefined);
    this.redis.disconnect();
  }

  private budget(result: RateLimiterRes, exceeded: boolean): RateLimitBudget {
    return {
      limit: this.policy.points,
      remaining: Math.max(result.remainingPoints, 0),
      resetSeconds: Math.max(Math.ceil(result.msBeforeNext / 1000), 0),
      windowSeconds: this.policy.windowSeconds,
      exceeded,
    };
  }
}

/**
 * The IETF RateLimit header fields (draft-ietf-httpapi-ratelimit-headers, as express-rate-limit's draft-6
 * sends them), and Retry-After when the budget is spent.
 */
export function rateLimitHeaders(budget: RateLimitBudget): Record<string, string> {
  const headers: Record<string, string> = {
    'ratelimit-policy': `${budget.limit};w=${budget.windowSeconds}`,
    'ratelimit-limit': String(budget.limit),
    'ratelimit-remaining': String(budget.remaining),
    'ratelimit-reset': String(budget.resetSeconds),
  };
  if (budget.exceeded) headers['retry-after'] = String(retryAfterSeconds(budget));
  return headers;
}

/** A spent budget: wait until its window ends, and never less than a second (Retry-After: 0 means at once). */
function retryAfterSeconds(budget: RateLimitBudget): number {
  return Math.max(budget.resetSeconds, 1);
}

export function rateLimitedError(budget: RateLimitBudget): RateLimitedError {
  return new RateLimitedError({
    limit: budget.limit,
    windowSeconds: budget.windowSeconds,
    retryAfterSeconds: retryAfterSeconds(budget),
    headers: rateLimitHeaders(budget),
  });
}

/** What the rate limit of one request needs later on: whose budget it spends, and the latest state of it. */
export interface RateLimitState {
  client: string;
  budget: RateLimitBudget;
}

/**
 * In front of GraphQL (and the graph export): finds whose budget the request spends, charges the arrival point,
 * and answers 429 at once when the budget is already spent. `identify` names the client (API key or address).
 */
export function rateLimitMiddleware(
  limiter: RateLimiter,
  identify: (request: HttpRequest, response: HttpResponse) => Promise<string>,
): Middleware {
  return async (request, response, next) => {
    try {
      const client = await identify(request, response);
      const budget = await limiter.spend(client, 1);
      setHeaders(response, rateLimitHeaders(budget));
      if (budget.exceeded) {
        logRefusedRequest(response, limiter.logger, 429, ErrorCode.RATE_LIMITED);
        sendJson(response, 429, errorResponseBody(rateLimitedError(budget)));
        return;
      }
      const state: RateLimitState = { client, budget };
      response.locals.rateLimit = state;
      next();
    } catch (error) {
      next(error);
    }
  };
}
