import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { trace } from '@opentelemetry/api';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from './logger';
import type { RequestObserver } from './request-log';

/**
 * The id of the request being served and its logger (a child carrying that id on every line), for errors
 * formatted outside any resolver context and for lines written from middleware; and whom its outcome is told
 * to (the app's metrics, when they are on).
 */
const requestScope = new AsyncLocalStorage<{
  requestId: string;
  log: Logger;
  observe: RequestObserver | undefined;
  request: Request;
  response: Response;
}>();

/** The span attribute that ties a trace to the request's log lines and to the id a client was shown. */
const REQUEST_ID_ATTRIBUTE = 'mce.request_id';

/**
 * Express middleware, first in line: every request gets an id, echoed in the `x-request-id` header and in masked
 * errors, and carried on each of its log lines.
 */
export function requestScopeMiddleware(logger: Logger, observe?: RequestObserver) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const requestId = randomUUID();
    response.setHeader('x-request-id', requestId);
    // The HTTP server span, when tracing is on (server/tracing.ts); without it there is no span and this is a no-op.
    trace.getActiveSpan()?.setAttribute(REQUEST_ID_ATTRIBUTE, requestId);
    requestScope.run({ requestId, log: logger.child({ requestId }), observe, request, response }, next);
  };
}

/** The id of the request being served, if any. */
export function currentRequestId(): string | undefined {
  return requestScope.getStore()?.requestId;
}

/** The logger of the request being served, else `fallback` (the app's). */
export function requestLogger(fallback: Logger): Logger {
  return requestScope.getStore()?.log ?? fallback;
}

/** Whom the outcome of the request being served is told to, if anyone. */
export function requestObserver(): RequestObserver | undefined {
  return requestScope.getStore()?.observe;
}

/**
 * The HTTP request being served and its response, if any: for the few facts that travel in headers below the
 * resolvers' level (where a client's reads may be served from; see read-routing.ts).
 */
export function currentExchange(): { request: Request; response: Response } | undefined {
  return requestScope.getStore();
}
