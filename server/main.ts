// First: tracing, when it is on, must be running before the modules it instruments load.
import { stopTracing } from './tracing';
import 'reflect-metadata';
import cluster from 'node:cluster';
import type http from 'node:http';
import net from 'node:net';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { createApp, GRAPHQL_PATH } from './app';
import { EXPLORE_PATH } from './explore/explore.router';
import { createLogger } from './common/logger';
import { ConfigError, loadConfig, type AppConfig } from './config';
import { DataDirInUseError } from './database/data-dir-lock';
import { openDatabase } from './database/database';
import { initOrm } from './database/orm';
import { prepareDatabase } from './database/prepare';
import { superviseWorkers, WORKER_CUT, WORKER_STOP, type PreparedDatabase } from './workers';

/**
 * Beyond the grace period for requests, how long closing the database may take before the process gives up
 * waiting and exits anyway (with code 1: something hung).
 */
const CLOSE_BUDGET_MS = 5000;
/**
 * On a signal, how long connections accepted before it may take to deliver their first request (clients that
 * connected and sent a request just before the signal must be answered, not reset).
 */
const SETTLE_MS = 1000;
/**
 * A worker's listener is the primary's: the primary accepts each connection and hands it over by message. On a
 * stop, the connections it accepted just before are still on their way (behind the stop message, when the worker
 * was busy): the worker keeps taking them this long before it stops listening.
 */
const HANDOVER_MS = 200;

/**
 * Start-up only: configuration, then either one process that serves (WORKERS=1), or a primary that prepares the
 * database once and supervises WORKERS processes that serve on the same port (server/workers.ts).
 */
async function main(): Promise<void> {
  const config = loadConfig();
  if (config.workers === 1) return serve(config, { role: 'alone' });
  if (cluster.isPrimary) return superviseWorkers(config, { prepare: () => prepareOnce(config), announce });
  return serve(config, { role: 'worker' });
}

/** What the primary does before forking: migrations and the first seeding, once for all the workers. */
async function prepareOnce(config: AppConfig): Promise<PreparedDatabase> {
  const logger = createLogger(config);
  const database = await openDatabase(config);
  const orm = await initOrm(database, logger);
  try {
    const { seeded } = await prepareDatabase(orm, { seed: config.seedOnStart });
    return { description: database.description, seeded };
  } finally {
    await orm.close(true);
    await database.close();
  }
}

/**
 * Database, app, listen; and a clean, bounded stop on SIGTERM / SIGINT. A process serving alone prepares the
 * database itself and prints where it listens; a worker leaves both to the primary, says which process answered
 * each request (the `x-worker-pid` header), and stops when the primary tells it to (or goes away).
 */
async function serve(config: AppConfig, { role }: { role: 'alone' | 'worker' }): Promise<void> {
  const logger = createLogger(config);
  const database = await openDatabase(config);
  const orm = await initOrm(database, logger);
  const { seeded } = role === 'alone' ? await prepareDatabase(orm, { seed: config.seedOnStart }) : { seeded: false };
  const app = await createApp({ orm, config, logger });

  // Requests the server has begun and not yet answered: what a shutdown waits for. And connections accepted
  // whose first request has not been read yet: the shutdown lets them deliver it before it closes idle ones.
  const unread = new Set<net.Socket>();
  app.httpServer.on('connection', (socket: net.Socket) => {
    unread.add(socket);
    socket.once('close', () => unread.delete(socket));
  });
  if (role === 'worker') {
    // Before the app's own listener, which may answer at once.
    app.httpServer.prependListener('request', (_request, response: http.ServerResponse) =>
      response.setHeader('x-worker-pid', String(process.pid)),
    );
  }
  const inFlight = new Set<http.ServerResponse>();
  let stopping = false;
  app.httpServer.on('request', (request, response) => {
    unread.delete(request.socket);
    inFlight.add(response);
    response.once('close', () => inFlight.delete(response));
    if (stopping) closeAfterAnswer(response);
  });

  const running = await app.listen(config.port, config.host);
  if (role === 'alone') announce(running.url, { description: database.description, seeded });

  /**
   * First signal: stop listening (new connections are refused; connections already accepted get up to
   * SETTLE_MS to deliver their request), let the requests in flight finish for up to SHUTDOWN_TIMEOUT_MS (then
   * their connections are cut), close the database pool and the embedded engine, exit 0. A second signal cuts
   * the remaining connections at once and finishes the same way. Should closing itself hang, the process exits
   * 1 after a further CLOSE_BUDGET_MS.
   */
  let cut = false;
  const stop = async (signal: string) => {
    if (stopping) {
      console.log(`${signal} received again: cutting ${inFlight.size} request(s) still in flight.`);
      cut = true;
      app.httpServer.closeAllConnections();
      return;
    }
    stopping = true;
    for (const response of inFlight) closeAfterAnswer(response);
    console.log(`${signal} received: refusing new connections and shutting down.`);
    const graceEndsAt = Date.now() + config.shutdownTimeoutMs;
    setTimeout(() => {
      console.error(`Shutdown did not finish within ${config.shutdownTimeoutMs + CLOSE_BUDGET_MS} ms; exiting.`);
      process.exit(1);
    }, config.shutdownTimeoutMs + CLOSE_BUDGET_MS).unref();
    try {
      // Accept what is already queued (one full turn of the event loop, through its I/O phase), then close only
      // the listener: unlike http.Server#close it leaves connections alone, so those whose request is still on
      // its way are not reset.
      await new Promise((resolve) => setTimeout(resolve, role === 'worker' ? HANDOVER_MS : 0));
      await nextTurn();
      net.Server.prototype.close.call(app.httpServer);
      const settleUntil = Math.min(Date.now() + SETTLE_MS, graceEndsAt);
      while (unread.size > 0 && Date.now() < settleUntil) await sleep(10);
      // Idle keep-alive connections would carry new requests: end them (busy ones close after their answer).
      app.httpServer.closeIdleConnections();
      // Wait here for the requests in flight: Apollo's drain waits on http.Server#close, which returns at once
      // now that the listener is closed, so it would let the database close under them.
      console.log(`Finishing ${inFlight.size} request(s) in flight (at most ${config.shutdownTimeoutMs} ms).`);
      while (inFlight.size > 0 && !cut && Date.now() < graceEndsAt) await sleep(10);
      if (inFlight.size > 0) {
        console.log(`Grace period over: cutting ${inFlight.size} request(s) still in flight.`);
        app.httpServer.closeAllConnections();
      }
      // Ends the idle keep-alive connections and stops Apollo.
      await running.close();
      await orm.close(true);
      await database.close();
      await stopTracing();
      console.log('Stopped.');
      process.exit(0);
    } catch (error) {
      console.error(`Shutdown failed: ${describe(error)}`);
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  if (role === 'worker') {
    // The primary's orders, by message rather than by signal: a Ctrl-C in a terminal signals the whole process
    // group, and the primary's forwarded signal would then count as a second one and cut requests. A worker whose
    // primary has gone (killed outright) stops as on a signal, rather than serve on unsupervised.
    process.on('message', (message: unknown) => {
      if (message === WORKER_STOP && !stopping) void stop('Stop message from the primary');
      if (message === WORKER_CUT) void stop('Second stop message from the primary');
    });
    process.on('disconnect', () => {
      if (!stopping) void stop('Primary gone');
    });
  }
}

/** Where the server listens and what it serves, once, when it is ready. */
function announce(url: string, { description, seeded }: PreparedDatabase): void {
  console.log(`MCE graph API   ${url}${GRAPHQL_PATH}`);
  console.log(`GraphQL IDE     ${url}${GRAPHQL_PATH} (open in a browser)`);
  console.log(`Explorer        ${url}${EXPLORE_PATH} (the network, drawn)`);
  console.log(`Health          ${url}/healthz, ${url}/readyz`);
  console.log(`Database        ${description}${seeded ? ', seeded with the MCE dataset' : ''}`);
}

main().catch((error: unknown) => {
  // Configuration mistakes, and a data folder another process owns, are the user's to fix: one line saying what
  // to change, no stack trace. (Exiting also removes this process's lock on the folder, if it took one.)
  const forTheUser = error instanceof ConfigError || error instanceof DataDirInUseError;
  console.error(forTheUser ? error.message : `Start-up failed: ${describe(error)}`);
  process.exit(1);
});

/** Once stopping, a keep-alive connection closes after its answer, so that no new request follows on it. */
function closeAfterAnswer(response: http.ServerResponse): void {
  if (!response.headersSent) response.setHeader('connection', 'close');
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
