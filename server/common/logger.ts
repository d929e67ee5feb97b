import { isatty } from 'node:tty';
import pino, { type Logger } from 'pino';
import type { prettyFactory as PrettyFactory } from 'pino-pretty';
import type { AppConfig } from '../config';

export type { Logger } from 'pino';

/**
 * One line per event, on stderr unless told otherwise, as the configuration says (LOG_LEVEL, LOG_FORMAT; see
 * config.ts): `json` (one JSON object a line, to search by request id) or `pretty` (time, level, message and
 * fields, for people); `auto` is `pretty` on a terminal outside production and `json` everywhere else. The format
 * is settled once, when the logger is made, so that a test passing `logFormat: 'json'` gets JSON on a terminal
 * too. Fields must never include secrets; the known places a secret could sit are redacted all the same.
 */

export type LogSettings = Pick<AppConfig, 'logLevel' | 'logFormat' | 'environment'>;

/** Where log lines go: stderr by default; tests pass a stream that keeps them. */
export interface LogDestination {
  write(text: string): unknown;
  /** Whether a person is reading (`auto` then writes the pretty form). */
  isTTY?: boolean;
}

/**
 * Paths of fields that may carry a credential, should a call site ever pass them: the Authorization header
 * (an API key as `Bearer …`) and API keys, also inside request variables (logged at debug).
 */
const REDACTED_PATHS = [
  'authorization',
  'headers.authorization',
  '*.headers.authorization',
  'apiKey',
  '*.apiKey',
  'key',
  'variables.key',
  'variables.*.key',
  'variables.apiKey',
  'variables.*.apiKey',
];

const MESSAGE_KEY = 'message';

/**
 * Synchronous, so that a line is written before the request it describes is answered (and before a crash), and
 * so that the lines of one process never interleave.
 */
function stderrDestination(): LogDestination {
  const stream = pino.destination({ fd: 2, sync: true });
  return { write: (text) => stream.write(text), isTTY: isatty(2) };
}

export function createLogger(settings: LogSettings, destination: LogDestination = stderrDestination()): Logger {
  const pretty =
    settings.logFormat === 'pretty' ||
    (settings.logFormat === 'auto' && Boolean(destination.isTTY) && settings.environment !== 'production');
  return pino(
    {
      level: settings.logLevel,
      messageKey: MESSAGE_KEY,
      // No pid or hostname on every line: the process manager knows them.
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    },
    pretty ? prettyStream(destination) : destination,
  );
}

/** `12:04:05.120 INFO: graphql request  requestId=… operation=Conference durationMs=4 cost=3 status=200` */
function prettyStream(destination: LogDestination): LogDestination {
  // Loaded only for the pretty format (a terminal): JSON lines never need it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { prettyFactory } = require('pino-pretty') as { prettyFactory: typeof PrettyFactory };
  const format = prettyFactory({
    messageKey: MESSAGE_KEY,
    colorize: Boolean(destination.isTTY),
    translateTime: 'HH:MM:ss.l',
    customPrettifiers: { time: (time) => String(time) },
    // The fields go on the message's line (below), not one per line under it.
    hideObject: true,
    messageFormat: (line, messageKey) => {
      const fields = Object.entries(line)
        .filter(([key]) => key !== 'level' && key !== 'time' && key !== messageKey)
        .filter(([, value]) => value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0))
        .map(
          ([key, value]) =>
            `${key}=${typeof value === 'string' && !/[\s"]/.test(value) ? value : JSON.stringify(value)}`,
        );
      return [String(line[messageKey]), ...(fields.length ? [fields.join(' ')] : [])].join('  ');
    },
  });
  return { write: (line) => destination.write(format(line)), isTTY: destination.isTTY };
}
