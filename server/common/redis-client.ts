import type Redis from 'ioredis';
import type { RedisOptions } from 'ioredis';

/**
 * A Redis client (the shared rate-limit budgets and response cache, when REDIS_URL is set). ioredis is loaded
 * by the first one: a server without Redis never holds it in memory.
 */
export function redisClient(url: string, options: RedisOptions): Redis {
  // A require, not an import: an import would load ioredis whether or not Redis is configured.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { default: RedisClient } = require('ioredis') as typeof import('ioredis');
  return new RedisClient(url, options);
}
