import type { Browser } from 'playwright-core';
import { browserDescribe, launchChromium } from '../helpers/chromium';
import { startTestServer, type TestServer } from '../helpers/server';

/**
 * The IDE a developer opens at GET /graphql: it renders from this server's own files, makes no request
 * anywhere else, shows the preloaded examples and runs a query against the real API.
 */
const browserTest = browserDescribe('IDE');

/** The text of the CodeMirror editor inside `selector` (runs in the page). */
declare function editorValue(selector: string): string;
const EDITOR_VALUE = `window.editorValue = (selector) => document.querySelector(selector + ' .CodeMirror').CodeMirror.getValue();`;

/** The preloaded examples (server/ide/examples.ts), in tab order, with facts of the seeded dataset each must show. */
const EXAMPLES = [
  {
    operation: 'ConferenceByYear($year: Int!)',
    data: {
      conference: {
        year: 2014,
        hostCity: { name: 'Zurich', country: { name: 'Switzerland' } },
        attendance: { participants: 250, countriesRepresented: 22 },
        topics: { nodes: expect.arrayContaining([{ wording: 'Cyber Security', theme: { name: 'Cybersecurity' } }]) },
      },
    },
  },
  {
    operation: 'RecurringThemes',
    data: {
      themes: {
        nodes: expect.arrayContaining([
          {
            name: 'Cybersecurity',
            conferences: {
              totalCount: 3,
              nodes: [
                { year: 2014, hostCity: { name: 'Zurich' } },
                { year: 2016, hostCity: { name: 'Florence' } },
                { year: 2021, hostCity: null },
              ],
            },
          },
        ]),
      },
    },
  },
  {
    operation: 'MembersByCountry',
    data: {
      countries: {
        totalCount: 18,
        nodes: expect.arrayContaining([
          expect.objectContaining({
            name: 'Austria',
            members: {
              nodes: [
                {
                  name: 'Vienna',
                  kind: 'CITY',
                  membership: { listedAs: 'Vienna' },
                  conferencesHosted: { nodes: [{ year: 2012 }] },
                },
              ],
            },
          }),
          expect.objectContaining({
            name: 'Croatia',
            members: {
              nodes: expect.arrayContaining([
                expect.objectContaining({ name: 'Zagreb', conferencesHosted: { nodes: [{ year: 2017 }] } }),
              ]),
            },
          }),
        ]),
      },
    },
  },
  {
    operation: 'SearchFirenze',
    data: {
      search: {
        totalCount: 2,
        nodes: [
          expect.objectContaining({ kind: 'ORGANISATION', label: 'Florence', field: 'otherName', snippet: 'Firenze' }),
          expect.objectContaining({ kind: 'CITY', label: 'Florence', field: 'otherName', snippet: 'Firenze' }),
        ],
      },
    },
  },
  {
    operation: 'WhoHostedMost',
    data: {
      countries: {
        edges: expect.arrayContaining([
          {
            rank: 1,
            node: { name: 'Italy', conferencesHosted: { nodes: [{ year: 2011 }, { year: 2016 }, { year: 2019 }] } },
          },
          {
            rank: 1,
            node: { name: 'Germany', conferencesHosted: { nodes: [{ year: 2010 }, { year: 2015 }, { year: 2018 }] } },
          },
        ]),
      },
      conferences: {
        facets: {
          format: [
            { value: 'IN_PERSON', count: 11 },
            { value: 'VIRTUAL', count: 1 },
          ],
        },
        aggregates: { participants: { count: 6, sum: 1534, average: expect.closeTo(1534 / 6, 6) } },
      },
    },
  },
];

browserTest('the GraphQL IDE in headless Chromium', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('opens with the examples preloaded, runs each as loaded and shows its data, using only this server', async () => {
    const page = await browser.newPage();
    await page.addInitScript(EDITOR_VALUE);
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));

    await page.goto(`${server.url}/graphql`);
    await expect(page.title()).resolves.toBe('MCE graph');
    await page.waitForSelector('.graphiql-query-editor .CodeMirror');
    await expect(page.locator('.graphiql-tab').count()).resolves.toBe(EXAMPLES.length);

    for (const [index, example] of EXAMPLES.entries()) {
      // The first tab is open on arrival: run it as loaded (clicking it would reload its state and hide a first
      // tab that opens without its variables). Open the others as a person would. Run each unchanged.
      if (index > 0) await page.locator('.graphiql-tab').nth(index).locator('.graphiql-tab-button').click();
      await page.waitForFunction(
        (operation) => editorValue('.graphiql-query-editor').includes(operation),
        `query ${example.operation}`,
        { timeout: 10_000 },
      );
      // GraphiQL takes the operation to run from the editor on a debounce after a tab opens; on a busy machine a
      // click before it settles sends the previous tab's operation name. Wait for the tab to name its operation.
      const name = example.operation.replace(/\(.*$/, '');
      await page.waitForFunction(
        (operation) => document.querySelector('.graphiql-tab-active')?.textContent?.includes(operation),
        name,
        { timeout: 10_000 },
      );
      await page.waitForTimeout(500);
      await page.click('.graphiql-execute-button');
      await page.waitForFunction(() => editorValue('.graphiql-response').trim().startsWith('{'), undefined, {
        timeout: 20_000,
      });
      const response = JSON.parse(await page.evaluate(() => editorValue('.graphiql-response'))) as {
        data?: unknown;
        errors?: unknown;
      };
      expect({ operation: example.operation, errors: response.errors }).toEqual({
        operation: example.operation,
        errors: undefined,
      });
      expect(response.data).toMatchObject(example.data);
    }

    await page.screenshot({ path: process.env.IDE_SCREENSHOT ?? '/tmp/mce-ide.png' });

    // Coming back (GraphiQL restores its tabs from local storage) opens on the first example, which runs as loaded.
    await page.reload();
    await page.waitForFunction(
      () => editorValue('.graphiql-query-editor').includes('query ConferenceByYear'),
      undefined,
      { timeout: 10_000 },
    );
    await page.click('.graphiql-execute-button');
    await page.waitForFunction(() => editorValue('.graphiql-response').trim().startsWith('{'), undefined, {
      timeout: 20_000,
    });
    const again = JSON.parse(await page.evaluate(() => editorValue('.graphiql-response'))) as {
      data?: unknown;
      errors?: unknown;
    };
    expect(again.errors).toBeUndefined();
    expect(again.data).toMatchObject(EXAMPLES[0].data);
    await expect(page.locator('.graphiql-tab').count()).resolves.toBe(EXAMPLES.length);
    expect(pageErrors).toEqual([]);
    const origin = new URL(server.url).origin;
    expect(requests.filter((url) => new URL(url).origin !== origin)).toEqual([]);
    expect(requests.filter((url) => url.endsWith('/graphql')).length).toBeGreaterThan(EXAMPLES.length);
  });
});
