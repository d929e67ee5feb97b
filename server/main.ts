import 'reflect-metadata';
import net from 'node:net';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { createApp, GRAPHQL_PATH } from './app';
import { ConfigError, loadConfig } from './config';
import { openDatabase } from './database/database';
import { initOrm } from './database/orm';
import { prepareDatabase } from './database/prepare';

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

/** Start-up only: configuration, database, app, listen; and a clean, bounded stop on SIGTERM / SIGINT. */
async function main(): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase(config);
  const orm = await initOrm(database);
  const { seeded } = await prepareDatabase(orm, { seed: config.seedOnStart });
  const app = await createApp({ orm, config });

  // Requests the server has begun and not yet answered: what a shutdown waits for. And connections accepted
  // whose first request has not been read yet: the shutdown lets them deliver it before it closes idle ones.
  let inFlight = 0;
  const unread = new Set<net.Socket>();
  app.httpServer.on('connection', (socket: net.Socket) => {
    unread.add(socket);
    socket.once('close', () => unread.delete(socket));
  });
  app.httpServer.on('request', (request, response) => {
    unread.delete(request.socket);
    inFlight += 1;
    response.once('close', () => (inFlight -= 1));
  });

  const running = await app.listen(config.port, config.host);

  console.log(`MCE graph API   ${running.url}${GRAPHQL_PATH}`);
  console.log(`GraphQL IDE     ${running.url}${GRAPHQL_PATH} (open in a browser)`);
  console.log(`Health          ${running.url}/healthz, ${running.url}/readyz`);
  console.log(`Database        ${database.description}${seeded ? ', seeded with the MCE dataset' : ''}`);

  /**
   * First signal: stop listening (new connections are refused; connections already accepted get up to
   * SETTLE_MS to deliver their request), let the requests in flight finish for up to SHUTDOWN_TIMEOUT_MS (then
   * their connections are cut), close the database pool and the embedded engine, exit 0. A second signal cuts
   * the remaining connections at once and finishes the same way. Should closing itself hang, the process exits
   * 1 after a further CLOSE_BUDGET_MS.
   */
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      console.log(`${signal} received again: cutting ${inFlight} request(s) still in flight.`);
      app.httpServer.closeAllConnections();
      return;
    }
    stopping = true;
    console.log(`${signal} received: refusing new connections and shutting down.`);
    setTimeout(() => {
      if (inFlight > 0) console.log(`Grace period over: cutting ${inFlight} request(s) still in flight.`);
    }, config.shutdownTimeoutMs).unref();
    setTimeout(() => {
      console.error(`Shutdown did not finish within ${config.shutdownTimeoutMs + CLOSE_BUDGET_MS} ms; exiting.`);
      process.exit(1);
    }, config.shutdownTimeoutMs + CLOSE_BUDGET_MS).unref();
    try {
      // Accept what is already queued (one full turn of the event loop, through its I/O phase), then close only
      // the listener: unlike http.Server#close it leaves connections alone, so those whose request is still on
      // its way are not reset.
      await new Promise((resolve) => setTimeout(resolve, 0));
      await nextTurn();
      net.Server.prototype.close.call(app.httpServer);
      const settleUntil = Date.now() + Math.min(SETTLE_MS, config.shutdownTimeoutMs);
      while (unread.size > 0 && Date.now() < settleUntil) await new Promise((resolve) => setTimeout(resolve, 10));
      console.log(`Finishing ${inFlight} request(s) in flight (at most ${config.shutdownTimeoutMs} ms).`);
      // Apollo's drain: closes idle connections, waits for requests in flight, cuts them at SHUTDOWN_TIMEOUT_MS.
      await running.close();
      await orm.close(true);
      await database.close();
      console.log('Stopped.');
      process.exit(0);
    } catch (error) {
      console.error(`Shutdown failed: ${describe(error)}`);
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  // Configuration mistakes are the user's to fix: one line naming the variable, no stack trace.
  console.error(error instanceof ConfigError ? error.message : `Start-up failed: ${describe(error)}`);
  process.exit(1);
});

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
