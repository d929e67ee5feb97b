/**
 * One JSON line per event on stderr, so that logs can be searched by request id. LOG_LEVEL (info, warn, error,
 * silent; default info) is read at each write, so tests can turn it up or down. Values passed here must never
 * include secrets or request variables.
 */
type Fields = Record<string, unknown>;
type Level = 'info' | 'warn' | 'error';

const SEVERITY: Record<Level | 'silent', number> = { info: 0, warn: 1, error: 2, silent: 3 };

function write(level: Level, message: string, fields: Fields): void {
  const threshold = SEVERITY[(process.env.LOG_LEVEL ?? 'info') as Level | 'silent'] ?? SEVERITY.info;
  if (SEVERITY[level] < threshold) return;
  process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), level, message, ...fields })}\n`);
}

export const logger = {
  info: (message: string, fields: Fields = {}) => write('info', message, fields),
  warn: (message: string, fields: Fields = {}) => write('warn', message, fields),
  error: (message: string, fields: Fields = {}) => write('error', message, fields),
};
