import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from './logger';

/**
 * The id of the request being served and its logger (a child carrying that id on every line), for errors
 * formatted outside any resolver context and for lines written from middleware.
 */
const requestScope = new AsyncLocalStorage<{ requestId: string; log: Logger; request: Request; response: Response }>();

/**
 * Express middleware, first in line: every request gets an id, echoed in the `x-request-id` header and in masked
 * errors, and carried on each of its log lines.
 */
export function requestScopeMiddleware(logger: Logger) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const requestId = randomUUID();
    response.setHeader('x-request-id', requestId);
    requestScope.run({ requestId, log: logger.child({ requestId }), request, response }, next);
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

/**
 * The HTTP request being served and its response, if any: for the few facts that travel in headers below the
 * resolvers' level (where a client's reads may be served from; see read-routing.ts).
 */
export function currentExchange(): { request: Request; response: Response } | undefined {
  return requestScope.getStore();
}
