import cluster, { type Worker } from 'node:cluster';
import type { AddressInfo } from 'node:net';
import type { AppConfig } from './config';

/** The primary's orders to its workers (IPC messages): finish what is in flight and stop; then, cut it short. */
export const WORKER_STOP = 'mce:stop';
export const WORKER_CUT = 'mce:cut';

/** What the primary learnt preparing the database, for the start-up lines. */
export interface PreparedDatabase {
  /** Human-readable, without credentials. */
  description: string;
  seeded: boolean;
}

/** A worker that dies sooner than this after its start is crashing again and again: each restart waits longer. */
const STABLE_AFTER_MS = 10_000;
const FIRST_RESTART_DELAY_MS = 100;
const MAX_RESTART_DELAY_MS = 30_000;
/**
 * Beyond SHUTDOWN_TIMEOUT_MS, how long the primary waits for stopping workers before it kills them: more than a
 * worker's own bound (it exits by itself once closing the database has taken 5 s), so a worker that keeps its
 * word is never killed.
 */
const STOP_MARGIN_MS = 10_000;

/**
 * The primary of WORKERS processes serving on one port. Node's cluster shares the listening socket: the primary
 * accepts connections and hands them to the workers in turn. The primary prepares the database once (migrations,
 * first seeding) before any worker starts, serves nothing itself, and holds no database connection while the
 * workers run.
 *
 * A worker that dies unexpectedly is replaced, after a delay that doubles (up to 30 s) while replacements keep
 * dying within 10 s of their start. A worker that fails before all of them have started once is a start-up
 * failure (a bad DATABASE_URL, say): every worker is stopped and the primary exits 1 instead of retrying forever.
 *
 * SIGTERM / SIGINT: each worker is told to stop as a lone server stops (stop listening, finish the requests in
 * flight, close the database); the primary exits when all have, 0 if every one stopped cleanly. A second signal
 * tells them to cut what is left.
 */
export async function superviseWorkers(
  config: AppConfig,
  {
    prepare,
    announce,
  }: { prepare: () => Promise<PreparedDatabase>; announce: (url: string, prepared: PreparedDatabase) => void },
): Promise<void> {
  const prepared = await prepare();

  const startedAt = new Map<Worker, number>();
  const listening = new Set<Worker>();
  const restarts = new Set<NodeJS.Timeout>();
  let allStarted = false;
  let restartDelayMs = FIRST_RESTART_DELAY_MS;
  let stopping = false;
  let uncleanStops = 0;

  const start = () => startedAt.set(cluster.fork(), Date.now());

  cluster.on('listening', (worker, address: AddressInfo & { addressType?: number | string }) => {
    listening.add(worker);
    if (allStarted) {
      console.log(`Worker ${worker.process.pid} is serving.`);
      return;
    }
    if (listening.size < config.workers) return;
    allStarted = true;
    const host = String(address.addressType) === '6' ? `[${address.address}]` : address.address;
    announce(`http://${host}:${address.port}`, prepared);
    console.log(
      `Workers         ${config.workers} processes (${[...listening].map((each) => each.process.pid).join(', ')})`,
    );
  });

  cluster.on('exit', (worker, code, signal) => {
    const lived = Date.now() - (startedAt.get(worker) ?? Date.now());
    startedAt.delete(worker);
    listening.delete(worker);
    const how = signal ? `on ${signal}` : `with code ${code}`;
    if (stopping) {
      if (code !== 0) uncleanStops += 1;
      if (startedAt.size === 0) finish();
      return;
    }
    if (!allStarted) {
      console.error(
        `Worker ${worker.process.pid} exited ${how} before all ${config.workers} workers had started; stopping.`,
      );
      uncleanStops += 1;
      void stopAll('Start-up failure');
      return;
    }
    restartDelayMs = lived >= STABLE_AFTER_MS ? FIRST_RESTART_DELAY_MS : restartDelayMs;
    console.error(`Worker ${worker.process.pid} exited unexpectedly ${how}; starting another in ${restartDelayMs} ms.`);
    const restart = setTimeout(() => {
      restarts.delete(restart);
      start();
    }, restartDelayMs);
    restarts.add(restart);
    restartDelayMs = Math.min(restartDelayMs * 2, MAX_RESTART_DELAY_MS);
  });

  async function stopAll(reason: string): Promise<void> {
    if (stopping) {
      console.log(`${reason} again: telling ${startedAt.size} worker(s) to cut the requests still in flight.`);
      tellWorkers(WORKER_CUT);
      return;
    }
    stopping = true;
    for (const restart of restarts) clearTimeout(restart);
    restarts.clear();
    if (startedAt.size === 0) return finish();
    console.log(`${reason}: stopping ${startedAt.size} worker(s).`);
    // Connections that arrived before the signal: accepted (one full turn of the event loop, through its I/O
    // phase) and handed to a worker ahead of the stop, rather than left to the closing listener.
    await new Promise((resolve) => setTimeout(resolve, 0));
    await new Promise((resolve) => setImmediate(resolve));
    tellWorkers(WORKER_STOP);
    setTimeout(() => {
      console.error(`Workers did not stop within ${config.shutdownTimeoutMs + STOP_MARGIN_MS} ms; killing them.`);
      for (const worker of startedAt.keys()) worker.process.kill('SIGKILL');
      process.exit(1);
    }, config.shutdownTimeoutMs + STOP_MARGIN_MS).unref();
  }

  function tellWorkers(message: string): void {
    for (const worker of startedAt.keys()) if (worker.isConnected()) worker.send(message);
  }

  function finish(): never {
    console.log(uncleanStops === 0 ? 'All workers stopped.' : `${uncleanStops} worker(s) did not stop cleanly.`);
    process.exit(uncleanStops === 0 && allStarted ? 0 : 1);
  }

  process.on('SIGTERM', () => void stopAll('SIGTERM received'));
  process.on('SIGINT', () => void stopAll('SIGINT received'));
  for (let index = 0; index < config.workers; index++) start();
}
