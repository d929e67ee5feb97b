/** Text reports of the benchmarks: number formats, fixed-width tables, and the machine they ran on. */
import os from 'node:os';

/** `value` with `digits` decimals, or `-` when it is not a finite number. */
export const fixed = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '-');

/** `value` with two decimals and its sign, e.g. `+0.25`. */
export const signed = (value: number) => `${value >= 0 ? '+' : ''}${fixed(value, 2)}`;

export interface Column {
  header: string;
  width: number;
}

/** The header and rows, two spaces apart, the first column aligned left and the others right. */
export function table(columns: Column[], rows: string[][]): string {
  const line = (cells: string[]) =>
    cells
      .map((cell, index) => (index === 0 ? cell.padEnd(columns[index].width) : cell.padStart(columns[index].width)))
      .join('  ');
  return [line(columns.map((column) => column.header)), ...rows.map(line)].join('\n');
}

export interface Machine {
  cores: number;
  cpu?: string;
  memoryGiB: number;
  node: string;
  platform: string;
}

export function machine(): Machine {
  return {
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model.trim(),
    memoryGiB: os.totalmem() / 1024 ** 3,
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
}

/** e.g. `2 cores (Intel Xeon …), 24 GiB, Node v20.20.2, linux 6.1.0` */
export function describeMachine(described: Machine = machine()): string {
  return `${described.cores} cores (${described.cpu ?? 'unknown CPU'}), ${fixed(described.memoryGiB, 0)} GiB, Node ${described.node}, ${described.platform}`;
}
