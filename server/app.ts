import 'reflect-metadata';
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import type { MikroORM } from '@mikro-orm/postgresql';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { AppConfig } from './config';
import { formatError, requestScope } from './common/format-error';
import { costLimitPlugin, limitValidationRules } from './common/limits';
import { RETRY_AFTER_SECONDS, requestLogPlugin } from './common/request-log';
import { logger } from './common/logger';
import { callerLookup, createRequestContext, type RequestContext } from './context';
import { persistedOperationsSetup } from './common/persisted-operations';
import { RateLimiter, rateLimitMiddleware, type RateLimitState } from './common/rate-limit';
import type { ApiKey } from './modules/access/access.entity';
import { createIdeRouter } from './ide/ide.router';
import { ideExamples } from './ide/examples';
import { createSchema } from './schema';

export const GRAPHQL_PATH = '/graphql';

type HttpError = Error & { status?: number };

export interface AppOptions {
  orm: MikroORM;
  config: AppConfig;
}

export interface RunningApp {
  /** e.g. http://127.0.0.1:4000 */
  url: string;
  close(): Promise<void>;
}

export interface App {
  express: Express;
  httpServer: http.Server;
  listen(port: number, host: string): Promise<RunningApp>;
}

/**
 * Everything `main.ts` and the tests share: the HTTP routes, the GraphQL server and the per-request context.
 * It owns no database: the caller passes the ORM in and closes it.
 */
export async function createApp({ orm, config }: AppOptions): Promise<App> {
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  const limits = { maxPageSize: config.maxPageSize, defaultPageSize: config.defaultPageSize };
  const rateLimiter = RateLimiter.fromConfig(config);
  await rateLimiter?.ready();
  // Behind a proxy, the client's address comes from X-Forwarded-For, but only from the proxies trusted here.
  app.set('trust proxy', config.trustProxy);

  const persisted = persistedOperationsSetup<RequestContext>(config.persistedOperations);
  const apollo = new ApolloServer<RequestContext>({
    schema: await createSchema(),
    introspection: config.introspection,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    // Suggestions ("Did you mean …?") reveal schema shape to probes; keep them for development only.
    hideSchemaDetailsFromClientErrors: config.environment === 'production',
    formatError,
    validationRules: limitValidationRules(config),
    parseOptions: { maxTokens: config.maxTokens },
    persistedQueries: persisted.persistedQueries,
    // main.ts owns shutdown (it must also close the database after the server); Apollo must not race it.
    stopOnTerminationSignals: false,
    plugins: [
      // On shutdown, requests in flight get this long to finish before their connections are cut.
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: config.shutdownTimeoutMs }),
      ApolloServerPluginLandingPageDisabled(),
      costLimitPlugin(config, rateLimiter),
      ...persisted.plugins,
      requestLogPlugin(),
    ],
  });
  await apollo.start();

  // Every request gets an id, echoed in a header and in masked errors, and used in the logs.
  app.use((request, response, next) => {
    const requestId = randomUUID();
    response.setHeader('x-request-id', requestId);
    requestScope.run({ requestId }, next);
  });

  app.get('/healthz', (_request, response) => {
    response.json({ status: 'ok' });
  });

  app.get('/readyz', async (_request, response) => {
    const ready = await isDatabaseReachable(orm);
    if (!ready) response.setHeader('retry-after', String(RETRY_AFTER_SECONDS));
    response.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'database unreachable' });
  });

  app.use(createIdeRouter({ graphqlPath: GRAPHQL_PATH, examples: ideExamples, title: 'MCE graph' }));

  app.use(
    GRAPHQL_PATH,
    express.json({ limit: config.maxBodyBytes }),
    (request: Request, response: Response, next: NextFunction) => {
      response.locals.apiKey = callerLookup(orm, request.headers.authorization);
      next();
    },
    ...(rateLimiter ? [rateLimitMiddleware(rateLimiter, identifyClient)] : []),
    expressMiddleware(apollo, {
      context: async ({ res }) =>
        createRequestContext(orm, limits, {
          requestId: requestScope.getStore()?.requestId,
          apiKey: res.locals.apiKey as () => Promise<ApiKey | null>,
          rateLimit: res.locals.rateLimit as RateLimitState | undefined,
        }),
    }),
  );

  // Errors raised before GraphQL runs (a body that is not JSON, or too large) get a GraphQL-shaped answer:
  // never express's default page, which shows a stack trace.
  app.use((error: HttpError, _request: Request, response: Response, next: NextFunction) => {
    if (response.headersSent) return next(error);
    const status = typeof error.status === 'number' && error.status >= 400 && error.status < 500 ? error.status : 500;
    const message =
      status === 413
        ? `The request body is too large (at most ${config.maxBodyBytes} bytes: MAX_BODY_BYTES).`
        : status < 500
          ? 'The request body is not valid JSON.'
          : 'Internal server error';
    if (status === 500) logger.error('unexpected HTTP error', { requestId: requestScope.getStore()?.requestId, error: String(error) });
    response.status(status).json({
      errors: [{ message, extensions: { code: status < 500 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR' } }],
    });
  });

  return {
    express: app,
    httpServer,
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
            },
          });
        });
      }),
  };
}

/** Whose rate-limit budget a request spends: its API key's when it sent a valid one, else its address's. */
async function identifyClient(request: Request, response: Response): Promise<string> {
  const lookup = response.locals.apiKey as () => Promise<ApiKey | null>;
  const apiKey = await lookup().catch(() => null);
  return apiKey ? `key:${apiKey.id}` : `address:${request.ip ?? request.socket.remoteAddress ?? 'unknown'}`;
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
