import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * One HTTP exchange as the app's middleware sees it: Node's own request and response, with what the steps in
 * front of GraphQL leave for the ones after them in `locals`. Express's request and response are both of these,
 * so the same middleware serves the express routes (the graph export) and the GraphQL endpoint, which runs on
 * `node:http` alone (see graphql-endpoint.ts).
 */
export type HttpRequest = IncomingMessage & {
  /** The parsed JSON body of a POST, once the body parser has run. */
  body?: unknown;
  /** The URL's query parameters, as `querystring` parses them (what express's simple query parser gives). */
  query?: Record<string, unknown>;
};

export type HttpResponse = ServerResponse & { locals: Record<string, unknown> };

/** A connect-style step: calls `next()` to go on, `next(error)` to fail, or answers the request itself. */
export type Middleware = (
  request: HttpRequest,
  response: HttpResponse,
  next: (error?: unknown) => void,
) => void | Promise<void>;

/** Answers with `body` as JSON, as express's `response.status(status).json(body)` does. */
export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.statusCode = status;
  response.setHeader('content-type', 'application/json; charset=utf-8');
  response.setHeader('content-length', Buffer.byteLength(text));
  response.end(text);
}

export function setHeaders(response: ServerResponse, headers: Record<string, string>): void {
  for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
}

/**
 * Runs `steps` in order on one exchange, each going on with `next()`; `done` after the last, `fail` with the
 * first error given to `next` or thrown (also from an async step). A step that answers itself ends the chain.
 */
export function runSteps(
  steps: readonly Middleware[],
  request: HttpRequest,
  response: HttpResponse,
  done: () => void,
  fail: (error: unknown) => void,
): void {
  let index = 0;
  const next = (error?: unknown): void => {
    if (error !== undefined && error !== null) return fail(error);
    const step = steps[index++];
    if (!step) return done();
    try {
      const running = step(request, response, next);
      if (running) running.catch(fail);
    } catch (error) {
      fail(error);
    }
  };
  next();
}
