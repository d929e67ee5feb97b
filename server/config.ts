import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

/** The longest one SQL statement may run (STATEMENT_TIMEOUT_MS), also for ORMs opened without a configuration. */
export const DEFAULT_STATEMENT_TIMEOUT_MS = 5000;

/** More processes than this on one host would only contend for its cores and the database's connections. */
const MAX_WORKERS = 256;

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    detail: string,
  ) {
    super(`Invalid configuration: ${variable} ${detail}`);
    this.name = 'ConfigError';
  }
}

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], {
    errorMap: () => ({ message: 'must be one of true, false, 1, 0, yes, no' }),
  })
  .transform((value) => ['true', '1', 'yes'].includes(value));

const integerFromEnv = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, { message: `must be a whole number from ${min} to ${max}` })
    .transform(Number)
    .pipe(
      z
        .number()
        .min(min, { message: `must be a whole number from ${min} to ${max}` })
        .max(max, { message: `must be a whole number from ${min} to ${max}` }),
    );

/** A URL with one of `schemes` (e.g. `postgres`), as the message says. */
const urlOf = (...schemes: string[]) =>
  z.string().refine(
    (value) => {
      try {
        return schemes.map((scheme) => `${scheme}:`).includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    { message: `must be a ${schemes.map((scheme) => `${scheme}://`).join(' or ')} URL` },
  );

/** The origin a browser would send for `value` (`https://host[:port]`), or null if `value` is more than one. */
function originOf(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  const webScheme = url.protocol === 'http:' || url.protocol === 'https:';
  const nothingElse = url.pathname === '/' && !url.username && !url.password && !/[?#]/.test(value);
  return webScheme && nothingElse ? url.origin : null;
}

/** One setting: the environment variable it is read from, and how (validation, default, conversion). */
interface Setting<Schema extends z.ZodTypeAny> {
  variable: string;
  schema: Schema;
}

function fromEnv<Schema extends z.ZodTypeAny>(variable: string, schema: Schema): Setting<Schema> {
  return { variable, schema };
}

/**
 * The server's whole configuration, read once from the environment: the one list of its settings, by the names
 * the code uses. AppConfig, the environment's schema and README's configuration table (a test compares them) all
 * come from it. Every variable has a default that works on a bare machine, or is optional; a bad value stops
 * start-up with one line naming the variable (see ConfigError), never a stack trace.
 */
const settings = {
  /** Port the HTTP server listens on. */
  port: fromEnv('PORT', integerFromEnv(0, 65535).default('4000')),
  /** Interface the HTTP server binds to. */
  host: fromEnv('HOST', z.string().min(1, { message: 'must not be empty' }).default('127.0.0.1')),
  /** A real PostgreSQL server; when absent the embedded engine is used. */
  databaseUrl: fromEnv('DATABASE_URL', urlOf('postgres', 'postgresql').optional()),
  /**
   * Read-only standbys of DATABASE_URL's server (streaming replicas), comma-separated: the public reads go to
   * them, writes and a client's reads of its own writes to the primary (see common/read-routing.ts).
   */
  databaseReplicaUrls: fromEnv(
    'DATABASE_REPLICA_URLS',
    z
      .string()
      .transform((value) =>
        value
          .split(',')
          .map((entry) => entry.trim())
          .filter((entry) => entry !== ''),
      )
      .pipe(z.array(urlOf('postgres', 'postgresql')))
      .optional(),
  ),
  /** Where the embedded engine keeps its files (survives restarts); an absolute path. */
  dataDir: fromEnv(
    'DATA_DIR',
    z
      .string()
      .min(1, { message: 'must not be empty' })
      .default('.data/pglite')
      .transform((value) => path.resolve(value)),
  ),
  /**
   * How many server processes share the port (Node's cluster): a number, or `auto` for one per CPU. More than one
   * needs DATABASE_URL: the embedded engine belongs to one process.
   */
  workers: fromEnv(
    'WORKERS',
    z
      .string()
      .default('1')
      .transform((value, context) => {
        if (value === 'auto') return os.availableParallelism();
        if (/^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= MAX_WORKERS) return Number(value);
        context.addIssue({
          code: z.ZodIssueCode.custom,
          message: `must be auto or a whole number from 1 to ${MAX_WORKERS}`,
        });
        return z.NEVER;
      }),
  ),
  /** Largest `first`/`last` a connection accepts. */
  maxPageSize: fromEnv('MAX_PAGE_SIZE', integerFromEnv(1, 1000).default('100')),
  /** Page size when neither `first` nor `last` is given (at most maxPageSize). */
  defaultPageSize: fromEnv('DEFAULT_PAGE_SIZE', integerFromEnv(1, 1000).default('20')),
  /** `production` hides field suggestions and debug detail. */
  environment: fromEnv(
    'NODE_ENV',
    z
      .enum(['development', 'production', 'test'], {
        errorMap: () => ({ message: 'must be one of development, production, test' }),
      })
      .default('development'),
  ),
  /** Whether the seeder runs at start-up when the database holds no data yet. */
  seedOnStart: fromEnv('SEED_ON_START', booleanFromEnv.default('true')),
  /** Deepest field nesting a query may have. */
  maxDepth: fromEnv('MAX_DEPTH', integerFromEnv(1, 100).default('15')),
  /** Most aliases a query may use. */
  maxAliases: fromEnv('MAX_ALIASES', integerFromEnv(0, 1000).default('30')),
  /** Most directives a query may use. */
  maxDirectives: fromEnv('MAX_DIRECTIVES', integerFromEnv(0, 1000).default('50')),
  /** Most lexical tokens a query document may have. */
  maxTokens: fromEnv('MAX_TOKENS', integerFromEnv(100, 1_000_000).default('10000')),
  /** Highest cost (objects a query could return; see common/limits.ts) a query may have. */
  maxCost: fromEnv('MAX_COST', integerFromEnv(1, 100_000_000).default('250000')),
  /** Largest request body accepted, in bytes. */
  maxBodyBytes: fromEnv('MAX_BODY_BYTES', integerFromEnv(1024, 100 * 1024 * 1024).default('102400')),
  /** Cost points one client (API key, else address) may spend per window; 0 turns rate limiting off. */
  rateLimitPoints: fromEnv('RATE_LIMIT_POINTS', integerFromEnv(0, 1_000_000_000).default('1000000')),
  /** Length of a rate-limit window, in seconds. */
  rateLimitWindowSeconds: fromEnv('RATE_LIMIT_WINDOW_SECONDS', integerFromEnv(1, 86_400).default('60')),
  /** A Redis server shared by several instances for their rate-limit budgets and response cache; in memory when absent. */
  redisUrl: fromEnv('REDIS_URL', urlOf('redis', 'rediss').optional()),
  /**
   * Whether successful anonymous queries are answered from a cache of whole responses (common/response-cache.ts).
   * Off by default: in memory (no REDIS_URL) it is correct only while this process is the only writer — with
   * several instances or workers, or `db:*` commands run while it serves, set REDIS_URL so that all share it.
   */
  responseCache: fromEnv('RESPONSE_CACHE', booleanFromEnv.default('false')),
  /** The in-memory response cache's budget, in bytes (least recently used answers go first). */
  responseCacheMaxBytes: fromEnv('RESPONSE_CACHE_MAX_BYTES', integerFromEnv(65_536, 4_294_967_295).default('67108864')),
  /** How long a cached response is kept at most, in seconds (writes invalidate it at once in any case). */
  responseCacheTtlSeconds: fromEnv('RESPONSE_CACHE_TTL_SECONDS', integerFromEnv(1, 86_400).default('300')),
  /** The prefix of the response cache's keys in Redis, so that several deployments may share one server. */
  responseCacheKeyPrefix: fromEnv(
    'RESPONSE_CACHE_KEY_PREFIX',
    z.string().min(1, { message: 'must not be empty' }).default('mce:responses'),
  ),
  /**
   * Which proxies in front may name the client's address (X-Forwarded-For); express's `trust proxy`: `false`,
   * `true`, a number of hops, or addresses/subnets (e.g. `loopback, 10.0.0.0/8`), as express reads them.
   */
  trustProxy: fromEnv(
    'TRUST_PROXY',
    z
      .string()
      .default('false')
      .transform((value): boolean | number | string =>
        value === 'true' ? true : value === 'false' ? false : /^\d+$/.test(value) ? Number(value) : value,
      ),
  ),
  /**
   * Which web origins' pages may call the API from a browser (CORS): `*` for any, or a list such as
   * `https://app.example.org`. Reads are public and keys are bearer headers, never cookies, so any is the default.
   * In the variable, origins are separated by commas; each is normalised as browsers send it
   * (`https://App.example.org:443/` becomes `https://app.example.org`), and anything with a path, query or other
   * scheme is refused.
   */
  corsOrigins: fromEnv(
    'CORS_ORIGINS',
    z
      .string()
      .default('*')
      .transform((value, context): '*' | string[] => {
        if (value.trim() === '*') return '*';
        const entries = value
          .split(',')
          .map((entry) => entry.trim())
          .filter((entry) => entry !== '');
        const origins = entries.map(originOf);
        const bad = entries.find((_entry, index) => origins[index] === null);
        if (entries.length === 0 || bad !== undefined) {
          context.addIssue({
            code: z.ZodIssueCode.custom,
            message:
              'must be * or a comma-separated list of origins such as https://app.example.org (scheme, host, ' +
              `optional port; no path)${bad !== undefined ? `; ${JSON.stringify(bad)} is not one` : ''}`,
          });
          return z.NEVER;
        }
        return [...new Set(origins as string[])];
      }),
  ),
  /**
   * `apq`: automatic persisted queries (a client may send a hash instead of a query it sent before);
   * `only`: only the SDK's registered operations are accepted (sdk/persisted-operations.json); `off`: neither.
   */
  persistedOperations: fromEnv(
    'PERSISTED_OPERATIONS',
    z.enum(['apq', 'only', 'off'], { errorMap: () => ({ message: 'must be one of apq, only, off' }) }).default('apq'),
  ),
  /** Whether the schema may be introspected (the IDE and code generators need it). */
  introspection: fromEnv('INTROSPECTION', booleanFromEnv.default('true')),
  /** The longest one SQL statement may run before the database cancels it, in milliseconds. */
  statementTimeoutMs: fromEnv(
    'STATEMENT_TIMEOUT_MS',
    integerFromEnv(100, 600_000).default(String(DEFAULT_STATEMENT_TIMEOUT_MS)),
  ),
  /** On SIGTERM/SIGINT, how long in-flight requests may take to finish before connections are cut. */
  shutdownTimeoutMs: fromEnv('SHUTDOWN_TIMEOUT_MS', integerFromEnv(0, 600_000).default('10000')),
  /** Whether `GET /metrics` serves the Prometheus metrics (requests, latency, errors, database pool, process). */
  metrics: fromEnv('METRICS', booleanFromEnv.default('true')),
  /** When set, `/metrics` answers only `Authorization: Bearer <token>`; unset, anyone who reaches it may scrape. */
  metricsToken: fromEnv('METRICS_TOKEN', z.string().min(16, { message: 'must be at least 16 characters' }).optional()),
  /**
   * Where traces are sent (OpenTelemetry, OTLP over HTTP, e.g. `http://collector:4318`); unset, nothing is traced
   * and the tracing SDK is not even loaded. The SDK reads the other standard `OTEL_*` variables itself.
   */
  otlpEndpoint: fromEnv('OTEL_EXPORTER_OTLP_ENDPOINT', urlOf('http', 'https').optional()),
  /** The service name traces carry. */
  serviceName: fromEnv(
    'OTEL_SERVICE_NAME',
    z.string().min(1, { message: 'must not be empty' }).default('mce-graph-api'),
  ),
  /** The least severe log lines written: `info` is one line per request, `debug` adds its variables. */
  logLevel: fromEnv(
    'LOG_LEVEL',
    z
      .enum(['debug', 'info', 'warn', 'error', 'silent'], {
        errorMap: () => ({ message: 'must be one of debug, info, warn, error, silent' }),
      })
      .default('info'),
  ),
  /** `json`, `pretty`, or `auto`: pretty on a terminal outside production, JSON everywhere else. */
  logFormat: fromEnv(
    'LOG_FORMAT',
    z
      .enum(['json', 'pretty', 'auto'], { errorMap: () => ({ message: 'must be one of json, pretty, auto' }) })
      .default('auto'),
  ),
};

type Settings = typeof settings;

/** The configuration as the code reads it: each setting's value, converted (numbers, booleans, lists). */
export type AppConfig = { [Name in keyof Settings]: z.output<Settings[Name]['schema']> };

/** How much the server logs, and in which form (`auto`: pretty on a terminal outside production, else JSON). */
export type LogLevel = AppConfig['logLevel'];
export type LogFormat = AppConfig['logFormat'];

/** The environment variables the server reads, each with its schema: what README's configuration table lists. */
export const environmentSchema = z.object(
  Object.fromEntries(Object.values(settings).map(({ variable, schema }): [string, z.ZodTypeAny] => [variable, schema])),
);

/** Reads the configuration from `env`, throwing a ConfigError that names the first bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  // An empty variable means "not set", as it does in most shells' `VAR= command` idiom.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = environmentSchema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue.path[0]);
    throw new ConfigError(variable, `${issue.message} (got ${JSON.stringify(env[variable])})`);
  }
  const values = parsed.data;
  const config = Object.fromEntries(
    Object.entries(settings).map(([name, { variable }]) => [name, values[variable]]),
  ) as AppConfig;
  if (config.defaultPageSize > config.maxPageSize) {
    throw new ConfigError('DEFAULT_PAGE_SIZE', `must not exceed MAX_PAGE_SIZE (${config.maxPageSize})`);
  }
  if (config.workers > 1 && !config.databaseUrl) {
    throw new ConfigError(
      'WORKERS',
      `is ${config.workers}, but the embedded engine serves one process only: set DATABASE_URL to a PostgreSQL server, or WORKERS=1`,
    );
  }
  if (config.responseCache && config.workers > 1 && !config.redisUrl) {
    // Each worker would keep its own cache and its own generation: a write through one would leave the others
    // answering from answers it made stale.
    throw new ConfigError(
      'RESPONSE_CACHE',
      `with WORKERS=${config.workers} needs REDIS_URL, so that every worker shares one cache`,
    );
  }
  if (config.databaseReplicaUrls && !config.databaseUrl) {
    throw new ConfigError('DATABASE_REPLICA_URLS', 'needs DATABASE_URL: replicas are standbys of a PostgreSQL server');
  }
  return config;
}
