import { spawn } from 'node:child_process';
import path from 'node:path';

/**
 * Where there is no Chromium, the browser test says so in one line of a normal test run and is skipped; under
 * CI it fails instead. Checked by running jest on that file and another, as `npm test` runs many (jest shows
 * the console output of an all-skipped file only when it runs that file alone).
 */
const ROOT = path.resolve(__dirname, '../..');
const JEST = path.join(ROOT, 'node_modules/jest/bin/jest.js');

function runBrowserTest(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const files = ['tests/e2e/ide.test.ts', 'tests/tooling/engines.test.ts'];
  // No DATABASE_URL: the inner run's globalSetup would recreate this run's mce_test database under it; it
  // starts an embedded engine of its own instead.
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !['CI', 'DATABASE_URL'].includes(name) && !name.startsWith('MCE_TEST_'),
    ),
  );
  const child = spawn(process.execPath, [JEST, ...files], { cwd: ROOT, env: { ...inherited, ...env } });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, output })));
}

it('says in one line that the browser test is skipped when there is no Chromium', async () => {
  const { code, output } = await runBrowserTest({ CHROMIUM_PATH: '/nonexistent/chromium' });
  expect(output).toContain(
    'Skipping the IDE browser test: no Chromium at /nonexistent/chromium (apt-get install chromium, or set CHROMIUM_PATH).',
  );
  expect(output).toMatch(/Tests: +1 skipped, 1 passed, 2 total/);
  expect(code).toBe(0);
});

it('fails under CI when there is no Chromium', async () => {
  const { code, output } = await runBrowserTest({ CHROMIUM_PATH: '/nonexistent/chromium', CI: 'true' });
  expect(output).toContain('CI must run the browser test, but there is no Chromium at /nonexistent/chromium.');
  expect(code).toBe(1);
});
