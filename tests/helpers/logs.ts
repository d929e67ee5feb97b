import type { LogDestination } from '../../server/common/logger';

export interface CapturedLogs {
  /** Give this to the app's logger (startTestServer's `logDestination`) in place of stderr. */
  destination: LogDestination;
  /** The lines written so far, exactly as they would have reached stderr. */
  lines(): string[];
}

/**
 * Keeps what the app's logger writes, through the same formatting it uses for stderr. `isTTY` says whether the
 * destination claims to be a terminal, as stderr would when a person runs the tests.
 */
export function captureLogs({ isTTY = false }: { isTTY?: boolean } = {}): CapturedLogs {
  let written = '';
  return {
    destination: {
      write: (text: string) => {
        written += text;
      },
      isTTY,
    },
    lines: () => written.split('\n').filter((line) => line !== ''),
  };
}
