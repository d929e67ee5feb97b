import type { IncomingMessage, ServerResponse } from 'node:http';
import querystring from 'node:querystring';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { context as traceContext, trace, type Context } from '@opentelemetry/api';
import bodyParser from 'body-parser';
import etag from 'etag';
import fresh from 'fresh';
import { BadRequestError, ErrorCode, errorResponseBody, InternalServerError } from './errors';
import { runSteps, sendJson, type HttpRequest, type HttpResponse, type Middleware } from './http-exchange';
import type { Logger } from './logger';
import { logRefusedRequest } from './request-log';
import type { ResponseCacheTicket } from './response-cache';
import { scopeOf } from './request-scope';

/**
 * The GraphQL endpoint on `node:http` alone: the steps in front of GraphQL (request scope, CORS, body, caller,
 * rate limit, response cache), then Apollo's own HTTP handling (`executeHTTPGraphQLRequest`, what every Apollo
 * integration calls), then the answer written out. No express on this path: its router, its request and
 * response wrappers and its ETag of every answer cost each GraphQL request more than the steps themselves
 * (measured in bench/README.md). The other routes (IDE, export, health, metrics) stay on express.
 */
export interface GraphqlEndpointOptions<TContext extends BaseContext> {
  apollo: ApolloServer<TContext>;
  /** Where it is served (named as the HTTP span's route when tracing is on). */
  path: string;
  /** In order; `jsonBody` among them, before anything that reads the body. */
  steps: readonly Middleware[];
  context: (request: HttpRequest, response: HttpResponse) => Promise<TContext>;
  logger: Logger;
  maxBodyBytes: number;
}

export function graphqlEndpoint<TContext extends BaseContext>({
  apollo,
  path,
  steps,
  context,
  logger,
  maxBodyBytes,
}: GraphqlEndpointOptions<TContext>): (request: IncomingMessage, response: ServerResponse) => void {
  const fail = (response: HttpResponse) => (error: unknown) =>
    refuseFailedRequest(error as HttpError, response, logger, maxBodyBytes);
  return (incoming, outgoing) => {
    const request = incoming as HttpRequest;
    // When tracing is on, the HTTP server span is named by its route ("POST /graphql"), as express's
    // instrumentation names the spans of the routes express serves.
    const active = traceContext.active();
    if (trace.getSpan(active)) nameRoute(active, path);
    const response = Object.assign(outgoing, { locals: {} }) as HttpResponse;
    const search = searchOf(request.url);
    if (request.method === 'GET') request.query = querystring.parse(search.slice(1));
    runSteps(
      steps,
      request,
      response,
      () => {
        executeGraphql(apollo, request, response, search, context).catch(fail(response));
      },
      fail(response),
    );
  };
}

/**
 * Names the route of the HTTP request traced in `active`. Its module (@opentelemetry/core) is loaded the first
 * time, which is only ever when tracing is on: without tracing no request has a span, and a process that never
 * traces never holds that module (a few MB of memory).
 */
function nameRoute(active: Context, route: string): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { getRPCMetadata, RPCType } = require('@opentelemetry/core') as typeof import('@opentelemetry/core');
  const rpc = getRPCMetadata(active);
  if (rpc?.type === RPCType.HTTP) rpc.route = route;
}

async function executeGraphql<TContext extends BaseContext>(
  apollo: ApolloServer<TContext>,
  request: HttpRequest,
  response: HttpResponse,
  search: string,
  context: GraphqlEndpointOptions<TContext>['context'],
): Promise<void> {
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const answer = await apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: (request.method ?? 'GET').toUpperCase(), headers, search, body: request.body },
    context: () => context(request, response),
  });
  for (const [name, value] of answer.headers) response.setHeader(name, value);
  const status = answer.status ?? 200;
  if (answer.body.kind === 'complete') {
    sendAnswer(request, response, status, answer.body.string);
    (response.locals.responseCache as ResponseCacheTicket | undefined)?.answered?.(response, answer.body.string);
    return;
  }
  // Incremental delivery (@defer) streams its parts as they come.
  response.statusCode = status;
  for await (const chunk of answer.body.asyncIterator) response.write(chunk);
  response.end();
}

/**
 * Writes a whole answer. A GET answer carries an ETag, and a client (or HTTP cache) that already holds those
 * bytes (`If-None-Match`) gets 304 with no body; POST answers are not revalidated by anyone, so they get none.
 */
export function sendAnswer(request: HttpRequest, response: HttpResponse, status: number, body: string): void {
  response.statusCode = status;
  if (request.method === 'GET' && status === 200) {
    // Weak, as express tagged its answers: the same JSON, not necessarily the same bytes on the wire (compression).
    const tag = etag(body, { weak: true });
    response.setHeader('etag', tag);
    if (fresh(request.headers, { etag: tag })) {
      response.statusCode = 304;
      response.removeHeader('content-type');
      response.end();
      return;
    }
  }
  response.setHeader('content-length', Buffer.byteLength(body));
  response.end(body);
}

/** The body as JSON (in UTF-8, gzip/deflate/br decoded), at most `maxBodyBytes`; a GET has none. */
export function jsonBody(maxBodyBytes: number): Middleware {
  return bodyParser.json({ limit: maxBodyBytes }) as Middleware;
}

/**
 * A POST body is JSON (GraphQL over HTTP); the bodies an HTML form or a `text/plain` fetch can send cross-site
 * without a preflight are refused here with 415, before anything runs.
 */
export const requireJsonPost: Middleware = (request, _response, next) => {
  // The header itself: an empty body has no type to sniff (Apollo names that one itself).
  const mediaType = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (request.method !== 'POST' || mediaType === 'application/json') return next();
  next(Object.assign(new Error('unsupported content type'), { status: 415, type: 'content-type.unsupported' }));
};

function searchOf(url: string | undefined): string {
  const start = url?.indexOf('?') ?? -1;
  return url && start >= 0 ? url.slice(start) : '';
}

/** An error from the body parser or another step: `type` says what went wrong (e.g. `entity.too.large`). */
export type HttpError = Error & { status?: number; type?: string };

/**
 * A request that failed before GraphQL ran (a body that is not JSON, too large, in a charset or encoding not
 * read here) gets a GraphQL-shaped answer; anything but a client error is logged and masked.
 */
export function refuseFailedRequest(
  error: HttpError,
  response: HttpResponse,
  logger: Logger,
  maxBodyBytes: number,
): void {
  if (response.headersSent) {
    (scopeOf(response)?.log ?? logger).error({ error: String(error) }, 'failed after the answer began');
    response.destroy();
    return;
  }
  const status = typeof error.status === 'number' && error.status >= 400 && error.status < 500 ? error.status : 500;
  if (status === 500) (scopeOf(response)?.log ?? logger).error({ error: String(error) }, 'unexpected HTTP error');
  else logRefusedRequest(response, logger, status, ErrorCode.BAD_REQUEST);
  const refusal =
    status >= 500 ? new InternalServerError() : new BadRequestError(bodyErrorMessage(error, maxBodyBytes));
  sendJson(response, status, errorResponseBody(refusal));
}

function bodyErrorMessage(error: HttpError, maxBodyBytes: number): string {
  switch (error.type) {
    case 'entity.too.large':
      return `The request body is too large (at most ${maxBodyBytes} bytes: MAX_BODY_BYTES).`;
    case 'charset.unsupported':
      return 'The request body must be JSON in UTF-8.';
    case 'encoding.unsupported':
      return 'The request body is in a Content-Encoding the server does not read (use gzip, deflate, br or none).';
    case 'request.aborted':
      return 'The request body was not sent in full.';
    case 'content-type.unsupported':
      return 'A POST body must be JSON: send it with Content-Type: application/json.';
    default:
      return 'The request body is not valid JSON.';
  }
}
