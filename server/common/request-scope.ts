import { randomUUID } from 'node:crypto';
import { trace } from '@opentelemetry/api';
import type { HttpRequest, HttpResponse, Middleware } from './http-exchange';
import type { Logger } from './logger';
import type { RequestObserver } from './request-log';

/**
 * The id of the request being served and its logger (a child carrying that id on every line), whom its outcome
 * is told to (the app's metrics, when they are on), and the HTTP exchange itself.
 *
 * It travels explicitly: on the response (`scopeOf(response)`) for middleware and routes, and in the GraphQL
 * context (`ctx.scope`) for resolvers and plugins. Not in an AsyncLocalStorage: on Node 20 one in use runs
 * promise hooks on every promise the process makes, which cost the nested read about 8% of its CPU time.
 */
export interface RequestScope {
  requestId: string;
  log: Logger;
  observe: RequestObserver | undefined;
  request: HttpRequest;
  response: HttpResponse;
}

/** The span attribute that ties a trace to the request's log lines and to the id a client was shown. */
const REQUEST_ID_ATTRIBUTE = 'mce.request_id';

/**
 * First in line: every request gets an id, echoed in the `x-request-id` header and in masked errors, and carried
 * on each of its log lines.
 */
export function requestScopeMiddleware(logger: Logger, observe?: RequestObserver): Middleware {
  return (request, response, next) => {
    const requestId = randomUUID();
    response.setHeader('x-request-id', requestId);
    // The HTTP server span, when tracing is on (server/tracing.ts); without it there is no span and this is a no-op.
    trace.getActiveSpan()?.setAttribute(REQUEST_ID_ATTRIBUTE, requestId);
    const scope: RequestScope = { requestId, log: logger.child({ requestId }), observe, request, response };
    response.locals.scope = scope;
    next();
  };
}

/** The scope of the request `response` answers (absent only for a response made outside the app's routes). */
export function scopeOf(response: HttpResponse): RequestScope | undefined {
  return response.locals.scope as RequestScope | undefined;
}
