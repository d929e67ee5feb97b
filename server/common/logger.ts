/**
 * One line per event on stderr. LOG_FORMAT `json` (one JSON object a line, to search by request id) or `pretty`
 * (time, level, message and fields, for people); the default is `pretty` on a terminal outside production and
 * `json` everywhere else. LOG_LEVEL (debug, info, warn, error, silent; default info) and LOG_FORMAT are read at
 * each write, so tests can turn them up or down. Values passed here must never include secrets; request
 * variables only at `debug`.
 */
type Fields = Record<string, unknown>;
type Level = 'debug' | 'info' | 'warn' | 'error';

const SEVERITY: Record<Level | 'silent', number> = { debug: 0, info: 1, warn: 2, error: 3, silent: 4 };

function threshold(): number {
  return SEVERITY[(process.env.LOG_LEVEL ?? 'info') as Level | 'silent'] ?? SEVERITY.info;
}

function pretty(): boolean {
  const format = process.env.LOG_FORMAT;
  if (format === 'pretty' || format === 'json') return format === 'pretty';
  return Boolean(process.stderr.isTTY) && process.env.NODE_ENV !== 'production';
}

function prettyValue(value: unknown): string {
  return typeof value === 'string' && !/[\s"]/.test(value) ? value : JSON.stringify(value);
}

/** `12:04:05.120 INFO  graphql request  operation=Conference durationMs=4 status=200` */
function formatPretty(time: Date, level: Level, message: string, fields: Fields): string {
  const shown = Object.entries(fields)
    .filter(([, value]) => value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0))
    .map(([key, value]) => `${key}=${prettyValue(value)}`);
  return [time.toISOString().slice(11, 23), level.toUpperCase().padEnd(5), message, ...(shown.length ? [' ' + shown.join(' ')] : [])].join(' ');
}

function write(level: Level, message: string, fields: Fields): void {
  if (SEVERITY[level] < threshold()) return;
  const time = new Date();
  const line = pretty() ? formatPretty(time, level, message, fields) : JSON.stringify({ time: time.toISOString(), level, message, ...fields });
  process.stderr.write(`${line}\n`);
}

export const logger = {
  /** Whether debug lines are written (so that callers skip gathering what they would hold). */
  debugEnabled: () => threshold() <= SEVERITY.debug,
  debug: (message: string, fields: Fields = {}) => write('debug', message, fields),
  info: (message: string, fields: Fields = {}) => write('info', message, fields),
  warn: (message: string, fields: Fields = {}) => write('warn', message, fields),
  error: (message: string, fields: Fields = {}) => write('error', message, fields),
};
