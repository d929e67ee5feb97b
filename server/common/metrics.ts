import { timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry, type LabelValues } from 'prom-client';
import { errorResponseBody, UnauthenticatedError } from './errors';
import type { RequestOutcome } from './request-log';

/**
 * What operators scrape at `/metrics` (Prometheus text format): GraphQL requests, their latency and errors by
 * operation, rate-limit refusals, the database pool, the response cache when there is one, and the process.
 *
 * Each app has a registry of its own (tests start several apps in one process); the process metrics (CPU,
 * memory, event loop, GC) live in one registry per process, shared by every app in it. With several workers
 * (node cluster) each worker counts for itself: the primary can serve their sum with prom-client's
 * AggregatorRegistry, once each worker has called `AggregatorRegistry.setRegistries(metrics.registries)`.
 */

/** Operations beyond this many distinct names are counted under OTHER_OPERATION: a client cannot grow memory. */
export const MAX_OPERATION_LABELS = 100;
/** The label of operations named after the first MAX_OPERATION_LABELS, or with an implausible name. */
export const OTHER_OPERATION = '(other)';
/** The label of requests without an operation name: anonymous ones, and those refused before GraphQL read them. */
export const ANONYMOUS_OPERATION = '(anonymous)';
/** The same bound for error codes: ours are a fixed list, but a library could add its own. */
const MAX_CODE_LABELS = 50;
/** A GraphQL name (`[_A-Za-z][_0-9A-Za-z]*`) of a sensible length; anything else is not given a label of its own. */
const OPERATION_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,99}$/;

/** Seconds: GraphQL reads here take from well under a millisecond (cached) to seconds (big pages, slow database). */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** The parts of a tarn pool (knex's, hence MikroORM's) the gauges read. */
export interface ConnectionPool {
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
  numPendingCreates(): number;
  max: number;
}

/** Database pools by name (`primary`, and replicas if any), read at each scrape: a pool may be replaced. */
export type PoolSource = () => ReadonlyArray<{ name: string; pool: ConnectionPool | undefined }>;

/** What a response cache tells: how many lookups it answered, and how many it had to pass on. */
export interface CacheStatistics {
  readonly hits: number;
  readonly misses: number;
}

/** The labels and instruments of one operation, made once: a request only looks them up. */
interface OperationSeries {
  labels: LabelValues<'operation'>;
  byStatus: Map<number, LabelValues<'operation' | 'status'>>;
  byCode: Map<string, LabelValues<'operation' | 'code'>>;
}

let processRegistry: Registry | undefined;

/** CPU, memory, event-loop lag, GC, handles: one set per process, started the first time an app asks. */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

export class Metrics {
  /** The registries `/metrics` shows: this app's, then the process's. */
  readonly registries: Registry[];
  private readonly registry = new Registry();
  private readonly operations = new Map<string, OperationSeries>();
  private readonly codes = new Set<string>();

  private readonly requests = new Counter({
    name: 'mce_graphql_requests_total',
    help: 'GraphQL requests answered, by operation name and HTTP status (refused ones included).',
    labelNames: ['operation', 'status'] as const,
    registers: [this.registry],
  });
  private readonly latency = new Histogram({
    name: 'mce_graphql_request_duration_seconds',
    help: 'Time from the request reaching GraphQL to its answer, by operation name.',
    labelNames: ['operation'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  private readonly errors = new Counter({
    name: 'mce_graphql_errors_total',
    help: 'GraphQL requests answered with an error, by operation name and error code (each code once per request).',
    labelNames: ['operation', 'code'] as const,
    registers: [this.registry],
  });
  private readonly rateLimitRefusals = new Counter({
    name: 'mce_rate_limit_refusals_total',
    help: 'Requests refused because their client had spent its rate-limit budget (RATE_LIMITED).',
    registers: [this.registry],
  });

  constructor(pools: PoolSource) {
    this.registries = [this.registry, processMetrics()];
    const read = (gauge: Gauge<'pool' | 'state'>, state: string, value: (pool: ConnectionPool) => number) => {
      for (const { name, pool } of pools()) if (pool) gauge.set({ pool: name, state }, value(pool));
    };
    new Gauge({
      name: 'mce_db_pool_connections',
      help: 'Database connections by pool and state: used (lent to a query) or free (idle, open).',
      labelNames: ['pool', 'state'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        read(this, 'used', (pool) => pool.numUsed());
        read(this, 'free', (pool) => pool.numFree());
      },
    });
    new Gauge({
      name: 'mce_db_pool_pending',
      help: 'Waits on a database pool: acquire (a query waiting for a connection) or create (a connection being opened).',
      labelNames: ['pool', 'state'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        read(this, 'acquire', (pool) => pool.numPendingAcquires());
        read(this, 'create', (pool) => pool.numPendingCreates());
      },
    });
    new Gauge({
      name: 'mce_db_pool_max_connections',
      help: 'The most connections a database pool opens (1 for the embedded engine).',
      labelNames: ['pool'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        for (const { name, pool } of pools()) if (pool) this.set({ pool: name }, pool.max);
      },
    });
  }

  /** Counts one GraphQL request, as the request log writes it (see request-log.ts). */
  readonly observeRequest = (outcome: RequestOutcome): void => {
    const series = this.seriesOf(outcome.operation);
    this.requests.inc(this.statusLabels(series, outcome.status));
    this.latency.observe(series.labels, outcome.durationMs / 1000);
    for (const code of outcome.errors) {
      this.errors.inc(this.codeLabels(series, code));
      if (code === 'RATE_LIMITED') this.rateLimitRefusals.inc();
    }
  };

  /**
   * Shows a response cache's hits and misses, read at each scrape. Without a cache nothing is registered, so
   * the metric is absent rather than a misleading zero.
   */
  registerResponseCache(cache: CacheStatistics): void {
    new Counter({
      name: 'mce_response_cache_lookups_total',
      help: 'Response cache lookups, by result: hit (answered from the cache) or miss.',
      labelNames: ['result'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        this.inc({ result: 'hit' }, cache.hits);
        this.inc({ result: 'miss' }, cache.misses);
      },
    });
  }

  /** The Prometheus text of every registry, and its content type. */
  async scrape(): Promise<{ contentType: string; body: string }> {
    const texts = await Promise.all(this.registries.map((registry) => registry.metrics()));
    return { contentType: this.registry.contentType, body: texts.join('\n') };
  }

  private seriesOf(operation: string | null): OperationSeries {
    const label =
      operation === null ? ANONYMOUS_OPERATION : OPERATION_NAME.test(operation) ? operation : OTHER_OPERATION;
    return (
      this.operations.get(label) ??
      this.addSeries(this.operations.size < MAX_OPERATION_LABELS ? label : OTHER_OPERATION)
    );
  }

  private addSeries(label: string): OperationSeries {
    const existing = this.operations.get(label);
    if (existing) return existing;
    const series: OperationSeries = { labels: { operation: label }, byStatus: new Map(), byCode: new Map() };
    this.operations.set(label, series);
    return series;
  }

  private statusLabels(series: OperationSeries, status: number): LabelValues<'operation' | 'status'> {
    let labels = series.byStatus.get(status);
    if (!labels) {
      labels = { operation: series.labels.operation, status: String(status) };
      series.byStatus.set(status, labels);
    }
    return labels;
  }

  private codeLabels(series: OperationSeries, received: string): LabelValues<'operation' | 'code'> {
    const code = this.codes.has(received) || this.codes.size < MAX_CODE_LABELS ? received : 'OTHER';
    this.codes.add(code);
    let labels = series.byCode.get(code);
    if (!labels) {
      labels = { operation: series.labels.operation, code };
      series.byCode.set(code, labels);
    }
    return labels;
  }
}

/**
 * `GET /metrics`. With a token (METRICS_TOKEN) only a scraper that sends `Authorization: Bearer <token>` gets
 * the numbers; operators who scrape over a private network may leave it unset.
 */
export function metricsHandler(metrics: Metrics, token: string | undefined) {
  const expected = token === undefined ? undefined : Buffer.from(`Bearer ${token}`);
  return async (request: Request, response: Response, next: NextFunction): Promise<void> => {
    if (expected && !sameSecret(request.headers.authorization, expected)) {
      response.setHeader('www-authenticate', 'Bearer realm="metrics"');
      response.status(401).json(errorResponseBody(new UnauthenticatedError('metrics')));
      return;
    }
    try {
      const { contentType, body } = await metrics.scrape();
      response.setHeader('content-type', contentType);
      response.setHeader('cache-control', 'no-store');
      response.send(body);
    } catch (error) {
      next(error);
    }
  };
}

/** Compares in constant time, so that the answer's timing tells nothing of how much of a guess was right. */
function sameSecret(sent: string | undefined, expected: Buffer): boolean {
  const given = Buffer.from(sent ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
