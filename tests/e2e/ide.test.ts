import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/server';

/**
 * The IDE a developer opens at GET /graphql: it renders from this server's own files, makes no request
 * anywhere else, shows the preloaded examples and runs a query against the real API.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  if (process.env.CI === 'true') throw new Error(`CI must run the browser test, but there is no Chromium at ${CHROMIUM}.`);
  console.log(`Skipping the IDE browser test: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH).`);
}
const browserTest = hasChromium ? describe : describe.skip;

browserTest('the GraphQL IDE in headless Chromium', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('opens with the examples preloaded, runs a query and shows the result, using only this server', async () => {
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));

    await page.goto(`${server.url}/graphql`);
    await expect(page.title()).resolves.toBe('MCE graph');
    await page.waitForSelector('.graphiql-query-editor .CodeMirror');
    const firstExample = await page.evaluate(() => {
      const editor = document.querySelector('.graphiql-query-editor .CodeMirror') as unknown as { CodeMirror: { getValue(): string } };
      return editor.CodeMirror.getValue();
    });
    expect(firstExample).toContain('query ConferenceByYear($year: Int!)');
    await expect(page.locator('.graphiql-tab').count()).resolves.toBe(3);

    await page.evaluate((query) => {
      const editor = document.querySelector('.graphiql-query-editor .CodeMirror') as unknown as { CodeMirror: { setValue(value: string): void } };
      editor.CodeMirror.setValue(query);
    }, '{ conference(year: 2014) { year title hostCity { name } } }');
    // GraphiQL picks up the new operation (and forgets the example's operation name) on a short debounce.
    await page.waitForFunction(() => document.querySelector('.graphiql-tab-active')?.textContent?.includes('<untitled>'));
    await page.waitForTimeout(500);
    await page.click('.graphiql-execute-button');
    await page.waitForFunction(
      () => document.querySelector('.graphiql-response .CodeMirror-code')?.textContent?.includes('Zurich'),
      undefined,
      { timeout: 20_000 },
    );
    const text = await page.evaluate(() => {
      const response = document.querySelector('.graphiql-response .CodeMirror') as unknown as { CodeMirror: { getValue(): string } };
      return response.CodeMirror.getValue();
    });
    expect(JSON.parse(text)).toEqual({
      data: {
        conference: {
          year: 2014,
          title: 'Cities managing complexity in the digital world – prepared for the upcoming challenges?',
          hostCity: { name: 'Zurich' },
        },
      },
    });

    await page.screenshot({ path: process.env.IDE_SCREENSHOT ?? '/tmp/mce-ide.png' });
    expect(pageErrors).toEqual([]);
    const origin = new URL(server.url).origin;
    expect(requests.filter((url) => new URL(url).origin !== origin)).toEqual([]);
    expect(requests.some((url) => url.endsWith('/graphql'))).toBe(true);
  });
});
