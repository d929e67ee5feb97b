/**
 * Load with autocannon: one target, or a mix of targets side by side over shared connections, every answer
 * checked (connection errors, timeouts, non-2xx, and for GraphQL a 2xx answer carrying `errors` or a null root
 * field), with rates and response-time percentiles per target and for a mix as a whole.
 */
import autocannon from 'autocannon';
import { percentile } from './stats';

export const GRAPHQL_HEADERS = {
  'content-type': 'application/json',
  accept: 'application/graphql-response+json, application/json',
};

export interface Target {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  /** Request bodies, sent in turn (GraphQL only). */
  bodies?: string[];
  /** The root field that must come back non-null (GraphQL only). */
  rootField?: string;
  /** Headers beyond the GraphQL ones (an API key's `authorization`). */
  headers?: Record<string, string>;
  /** Bodies made one request at a time, each from what earlier answers said (a write's version); not `bodies`. */
  sequence?: { next(): string; answered(text: string): void };
}

export interface RouteResult {
  name: string;
  connections: number;
  seconds: number;
  responses: number;
  rate: number;
  latency: { p50: number; p90: number; p99: number; max: number };
  connectionErrors: number;
  timeouts: number;
  non2xx: number;
  graphqlErrors: number;
  statusCodes: Record<string, number>;
  firstProblem?: string;
}

interface GraphQLAnswer {
  data?: Record<string, unknown> | null;
  errors?: unknown[];
}

/** Every response time of a run, kept out of the result object (and so out of any JSON report). */
const responseTimes = new WeakMap<RouteResult, Float64Array>();

const latencyOf = (sorted: Float64Array) => ({
  p50: percentile(sorted, 0.5),
  p90: percentile(sorted, 0.9),
  p99: percentile(sorted, 0.99),
  max: sorted[sorted.length - 1] ?? NaN,
});

/** `target` on `connections` connections (closed loop) for `seconds`, against `base` (e.g. http://127.0.0.1:4000). */
export function runTarget(base: string, target: Target, connections: number, seconds: number): Promise<RouteResult> {
  const latencies: number[] = [];
  const statusCodes: Record<string, number> = {};
  let graphqlErrors = 0;
  let firstProblem: string | undefined;
  const note = (problem: string) => (firstProblem ??= problem.slice(0, 400));

  let turn = 0;
  // autocannon emits 'response' and then, synchronously for the same answer, calls verifyBody: an answer that
  // is not 2xx is counted once, as non-2xx, and only 2xx answers are checked for GraphQL errors.
  let lastStatus = 0;
  const bodies = target.bodies;
  const options: autocannon.Options = {
    url: `${base}${target.path}`,
    connections,
    duration: seconds,
    timeout: 10,
    method: target.method,
    headers: target.method === 'POST' ? { ...GRAPHQL_HEADERS, ...target.headers } : { ...target.headers },
    title: target.name,
  };
  const sequence = target.sequence;
  if (sequence) {
    options.requests = [
      {
        setupRequest: (request) => ({ ...request, body: sequence.next() }),
        onResponse: (_status, body) => sequence.answered(body),
      },
    ];
  } else if (bodies) {
    options.requests = [{ setupRequest: (request) => ({ ...request, body: bodies[turn++ % bodies.length] }) }];
  }
  if (bodies || sequence) {
    options.verifyBody = (text) => {
      if (lastStatus < 200 || lastStatus > 299) return true;
      try {
        const answer = JSON.parse(text) as GraphQLAnswer;
        if (!answer.errors && answer.data && answer.data[target.rootField ?? ''] != null) return true;
      } catch {
        // not JSON: counted below
      }
      graphqlErrors++;
      note(`HTTP ${lastStatus} with GraphQL errors or no data: ${text}`);
      return true; // counted here, not as autocannon "mismatches"
    };
  }

  const started = performance.now();
  return new Promise((resolve, reject) => {
    const instance = autocannon(options, (error, result) => {
      if (error) return reject(error);
      const sorted = Float64Array.from(latencies).sort();
      const elapsed = (performance.now() - started) / 1000;
      const routeResult: RouteResult = {
        name: target.name,
        connections,
        seconds: elapsed,
        responses: sorted.length,
        rate: sorted.length / elapsed,
        latency: latencyOf(sorted),
        connectionErrors: result.errors - result.timeouts,
        timeouts: result.timeouts,
        non2xx: result.non2xx,
        graphqlErrors,
        statusCodes,
        firstProblem,
      };
      responseTimes.set(routeResult, sorted);
      resolve(routeResult);
    });
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      lastStatus = statusCode;
      latencies.push(responseTime);
      statusCodes[statusCode] = (statusCodes[statusCode] ?? 0) + 1;
      if (statusCode < 200 || statusCode > 299) note(`HTTP ${statusCode}`);
    });
    instance.on('reqError', (error) => note(`request error: ${error.message}`));
  });
}

/** The targets side by side, the connections shared out between them, for `seconds`. */
export function runMix(base: string, targets: Target[], connections: number, seconds: number): Promise<RouteResult[]> {
  const shares = targets.map(
    (_, index) => Math.floor(connections / targets.length) + (index < connections % targets.length ? 1 : 0),
  );
  return Promise.all(targets.map((target, index) => runTarget(base, target, shares[index], seconds)));
}

/** Failed requests of any kind in these results. */
export function problems(results: RouteResult[]): number {
  return results.reduce((sum, r) => sum + r.connectionErrors + r.timeouts + r.non2xx + r.graphqlErrors, 0);
}

/** The routes of one mix taken together under `name`: their rates added, their latencies merged. */
export function combined(name: string, results: RouteResult[], connections: number): RouteResult {
  const sorted = Float64Array.from(results.flatMap((r) => Array.from(responseTimes.get(r) ?? []))).sort();
  const sum = (key: 'connectionErrors' | 'timeouts' | 'non2xx' | 'graphqlErrors') =>
    results.reduce((total, r) => total + r[key], 0);
  const statusCodes: Record<string, number> = {};
  for (const r of results)
    for (const [code, count] of Object.entries(r.statusCodes)) statusCodes[code] = (statusCodes[code] ?? 0) + count;
  return {
    name,
    connections,
    seconds: Math.max(...results.map((r) => r.seconds)),
    responses: sorted.length,
    rate: results.reduce((total, r) => total + r.rate, 0),
    latency: latencyOf(sorted),
    connectionErrors: sum('connectionErrors'),
    timeouts: sum('timeouts'),
    non2xx: sum('non2xx'),
    graphqlErrors: sum('graphqlErrors'),
    statusCodes,
    firstProblem: results.find((r) => r.firstProblem)?.firstProblem,
  };
}
