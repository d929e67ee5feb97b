import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import type { Browser, Page } from 'playwright-core';
import { browserDescribe, launchChromium } from '../helpers/chromium';
import { startTestServer, type TestServer } from '../helpers/server';

/**
 * The network explorer at GET /explore in headless Chromium, against the real API on the seeded dataset: it
 * draws the network, finds Zurich as the analyst types, opens it with its neighbours, shows the path between two
 * Greek members (Trikala, a member city, and Larissa, the 2022 host), exports what it shows, passes axe-core's
 * WCAG 2.1 AA rules with and without the accessibility options, and reaches nothing but this server.
 */
const browserTest = browserDescribe('explorer');

const ROOT = path.resolve(__dirname, '../..');
/** axe-core's browser build, handed to the page under the server's own origin (the page's CSP allows no other). */
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const AXE_URL_PATH = '/explore/assets/axe-under-test.js';

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core's WCAG 2.0/2.1 A and AA rules on the whole page; answers the violations, each with where. */
async function axeViolations(page: Page, origin: string): Promise<{ id: string; help: string; targets: string[] }[]> {
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.addScriptTag({ url: `${origin}${AXE_URL_PATH}` });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<unknown> } }).axe;
    const results = (await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    })) as { violations: AxeViolation[] };
    return results.violations;
  });
  return violations.map((violation) => ({
    id: violation.id,
    help: violation.help,
    targets: violation.nodes.map((node) => node.target.join(' ')),
  }));
}

/** Types into the search box as a person would, waits for a suggestion with this name and kind, opens it by keyboard. */
async function openBySearch(page: Page, typed: string, name: string, kind: string): Promise<void> {
  const input = page.locator('#search-input');
  await input.fill('');
  await input.pressSequentially(typed, { delay: 30 });
  const option = page.locator('[role="option"]', { hasText: name }).filter({ hasText: kind }).first();
  await option.waitFor({ timeout: 15_000 });
  const options = await page.locator('[role="option"]').allTextContents();
  const position = options.findIndex((text) => text.includes(name) && text.includes(kind));
  for (let step = 0; step <= position; step += 1) await input.press('ArrowDown');
  await expect(option.getAttribute('aria-selected')).resolves.toBe('true');
  await input.press('Enter');
  await page.waitForFunction((expected) => document.querySelector('#selected-name')?.textContent === expected, name);
}

/** Keyboard users land on the record they opened: focus moves to its name. */
async function waitForFocus(page: Page, id: string): Promise<void> {
  await page.waitForFunction((expected) => document.activeElement?.id === expected, id, { timeout: 5_000 });
}

function distinctColours(png: PNG): number {
  const colours = new Set<number>();
  for (let offset = 0; offset < png.data.length; offset += 4) colours.add(png.data.readUInt32BE(offset));
  return colours.size;
}

browserTest('the network explorer in headless Chromium', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    // The page as the sources are now (npm run build does the same before a start).
    execFileSync(process.execPath, [path.join(ROOT, 'explore/build.mjs')], { stdio: 'inherit' });
    server = await startTestServer();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('serves the page with a Content-Security-Policy that allows nothing but this server', async () => {
    const response = await fetch(`${server.url}/explore`);
    expect(response.status).toBe(200);
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("connect-src 'self'");
    const bundle = await fetch(`${server.url}/explore/assets/explore.js`);
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-type')).toMatch(/^text\/javascript/);
  });

  it('draws the network, searches, opens a city, shows a path, exports and passes axe, using only this server', async () => {
    const origin = new URL(server.url).origin;
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    await page.route(`${origin}${AXE_URL_PATH}`, (route) =>
      route.fulfill({ status: 200, contentType: 'text/javascript', body: AXE_SOURCE }),
    );
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));

    await page.goto(`${server.url}/explore`);
    await expect(page.title()).resolves.toBe('MCE network explorer');
    await page.waitForFunction(
      () => /^Showing \d+ records/.test(document.querySelector('#graph-summary')?.textContent ?? ''),
      undefined,
      {
        timeout: 30_000,
      },
    );
    const summary = (await page.locator('#graph-summary').textContent()) ?? '';
    const [, records, relationships] = /^Showing (\d+) records and (\d+) relationships/.exec(summary) ?? [];
    // 18 countries and more than 50 member cities and organisations alone; every member is in a country.
    expect(Number(records)).toBeGreaterThan(70);
    expect(Number(relationships)).toBeGreaterThan(Number(records) / 2);
    await expect(page.locator('#legend li').allTextContents()).resolves.toEqual(
      expect.arrayContaining(['Cities', 'Organisations', 'Countries', 'Conferences', 'Themes', 'Topics']),
    );
    expect(await axeViolations(page, origin)).toEqual([]);

    // Zurich, found as the analyst types and opened by keyboard: a member city in Switzerland, host in 2014.
    await openBySearch(page, 'Zurich', 'Zurich', 'City');
    await waitForFocus(page, 'selected-name');
    const facts = await page.locator('#details-body .facts').textContent();
    expect(facts).toContain('Switzerland');
    const neighbours = await page.locator('#neighbour-list li').allTextContents();
    expect(neighbours.some((text) => text.includes('Switzerland'))).toBe(true);
    expect(neighbours.some((text) => text.includes('2014'))).toBe(true);

    // Moving between neighbours by keyboard alone: Tab to a neighbour's button, Enter opens it.
    const firstNeighbour = page.locator('#neighbour-list button').first();
    const neighbourName = ((await firstNeighbour.textContent()) ?? '').trim();
    await firstNeighbour.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      (expected) => document.querySelector('#selected-name')?.textContent === expected,
      neighbourName,
    );
    await waitForFocus(page, 'selected-name');

    // The path between two chosen records, listed step by step and highlighted in the drawing.
    await openBySearch(page, 'Trikala', 'Trikala', 'City');
    await page.getByRole('button', { name: 'Path from here' }).click();
    await openBySearch(page, 'Larissa', 'Larissa', 'City');
    await page.getByRole('button', { name: 'Path to here' }).click();
    await page.locator('#paths-summary').waitFor({ timeout: 20_000 });
    const firstPath = await page.locator('.path').first().textContent();
    expect(firstPath).toContain('Trikala');
    expect(firstPath).toContain('Larissa');
    expect(firstPath).toContain('Greece');
    await page.waitForTimeout(600);
    expect(await axeViolations(page, origin)).toEqual([]);

    const screenshot = await page.screenshot({ path: process.env.EXPLORE_SCREENSHOT ?? '/tmp/mce-explore.png' });
    const png = PNG.sync.read(screenshot);
    expect([png.width, png.height]).toEqual([1440, 900]);
    // A drawing of coloured discs, edges and labels beside text panels: thousands of colours, where a blank or
    // failed WebGL canvas leaves a few dozen.
    expect(distinctColours(png)).toBeGreaterThan(1000);
    // Back to the whole network, the path still highlighted in it.
    await page.getByRole('button', { name: 'Whole network' }).click();

    // Filters: the cities and countries of Greece are Trikala and Larissa, each in country Greece; the export
    // links carry the same filter, and a year range when one is given.
    for (const kind of [
      'ORGANISATION',
      'CONFERENCE',
      'WORKSHOP',
      'THEME',
      'TOPIC',
      'PERSON',
      'PROJECT',
      'ASSOCIATION',
    ]) {
      await page.locator(`#kind-${kind}`).uncheck();
    }
    await page.locator('#country-choice').selectOption({ label: 'Greece' });
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForFunction(
      () => document.querySelector('#graph-summary')?.textContent === 'Showing 3 records and 2 relationships.',
      undefined,
      { timeout: 20_000 },
    );
    await expect(page.getByRole('link', { name: 'GraphML' }).getAttribute('href')).resolves.toBe(
      '/graph/export.graphml?kinds=CITY%2CCOUNTRY&countries=GR',
    );
    await page.locator('#from-year').fill('2014');
    await page.locator('#to-year').fill('2022');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForFunction(() =>
      document.querySelector<HTMLAnchorElement>('a[data-format="zip"]')?.href.includes('fromYear'),
    );
    await expect(page.getByRole('link', { name: 'CSV (zip)' }).getAttribute('href')).resolves.toBe(
      '/graph/export.zip?kinds=CITY%2CCOUNTRY&fromYear=2014&toYear=2022&countries=GR',
    );
    await expect(page.getByRole('link', { name: 'GEXF' }).getAttribute('href')).resolves.toMatch(
      /^\/graph\/export\.gexf\?kinds=CITY%2CCOUNTRY&fromYear=2014&toYear=2022&countries=GR$/,
    );

    // The drawing as a PNG, drawn from the canvas layers.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download the drawing as PNG' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('mce-network.png');
    const exported = PNG.sync.read(readFileSync((await download.path()) as string));
    expect(exported.width).toBeGreaterThan(400);
    expect(distinctColours(exported)).toBeGreaterThan(50);

    // The accessibility options: each applies, lasts across a reload, and the page still passes axe with them on.
    const toolbar = page.getByRole('toolbar', { name: 'Accessibility options' });
    for (const option of ['Readable font', 'Text contrast', 'Background contrast', 'Highlight links']) {
      await toolbar.getByRole('button', { name: option }).click();
      await expect(toolbar.getByRole('button', { name: option }).getAttribute('aria-pressed')).resolves.toBe('true');
    }
    await toolbar.getByRole('button', { name: 'Larger text' }).click();
    await expect(page.locator('#font-size-value').textContent()).resolves.toBe('110%');
    expect(await axeViolations(page, origin)).toEqual([]);
    await page.reload();
    await page.waitForFunction(() =>
      /^Showing \d+ records/.test(document.querySelector('#graph-summary')?.textContent ?? ''),
    );
    await expect(page.evaluate(() => Array.from(document.documentElement.classList).sort())).resolves.toEqual([
      'background-contrast',
      'highlight-links',
      'readable-font',
      'text-contrast',
    ]);
    await toolbar.getByRole('button', { name: 'Reset' }).click();
    await expect(page.evaluate(() => document.documentElement.classList.length)).resolves.toBe(0);
    await expect(page.locator('#font-size-value').textContent()).resolves.toBe('100%');

    expect(pageErrors).toEqual([]);
    expect(requests.filter((url) => new URL(url).origin !== origin)).toEqual([]);
    // The page itself, its two assets, and GraphQL for the rest: nothing else.
    // (The PNG export is a blob: URL of the page's own origin, not a request to the server.)
    const paths = new Set(requests.filter((url) => !url.startsWith('blob:')).map((url) => new URL(url).pathname));
    expect([...paths].filter((pathname) => pathname !== AXE_URL_PATH).sort()).toEqual([
      '/explore',
      '/explore/assets/explore-style.css',
      '/explore/assets/explore.js',
      '/graphql',
    ]);
    await context.close();
  });
});

// Its own server, once the other has closed: the embedded engine serves one server at a time.
browserTest('the network explorer on a server that runs only registered operations', () => {
  let strict: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    strict = await startTestServer({}, { persistedOperations: 'only' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await strict?.close();
  });

  it('sends the SDK’s registered operations, so it works under PERSISTED_OPERATIONS=only', async () => {
    const page = await browser.newPage();
    const refused: string[] = [];
    page.on('response', async (response) => {
      if (!response.url().endsWith('/graphql')) return;
      const body = (await response.json()) as { errors?: { message: string }[] };
      for (const error of body.errors ?? []) refused.push(error.message);
    });
    await page.goto(`${strict.url}/explore`);
    await page.waitForFunction(
      () => /^Showing \d+ records/.test(document.querySelector('#graph-summary')?.textContent ?? ''),
      undefined,
      { timeout: 30_000 },
    );
    await openBySearch(page, 'Zurich', 'Zurich', 'City');
    await expect(page.locator('#country-choice option', { hasText: 'Switzerland' }).count()).resolves.toBe(1);
    await expect(page.locator('#theme-choice option', { hasText: 'Cybersecurity' }).count()).resolves.toBe(1);
    expect(refused).toEqual([]);
    await page.close();
  });
});
