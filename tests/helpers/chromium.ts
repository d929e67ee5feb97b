import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium (apt-get install chromium), or CHROMIUM_PATH. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * `describe` for a browser test, or `describe.skip` with one line saying why where there is no Chromium; under
 * CI=true a missing Chromium fails instead. The line goes straight to stderr: jest drops the console output of a
 * file whose tests are all skipped.
 */
export function browserDescribe(what: string): jest.Describe {
  if (existsSync(CHROMIUM)) return describe;
  if (process.env.CI === 'true')
    throw new Error(`CI must run the browser test, but there is no Chromium at ${CHROMIUM}.`);
  process.stderr.write(
    `Skipping the ${what} browser test: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH).\n`,
  );
  return describe.skip;
}

/** Headless Chromium with nothing of its own on the network (no updates, no sync, no QUIC). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
