/**
 * Command-line options of the benchmarks: whole numbers checked against their range, free strings, and a usage
 * line shown for `--help` (exit 0) and after any bad value (exit 2).
 */
import { parseArgs } from 'node:util';

export interface WholeNumberOption {
  default: number;
  min: number;
  max: number;
}

export type ParsedOptions<W extends string, S extends string> = Record<W, number> & Partial<Record<S, string>>;

export function parseOptions<W extends string, S extends string = never>(
  usage: string,
  wholeNumbers: Record<W, WholeNumberOption>,
  strings: readonly S[] = [],
  args: string[] = process.argv.slice(2),
): ParsedOptions<W, S> {
  const names = Object.keys(wholeNumbers) as W[];
  const spec: Record<string, { type: 'string' } | { type: 'boolean'; short: string }> = {
    help: { type: 'boolean', short: 'h' },
  };
  for (const name of [...names, ...strings]) spec[name] = { type: 'string' };
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args, options: spec }));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
    process.exit(2);
  }
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const parsed: Record<string, number | string | undefined> = {};
  for (const name of names) {
    const { default: fallback, min, max } = wholeNumbers[name];
    const raw = values[name];
    if (typeof raw !== 'string') {
      parsed[name] = fallback;
      continue;
    }
    const value = Number(raw);
    if (raw.trim() === '' || !Number.isInteger(value) || value < min || value > max) {
      console.error(`--${name} must be a whole number from ${min} to ${max} (got "${raw}")\n${usage}`);
      process.exit(2);
    }
    parsed[name] = value;
  }
  for (const name of strings) parsed[name] = values[name] as string | undefined;
  return parsed as ParsedOptions<W, S>;
}
