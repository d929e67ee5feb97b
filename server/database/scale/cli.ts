import { parseArgs } from 'node:util';
import { SingleBar } from 'cli-progress';
import { DEFAULT_SEED, MAX_FACTOR, scaleDatabase, type ScaleProgress, type ScaleTarget } from './index';

/** `db:scale`'s arguments: `--factor N` (required) and `--seed S`. */
export interface ScaleArguments {
  factor: number;
  seed: number;
}

const USAGE = `Usage: npm run db:scale -- --factor N [--seed S]   (N from 1 to ${MAX_FACTOR}; S a whole number, ${DEFAULT_SEED} by default)`;

export function parseScaleArguments(args: string[]): ScaleArguments {
  let values: { factor?: string; seed?: string };
  try {
    ({ values } = parseArgs({
      args,
      options: { factor: { type: 'string' }, seed: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${USAGE}`);
  }
  if (values.factor === undefined) throw new Error(`--factor is required.\n${USAGE}`);
  const factor = Number(values.factor);
  if (!/^\d+(\.\d+)?$/.test(values.factor) || factor < 1 || factor > MAX_FACTOR) {
    throw new Error(`--factor must be a number from 1 to ${MAX_FACTOR} (got "${values.factor}").\n${USAGE}`);
  }
  const seed = values.seed === undefined ? DEFAULT_SEED : Number(values.seed);
  if (values.seed !== undefined && !/^\d+$/.test(values.seed))
    throw new Error(`--seed must be a whole number (got "${values.seed}").\n${USAGE}`);
  if (!Number.isSafeInteger(seed)) throw new Error(`--seed is too large (got "${values.seed}").\n${USAGE}`);
  return { factor, seed };
}

/**
 * Runs db:scale with a progress bar on a terminal, or a line per table elsewhere (logs, CI), and a closing line
 * with what it did and how long it took.
 */
export async function runScale(
  target: ScaleTarget,
  { factor, seed }: ScaleArguments,
  description: string,
): Promise<void> {
  const started = process.hrtime.bigint();
  const report = process.stderr.isTTY ? progressBar() : progressLines();
  let result;
  try {
    result = await scaleDatabase(target, { factor, seed, onProgress: report.update });
  } finally {
    report.stop();
  }
  const seconds = (Number(process.hrtime.bigint() - started) / 1e9).toFixed(1);
  if (result.status === 'already-scaled') {
    process.stdout.write(
      `Already scaled ×${factor} with seed ${seed} (${result.rows} generated rows); nothing to do on ${description}.\n`,
    );
    return;
  }
  const tables = Object.entries(result.counts)
    .map(([table, count]) => `${table} ${count}`)
    .join(', ');
  process.stdout.write(
    `Scaled ×${factor} with seed ${seed}: ${result.rows} rows in ${seconds} s on ${description} (${tables}); source "${result.sourceFileName}".\n`,
  );
}

interface ProgressReport {
  update(progress: ScaleProgress): void;
  stop(): void;
}

function progressBar(): ProgressReport {
  const bar = new SingleBar({
    format: 'db:scale [{bar}] {percentage}% | {value}/{total} rows | {table}',
    hideCursor: true,
    stream: process.stderr,
  });
  let started = false;
  return {
    update({ table, written, total }) {
      if (!started) {
        bar.start(total, 0, { table });
        started = true;
      }
      bar.update(written, { table });
    },
    stop: () => bar.stop(),
  };
}

/** A line each time a table is finished. */
function progressLines(): ProgressReport {
  let current: string | undefined;
  let last: ScaleProgress | undefined;
  const finish = () => {
    if (last) process.stderr.write(`db:scale: ${last.table} written (${last.written}/${last.total} rows)\n`);
  };
  return {
    update(progress) {
      if (current !== undefined && progress.table !== current) finish();
      current = progress.table;
      last = progress;
    },
    stop: finish,
  };
}
