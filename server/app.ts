import 'reflect-metadata';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import cors from 'cors';
import type { MikroORM } from '@mikro-orm/postgresql';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import proxyAddress from 'proxy-addr';
import type { AppConfig } from './config';
import { errorFormatter, errorRequestPlugin } from './common/format-error';
import { costLimitPlugin, limitValidationRules } from './common/limits';
import { logRefusedRequest, requestLogPlugin } from './common/request-log';
import { requestScopeMiddleware, scopeOf } from './common/request-scope';
import {
  BadRequestError,
  ErrorCode,
  errorResponseBody,
  RETRY_AFTER_SECONDS,
  RouteNotFoundError,
} from './common/errors';
import {
  graphqlEndpoint,
  jsonBody,
  refuseFailedRequest,
  requireJsonPost,
  sendAnswer,
  type HttpError,
} from './common/graphql-endpoint';
import { sendJson, type HttpRequest, type HttpResponse, type Middleware } from './common/http-exchange';
import { createLogger, type Logger } from './common/logger';
import { Metrics, metricsHandler, type ConnectionPool } from './common/metrics';
import { callerLookup, createRequestContext, type RequestContext } from './context';
import { persistedOperationsSetup } from './common/persisted-operations';
import { readColumnsPlugin } from './common/read-columns';
import { textArgumentRulesPlugin } from './common/text-input';
import { RateLimiter, rateLimitMiddleware, type RateLimitState } from './common/rate-limit';
import {
  ResponseCache,
  responseCacheCounters,
  responseCachePlugin,
  type ResponseCacheTicket,
} from './common/response-cache';
import type { ApiKey } from './modules/access/access.entity';
import { createExploreRouter } from './explore/explore.router';
import { createIdeRouter, wantsIdePage } from './ide/ide.router';
import { createExportRouter, EXPORT_PATH } from './modules/network/export/export.router';
import { ideExamples } from './ide/examples';
import { createSchema } from './schema';

export const GRAPHQL_PATH = '/graphql';

/**
 * Browsers on other origins may call the API (CORS). Requests may carry the key and a JSON body, and the headers
 * Apollo's and other GraphQL clients send by default; pages may read the rate-limit state and the request id.
 * Never `Access-Control-Allow-Credentials`: keys are bearer headers the page sets itself, and no cookie is read.
 */
function corsMiddleware(origins: AppConfig['corsOrigins']) {
  return cors({
    // A list is matched exactly against the browser's Origin; another origin gets no Access-Control-Allow-Origin,
    // so its browser keeps the answer from the page. Requests without an Origin (not a browser) are not affected.
    origin: origins,
    methods: ['GET', 'POST'],
    allowedHeaders: [
      'authorization',
      'content-type',
      'apollo-require-preflight',
      'x-apollo-operation-name',
      'apollographql-client-name',
      'apollographql-client-version',
      // A client reading its own writes from a replica set-up sends back the write position it was given.
      'x-read-after',
    ],
    exposedHeaders: [
      'x-request-id',
      'ratelimit-policy',
      'ratelimit-limit',
      'ratelimit-remaining',
      'ratelimit-reset',
      'retry-after',
      'x-cache',
      'x-write-position',
      // The name a graph export is saved under.
      'content-disposition',
    ],
    credentials: false,
    // Chromium keeps a preflight at most two hours, Firefox one day: so a page asks once per session at most.
    maxAge: 7200,
  });
}

export interface AppOptions {
  orm: MikroORM;
  config: AppConfig;
  /** Where the app logs; by default a logger made from `config` (level, format) writing to stderr. */
  logger?: Logger;
}

export interface RunningApp {
  /** e.g. http://127.0.0.1:4000 */
  url: string;
  close(): Promise<void>;
}

export interface App {
  express: Express;
  httpServer: http.Server;
  /** What `/metrics` shows (absent with METRICS=false): a response cache registers its statistics here. */
  metrics?: Metrics;
  listen(port: number, host: string): Promise<RunningApp>;
}

/**
 * Everything `main.ts` and the tests share: the HTTP routes, the GraphQL server and the per-request context.
 * It owns no database: the caller passes the ORM in and closes it.
 */
export async function createApp({ orm, config, logger = createLogger(config) }: AppOptions): Promise<App> {
  const app = express();
  app.disable('x-powered-by');
  // Requests to the GraphQL endpoint go to it directly, the rest to express (see the end of this function).
  const httpServer = http.createServer();
  const limits = { maxPageSize: config.maxPageSize, defaultPageSize: config.defaultPageSize };
  const rateLimiter = RateLimiter.fromConfig(config, logger);
  await rateLimiter?.ready();
  const responseCache = ResponseCache.fromConfig(config, logger);
  await responseCache?.ready();
  // Behind a proxy, the client's address comes from X-Forwarded-For, but only from the proxies trusted here.
  app.set('trust proxy', config.trustProxy);
  // Who sent a request: the address express's `request.ip` gives, by the same trusted-proxy rule, on any route.
  const trustedProxy = app.get('trust proxy fn') as Parameters<typeof proxyAddress>[1];
  const clientAddress = (request: HttpRequest) => proxyAddress(request, trustedProxy);

  const persisted = persistedOperationsSetup<RequestContext>(config.persistedOperations);
  const apollo = new ApolloServer<RequestContext>({
    schema: await createSchema(),
    introspection: config.introspection,
    // Off, on purpose, so that urql's default set-up (queries by GET, no content type) works, and reads can stay
    // GETs, which HTTP caches can store. What CSRF prevention guards against cannot happen here: no request is authorised by
    // anything a browser attaches by itself (no cookies, no HTTP authentication; keys are bearer headers, which a
    // cross-site page can only send after a CORS preflight and only if it has the key); a GET can only read
    // (Apollo refuses a mutation by GET with 405), and reads are public; a POST must be JSON (requireJsonPost),
    // which a form cannot send. See README "How clients connect".
    csrfPrevention: false,
    includeStacktraceInErrorResponses: false,
    // Suggestions ("Did you mean …?") reveal schema shape to probes; keep them for development only.
    hideSchemaDetailsFromClientErrors: config.environment === 'production',
    formatError: errorFormatter(logger),
    validationRules: limitValidationRules(config),
    parseOptions: { maxTokens: config.maxTokens },
    persistedQueries: persisted.persistedQueries,
    // main.ts owns shutdown (it must also close the database after the server); Apollo must not race it.
    stopOnTerminationSignals: false,
    plugins: [
      // On shutdown, requests in flight get this long to finish before their connections are cut.
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: config.shutdownTimeoutMs }),
      ApolloServerPluginLandingPageDisabled(),
      // Apollo's cache-control plugin wraps every field's resolver to collect cache hints; no field declares one
      // (answers are cached whole, keyed by the request), so it would cost every field of every answer for nothing.
      ApolloServerPluginCacheControlDisabled(),
      costLimitPlugin(config, rateLimiter),
      ...persisted.plugins,
      textArgumentRulesPlugin(),
      requestLogPlugin(logger),
      errorRequestPlugin(),
      // A query reads of each record the columns its document selects (see read-columns.ts).
      readColumnsPlugin<RequestContext>(),
      ...(responseCache ? [responseCachePlugin<RequestContext>()] : []),
    ],
  });
  await apollo.start();

  const metrics = config.metrics ? new Metrics(() => [{ name: 'primary', pool: databasePool(orm) }]) : undefined;
  const requestScope = requestScopeMiddleware(logger, metrics?.observeRequest);
  const cors = corsMiddleware(config.corsOrigins) as Middleware;
  const caller = callerMiddleware(orm);
  const rateLimit = rateLimiter ? [rateLimitMiddleware(rateLimiter, identifyClient(clientAddress))] : [];

  const graphql = graphqlEndpoint({
    apollo,
    path: GRAPHQL_PATH,
    logger,
    maxBodyBytes: config.maxBodyBytes,
    steps: [
      requestScope,
      cors,
      jsonBody(config.maxBodyBytes),
      requireJsonPost,
      caller,
      ...rateLimit,
      // After the rate limit (a hit spends its budget too), before Apollo (a hit parses nothing).
      ...(responseCache ? [responseCache.middleware(logger, rateLimiter, sendAnswer)] : []),
    ],
    context: async (_request, response) =>
      createRequestContext(orm, limits, {
        scope: scopeOf(response),
        apiKey: response.locals.apiKey as () => Promise<ApiKey | null>,
        rateLimit: response.locals.rateLimit as RateLimitState | undefined,
        responseCache: response.locals.responseCache as ResponseCacheTicket | undefined,
      }),
  });

  app.use(requestScope);
  if (metrics) app.get('/metrics', metricsHandler(metrics, config.metricsToken));
  if (metrics && responseCache) metrics.registerResponseCache(responseCacheCounters);

  app.use([EXPORT_PATH, '/healthz', '/readyz'], cors);

  app.get('/healthz', (_request, response) => {
    response.json({ status: 'ok' });
  });

  app.get('/readyz', async (_request, response) => {
    const ready = await isDatabaseReachable(orm);
    if (!ready) response.setHeader('retry-after', String(RETRY_AFTER_SECONDS));
    response.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'database unreachable' });
  });

  app.use(createIdeRouter({ graphqlPath: GRAPHQL_PATH, examples: ideExamples, title: 'MCE graph' }));
  app.use(createExploreRouter());

  // The relationship graph as files (GraphML, GEXF, CSV, JSON): on the caller's budget, like a query.
  app.use(EXPORT_PATH, caller, ...rateLimit, createExportRouter({ orm, rateLimiter, logger }));

  // Anything else: a JSON 404 like every other refusal, pointing at what is here.
  app.use((request: Request, response: Response) => {
    logRefusedRequest(response, logger, 404, ErrorCode.NOT_FOUND);
    const served = [GRAPHQL_PATH, '/healthz', '/readyz', ...(metrics ? ['/metrics'] : [])];
    sendJson(response, 404, errorResponseBody(new RouteNotFoundError(request.method, request.path, served)));
  });

  // Errors in a route get a GraphQL-shaped answer: never express's default page, which shows a stack trace.
  app.use((error: HttpError, _request: Request, response: Response, next: NextFunction) => {
    if (response.headersSent) return next(error);
    refuseFailedRequest(error, response, logger, config.maxBodyBytes);
  });

  httpServer.on('request', (request: http.IncomingMessage, response: http.ServerResponse) => {
    if (isGraphqlPath(request.url) && !wantsIdePage(request)) graphql(request, response);
    else void app(request, response);
  });

  // What Node refuses before express sees it (headers or URL too large, malformed HTTP) gets a JSON answer too.
  httpServer.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const [status, message] =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'The request headers are too large (a long URL counts): send the query in a POST body.']
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? [408, 'The request took too long to arrive.']
          : [400, 'The request is not valid HTTP.'];
    const body = JSON.stringify(errorResponseBody(new BadRequestError(message)));
    socket.end(
      `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });

  return {
    express: app,
    httpServer,
    metrics,
    listen: (port, host) =>
      new Promise<RunningApp>((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          const address = httpServer.address() as AddressInfo;
          const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
          resolve({
            url: `http://${shownHost}:${address.port}`,
            close: async () => {
              await apollo.stop();
              await rateLimiter?.close();
              await responseCache?.close();
            },
          });
        });
      }),
  };
}

/** Makes the caller's API key available (looked up only when asked for, see callerLookup) to what follows. */
function callerMiddleware(orm: MikroORM): Middleware {
  return (request, response, next) => {
    response.locals.apiKey = callerLookup(orm, request.headers.authorization);
    next();
  };
}

/** Whose rate-limit budget a request spends: its API key's when it sent a valid one, else its address's. */
function identifyClient(clientAddress: (request: HttpRequest) => string) {
  return async (request: HttpRequest, response: HttpResponse): Promise<string> => {
    const lookup = response.locals.apiKey as () => Promise<ApiKey | null>;
    const apiKey = await lookup().catch(() => null);
    return apiKey ? `key:${apiKey.id}` : `address:${clientAddress(request)}`;
  };
}

/** `/graphql`, with or without a query string, and what lies under it (as express's `app.use` matched it). */
function isGraphqlPath(url: string | undefined): boolean {
  const path = (url ?? '').split('?', 1)[0];
  return path === GRAPHQL_PATH || path.startsWith(`${GRAPHQL_PATH}/`);
}

/** The ORM's connection pool (knex's tarn pool), or undefined before the first connection made it. */
function databasePool(orm: MikroORM): ConnectionPool | undefined {
  return (orm.em.getConnection().getKnex().client as { pool?: ConnectionPool }).pool;
}

/** A trivial query with a short deadline: readiness must answer quickly even when the database hangs. */
async function isDatabaseReachable(orm: MikroORM): Promise<boolean> {
  const deadline = new Promise<false>((resolve) => setTimeout(resolve, 1000, false).unref());
  const probe = orm.em
    .getConnection()
    .execute('select 1')
    .then(() => true)
    .catch(() => false);
  return Promise.race([probe, deadline]);
}
