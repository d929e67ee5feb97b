import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from './logger';
import { ErrorCode, RETRY_AFTER_SECONDS } from './errors';
import type { HttpResponse } from './http-exchange';
import { scopeOf, type RequestScope } from './request-scope';

/** What the log line of one GraphQL request says, and what the metrics count (common/metrics.ts). */
export interface RequestOutcome {
  operation: string | null;
  /** Not rounded, unlike the log line's. */
  durationMs: number;
  status: number;
  /** Each error code once. */
  errors: readonly string[];
}

/** Hears of every GraphQL request once, when its log line is written; set per app (see request-scope.ts). */
export type RequestObserver = (outcome: RequestOutcome) => void;

/**
 * One log line per GraphQL request (id, operation, duration, cost, HTTP status, error codes; never headers, and
 * variables only at LOG_LEVEL=debug), and the HTTP status of a database outage: 503 with Retry-After, so that clients and load
 * balancers back off instead of treating it as a bug.
 */
export function requestLogPlugin<TContext extends { cost?: number; scope?: RequestScope }>(
  logger: Logger,
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart({ request, contextValue }) {
      const started = performance.now();
      // A child of the app's logger whose lines carry the request id.
      const log = contextValue.scope?.log ?? logger;
      const observe = contextValue.scope?.observe;
      return {
        async willSendResponse({ response, operationName }) {
          // The errors as the client gets them, after formatError has assigned their codes.
          const sent = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          const codes = [
            ...new Set(sent.map((error) => String(error.extensions?.code ?? ErrorCode.INTERNAL_SERVER_ERROR))),
          ];
          if (codes.includes(ErrorCode.SERVICE_UNAVAILABLE)) {
            response.http.status = 503;
            response.http.headers.set('retry-after', String(RETRY_AFTER_SECONDS));
          }
          const durationMs = performance.now() - started;
          const status = response.http.status ?? 200;
          const operation = operationName ?? request.operationName ?? null;
          observe?.({ operation, durationMs, status, errors: codes });
          const fields = {
            operation,
            durationMs: Math.round(durationMs),
            cost: contextValue.cost ?? null,
            status,
            errors: codes,
          };
          // Variables may hold personal data: they are logged only when debugging, never at info.
          if (log.isLevelEnabled('debug'))
            log.debug({ ...fields, variables: request.variables ?? {} }, 'graphql request');
          else log.info(fields, 'graphql request');
        },
      };
    },
  };
}

/**
 * The log line of a GraphQL request refused before GraphQL ran (a spent rate limit, a body that is not JSON or
 * too large), in the same shape as the others, so that every request leaves one line.
 */
export function logRefusedRequest(response: HttpResponse, logger: Logger, status: number, code: string): void {
  const scope = scopeOf(response);
  scope?.observe?.({ operation: null, durationMs: 0, status, errors: [code] });
  (scope?.log ?? logger).info(
    { operation: null, durationMs: 0, cost: null, status, errors: [code] },
    'graphql request',
  );
}

/** The log line of a query answered from the response cache: the shape of the others, and `cache: 'hit'`. */
export function logCachedRequest(
  response: HttpResponse,
  logger: Logger,
  fields: { operation: string | null; cost: number | null; durationMs: number },
): void {
  (scopeOf(response)?.log ?? logger).info({ ...fields, status: 200, errors: [], cache: 'hit' }, 'graphql request');
}
