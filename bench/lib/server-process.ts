/**
 * A server under benchmark, run as a child process on loopback: started, waited for, its log lines kept, its CPU
 * time and RSS read, and stopped (SIGTERM, then SIGKILL).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

export interface ServerProcessOptions {
  /** Shown in front of its log lines, e.g. `server`. */
  label: string;
  /** Run directly, not through a shell or npx, so that `child.pid` is the server itself (for {@link processUsage}). */
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Ready when this holds for its start-up output (stdout and stderr so far), or once `url` answers 2xx. */
  readyWhen: { output: (startup: string) => boolean } | { url: string };
  /** Default 90 s. */
  readyTimeoutMs?: number;
  /** Opens an IPC channel (`child.send` / `'message'`), e.g. for a preloaded probe. */
  ipc?: boolean;
  /** How many of its log lines after start-up are echoed to the bench's stderr (all are kept). Default 5. */
  echoLines?: number;
}

export interface LogLine {
  /** Whether it came while the server was serving or after the bench asked it to stop. */
  phase: 'load' | 'shutdown';
  line: string;
}

export interface StopResult {
  code: number | null;
  signal: string | null;
  seconds: number;
}

export interface ServerProcess {
  child: ChildProcess;
  /** Everything it printed (stdout and stderr) until it was ready. */
  startup: string;
  /** Its stderr lines after start-up. */
  logLines: LogLine[];
  /** SIGTERM, then SIGKILL after `graceMs` (default 20 s) for the clean shutdown; resolves once it has exited. */
  stop(graceMs?: number): Promise<StopResult>;
}

/**
 * Spawns the server. It is returned at once, so that the caller can stop it on every path (a Ctrl-C during
 * start-up included); `ready` resolves once it is ready and rejects, with its start-up output, if it exits
 * first or does not get ready in time.
 */
export function startServerProcess(options: ServerProcessOptions): { server: ServerProcess; ready: Promise<void> } {
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe', ...(options.ipc ? (['ipc'] as const) : [])],
    // Its own process group: a Ctrl-C in the terminal reaches only the bench, which then sends one SIGTERM.
    detached: true,
  });
  let stopping = false;
  let started = false;
  const echoLines = options.echoLines ?? 5;
  const server: ServerProcess = { child, startup: '', logLines: [], stop: (graceMs) => stop(graceMs) };

  let onStartupOutput = () => {};
  child.stdout?.on('data', (chunk: Buffer) => {
    if (started) return;
    server.startup += chunk.toString();
    onStartupOutput();
  });
  // Past start-up, stderr carries the server's log lines: each is kept, the first few shown.
  let pending = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    if (!started) {
      server.startup += chunk.toString();
      onStartupOutput();
      return;
    }
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines.filter((text) => text.trim() !== '')) {
      server.logLines.push({ phase: stopping ? 'shutdown' : 'load', line });
      if (server.logLines.length <= echoLines)
        console.error(`[${options.label}] ${line.length > 300 ? `${line.slice(0, 300)} …` : line}`);
    }
  });

  const ready = new Promise<void>((resolve, reject) => {
    let poller: NodeJS.Timeout | undefined;
    const finish = (error?: Error) => {
      if (started) return;
      started = true;
      clearTimeout(timer);
      clearTimeout(poller);
      child.removeListener('exit', onExit);
      if (error) reject(new Error(`${error.message}\n${server.startup.trim()}`));
      else resolve();
    };
    const seconds = (options.readyTimeoutMs ?? 90_000) / 1000;
    const timer = setTimeout(
      () => finish(new Error(`${options.label} did not get ready within ${seconds} s`)),
      seconds * 1000,
    );
    const onExit = (code: number | null, signal: string | null) =>
      finish(new Error(`${options.label} exited during start-up (${signal ?? `code ${code}`})`));
    child.once('exit', onExit);
    child.once('error', (error) => finish(error));

    const readyWhen = options.readyWhen;
    if ('output' in readyWhen) {
      onStartupOutput = () => {
        if (readyWhen.output(server.startup)) finish();
      };
    } else {
      const poll = () => {
        fetch(readyWhen.url, { signal: AbortSignal.timeout(2000) })
          .then((response) => {
            void response.body?.cancel();
            if (response.ok) finish();
          })
          .catch(() => undefined)
          .finally(() => {
            if (!started) poller = setTimeout(poll, 100);
          });
      };
      poll();
    }
  });

  const stop = (graceMs = 20_000): Promise<StopResult> => {
    stopping = true;
    const since = performance.now();
    if (child.exitCode !== null || child.signalCode !== null) {
      return Promise.resolve({ code: child.exitCode, signal: child.signalCode, seconds: 0 });
    }
    return new Promise((resolve) => {
      const killer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      child.once('exit', (code, signal) => {
        clearTimeout(killer);
        resolve({ code, signal, seconds: (performance.now() - since) / 1000 });
      });
      child.kill('SIGTERM');
    });
  };
  return { server, ready };
}

/** A port that was free on 127.0.0.1 a moment ago, for servers that cannot be told to take any free one. */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export interface ProcessUsage {
  /** CPU time it has used so far, user and system (utime + stime), in seconds. */
  cpuSeconds: number;
  /** Its resident set size now, in bytes. */
  rssBytes: number;
}

let clockTicks: number | undefined;

/**
 * CPU time and RSS of a process, read from /proc (Linux); undefined elsewhere or once it has gone. CPU time taken
 * before and after a run, divided by the requests served, is a figure that varies much less than req/s on a
 * machine shared with other work.
 */
export function processUsage(pid: number): ProcessUsage | undefined {
  try {
    // The command name (field 2) is in parentheses and may hold spaces: count the fields after its last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of the line (11 and 12 after the name), in clock ticks.
    const ticks = Number(fields[11]) + Number(fields[12]);
    clockTicks ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    const rssKb = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    if (!Number.isFinite(ticks) || !rssKb) return undefined;
    return { cpuSeconds: ticks / clockTicks, rssBytes: Number(rssKb[1]) * 1024 };
  } catch {
    return undefined;
  }
}
