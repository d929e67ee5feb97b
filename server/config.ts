import path from 'node:path';
import { z } from 'zod';

/** How much the server logs, and in which form (`auto`: pretty on a terminal outside production, else JSON). */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
export type LogFormat = 'json' | 'pretty' | 'auto';

/**
 * The server's whole configuration, read once from the environment.
 * Every variable has a default that works on a bare machine; a bad value stops start-up with one line
 * naming the variable (see ConfigError), never a stack trace.
 */
export interface AppConfig {
  /** Port the HTTP server listens on. */
  port: number;
  /** Interface the HTTP server binds to. */
  host: string;
  /** A real PostgreSQL server; when absent the embedded engine is used. */
  databaseUrl: string | undefined;
  /** Where the embedded engine keeps its files (survives restarts). */
  dataDir: string;
  /** Largest `first`/`last` a connection accepts. */
  maxPageSize: number;
  /** Page size when neither `first` nor `last` is given. */
  defaultPageSize: number;
  /** `production` hides field suggestions and debug detail. */
  environment: 'development' | 'production' | 'test';
  /** Whether the seeder runs at start-up when the database holds no data yet. */
  seedOnStart: boolean;
  /** Deepest field nesting a query may have. */
  maxDepth: number;
  /** Most aliases a query may use. */
  maxAliases: number;
  /** Most directives a query may use. */
  maxDirectives: number;
  /** Most lexical tokens a query document may have. */
  maxTokens: number;
  /** Highest cost (objects a query could return; see common/limits.ts) a query may have. */
  maxCost: number;
  /** Largest request body accepted, in bytes. */
  maxBodyBytes: number;
  /** Cost points one client (API key, else address) may spend per window; 0 turns rate limiting off. */
  rateLimitPoints: number;
  /** Length of a rate-limit window, in seconds. */
  rateLimitWindowSeconds: number;
  /** Which proxies in front may name the client's address (X-Forwarded-For); express's `trust proxy`. */
  trustProxy: boolean | number | string;
  /**
   * Which web origins' pages may call the API from a browser (CORS): `*` for any, or a list such as
   * `https://app.example.org`. Reads are public and keys are bearer headers, never cookies, so any is the default.
   */
  corsOrigins: '*' | string[];
  /** A Redis server shared by several instances for their rate-limit budgets; in memory when absent. */
  redisUrl: string | undefined;
  /**
   * `apq`: automatic persisted queries (a client may send a hash instead of a query it sent before);
   * `only`: only the SDK's registered operations are accepted (sdk/persisted-operations.json); `off`: neither.
   */
  persistedOperations: 'apq' | 'only' | 'off';
  /** Whether the schema may be introspected (the IDE and code generators need it). */
  introspection: boolean;
  /** The longest one SQL statement may run before the database cancels it, in milliseconds. */
  statementTimeoutMs: number;
  /** On SIGTERM/SIGINT, how long in-flight requests may take to finish before connections are cut. */
  shutdownTimeoutMs: number;
  /** The least severe log lines written: `info` is one line per request, `debug` adds its variables. */
  logLevel: LogLevel;
  /** `json`, `pretty`, or `auto`: pretty on a terminal outside production, JSON everywhere else. */
  logFormat: LogFormat;
}

/** The longest one SQL statement may run (STATEMENT_TIMEOUT_MS), also for ORMs opened without a configuration. */
export const DEFAULT_STATEMENT_TIMEOUT_MS = 5000;

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

const environmentSchema = z.object({
  PORT: integerFromEnv(0, 65535).default('4000'),
  HOST: z.string().min(1, { message: 'must not be empty' }).default('127.0.0.1'),
  DATABASE_URL: urlOf('postgres', 'postgresql').optional(),
  DATA_DIR: z.string().min(1, { message: 'must not be empty' }).default('.data/pglite'),
  MAX_PAGE_SIZE: integerFromEnv(1, 1000).default('100'),
  DEFAULT_PAGE_SIZE: integerFromEnv(1, 1000).default('20'),
  NODE_ENV: z
    .enum(['development', 'production', 'test'], {
      errorMap: () => ({ message: 'must be one of development, production, test' }),
    })
    .default('development'),
  SEED_ON_START: booleanFromEnv.default('true'),
  MAX_DEPTH: integerFromEnv(1, 100).default('15'),
  MAX_ALIASES: integerFromEnv(0, 1000).default('30'),
  MAX_DIRECTIVES: integerFromEnv(0, 1000).default('50'),
  MAX_TOKENS: integerFromEnv(100, 1_000_000).default('10000'),
  MAX_COST: integerFromEnv(1, 100_000_000).default('250000'),
  MAX_BODY_BYTES: integerFromEnv(1024, 100 * 1024 * 1024).default('102400'),
  RATE_LIMIT_POINTS: integerFromEnv(0, 1_000_000_000).default('1000000'),
  RATE_LIMIT_WINDOW_SECONDS: integerFromEnv(1, 86_400).default('60'),
  REDIS_URL: urlOf('redis', 'rediss').optional(),
  // `false`, `true`, a number of hops, or addresses/subnets (e.g. `loopback, 10.0.0.0/8`), as express reads them.
  TRUST_PROXY: z
    .string()
    .default('false')
    .transform((value): boolean | number | string =>
      value === 'true' ? true : value === 'false' ? false : /^\d+$/.test(value) ? Number(value) : value,
    ),
  // `*`, or origins separated by commas; each is normalised as browsers send it (`https://App.example.org:443/`
  // becomes `https://app.example.org`), and anything with a path, query or other scheme is refused.
  CORS_ORIGINS: z
    .string()
    .default('*')
    .transform((value, context): '*' | string[] => {
      if (value.trim() === '*') return '*';
      const entries = value.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
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
  PERSISTED_OPERATIONS: z
    .enum(['apq', 'only', 'off'], { errorMap: () => ({ message: 'must be one of apq, only, off' }) })
    .default('apq'),
  INTROSPECTION: booleanFromEnv.default('true'),
  STATEMENT_TIMEOUT_MS: integerFromEnv(100, 600_000).default(String(DEFAULT_STATEMENT_TIMEOUT_MS)),
  SHUTDOWN_TIMEOUT_MS: integerFromEnv(0, 600_000).default('10000'),
  LOG_LEVEL: z
    .enum(['debug', 'info', 'warn', 'error', 'silent'], {
      errorMap: () => ({ message: 'must be one of debug, info, warn, error, silent' }),
    })
    .default('info'),
  LOG_FORMAT: z
    .enum(['json', 'pretty', 'auto'], { errorMap: () => ({ message: 'must be one of json, pretty, auto' }) })
    .default('auto'),
});

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
  if (values.DEFAULT_PAGE_SIZE > values.MAX_PAGE_SIZE) {
    throw new ConfigError('DEFAULT_PAGE_SIZE', `must not exceed MAX_PAGE_SIZE (${values.MAX_PAGE_SIZE})`);
  }
  return {
    port: values.PORT,
    host: values.HOST,
    databaseUrl: values.DATABASE_URL,
    dataDir: path.resolve(values.DATA_DIR),
    maxPageSize: values.MAX_PAGE_SIZE,
    defaultPageSize: values.DEFAULT_PAGE_SIZE,
    environment: values.NODE_ENV,
    seedOnStart: values.SEED_ON_START,
    maxDepth: values.MAX_DEPTH,
    maxAliases: values.MAX_ALIASES,
    maxDirectives: values.MAX_DIRECTIVES,
    maxTokens: values.MAX_TOKENS,
    maxCost: values.MAX_COST,
    maxBodyBytes: values.MAX_BODY_BYTES,
    rateLimitPoints: values.RATE_LIMIT_POINTS,
    rateLimitWindowSeconds: values.RATE_LIMIT_WINDOW_SECONDS,
    trustProxy: values.TRUST_PROXY,
    corsOrigins: values.CORS_ORIGINS,
    redisUrl: values.REDIS_URL,
    persistedOperations: values.PERSISTED_OPERATIONS,
    introspection: values.INTROSPECTION,
    statementTimeoutMs: values.STATEMENT_TIMEOUT_MS,
    shutdownTimeoutMs: values.SHUTDOWN_TIMEOUT_MS,
    logLevel: values.LOG_LEVEL,
    logFormat: values.LOG_FORMAT,
  };
}
