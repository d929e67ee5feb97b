import { existsSync } from 'node:fs';
import path from 'node:path';
import { Router, type Response } from 'express';

/**
 * The network explorer at GET /explore: a page bundled at build time from explore/src with its npm dependencies
 * (sigma.js, graphology) by explore/build.mjs into dist/explore, so that it works with no internet access. Like
 * the IDE, its Content-Security-Policy lets it reach nothing but this server, which the end-to-end test checks.
 */
export const EXPLORE_PATH = '/explore';
const ASSET_PREFIX = `${EXPLORE_PATH}/assets`;

/** The files the build writes, by the name the page asks for. */
const ASSET_TYPES: Record<string, string> = {
  'explore.js': 'text/javascript',
  'explore.js.map': 'application/json',
  'explore-style.css': 'text/css',
  'explore-style.css.map': 'application/json',
  'explore.js.LEGAL.txt': 'text/plain',
};

const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  // sigma.js sizes and stacks its canvases through style attributes at run time.
  "style-src 'self' 'unsafe-inline'",
  // The PNG export is drawn into a blob: URL before it is downloaded.
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** dist/explore under the project root, found from here both in the sources (tests) and in dist (npm start). */
export function exploreBundleDirectory(start = __dirname): string {
  let directory = start;
  while (!existsSync(path.join(directory, 'package.json'))) {
    const parent = path.dirname(directory);
    if (parent === directory) throw new Error(`No package.json above ${start}`);
    directory = parent;
  }
  return path.join(directory, 'dist/explore');
}

export function createExploreRouter(bundleDirectory = exploreBundleDirectory()): Router {
  const router = Router();
  const secure = (response: Response) => {
    response.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
    response.setHeader('x-content-type-options', 'nosniff');
  };
  // A server started from the sources without `npm run build` says so, rather than serving a blank page.
  const unbuilt = (response: Response) =>
    response.status(503).type('text/plain').send('The explorer page is not built: run `npm run build`.\n');

  router.get([EXPLORE_PATH, `${EXPLORE_PATH}/`], (_request, response) => {
    const page = path.join(bundleDirectory, 'index.html');
    if (!existsSync(page)) return unbuilt(response);
    response.setHeader('cache-control', 'no-cache');
    secure(response);
    response.type('html').sendFile(page);
  });

  router.get(`${ASSET_PREFIX}/:name`, (request, response, next) => {
    const name = request.params.name;
    if (!Object.hasOwn(ASSET_TYPES, name)) return next();
    const file = path.join(bundleDirectory, name);
    if (!existsSync(file)) return unbuilt(response);
    // Rebuilt with every release under the same name: browsers revalidate rather than keep an old bundle.
    response.setHeader('cache-control', 'no-cache');
    secure(response);
    response.type(ASSET_TYPES[name]).sendFile(file);
  });

  return router;
}
