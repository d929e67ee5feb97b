import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import querystring from 'node:querystring';
import accepts from 'accepts';
import { Router, type Response } from 'express';

export interface IdeExample {
  title: string;
  query: string;
  variables?: Record<string, unknown>;
}

export interface IdeOptions {
  graphqlPath: string;
  examples: IdeExample[];
  title?: string;
}

/**
 * GraphiQL served entirely from this server's own npm dependencies (its prebuilt browser bundle and React's),
 * so the IDE works with no internet access. The Content-Security-Policy lets the page reach nothing but this
 * server, which the end-to-end test also checks.
 */
const ASSET_PREFIX = '/ide/assets';

/** Files the page loads, by the name it asks for; resolved inside node_modules so the versions are the pinned ones. */
const assets: Record<string, { file: string; type: string }> = {
  'react.production.min.js': {
    file: path.join(packageDirectory('react'), 'umd/react.production.min.js'),
    type: 'text/javascript',
  },
  'react-dom.production.min.js': {
    file: path.join(packageDirectory('react-dom'), 'umd/react-dom.production.min.js'),
    type: 'text/javascript',
  },
  'graphiql.min.js': { file: path.join(packageDirectory('graphiql'), 'graphiql.min.js'), type: 'text/javascript' },
  'graphiql.min.css': { file: path.join(packageDirectory('graphiql'), 'graphiql.min.css'), type: 'text/css' },
};

function packageDirectory(name: string): string {
  return path.dirname(require.resolve(`${name}/package.json`));
}

/** Starts GraphiQL from the JSON configuration block; kept out of the HTML so the CSP needs no inline script. */
const BOOT_SCRIPT = `
(function () {
  var config = JSON.parse(document.getElementById('ide-config').textContent);
  var fetcher = GraphiQL.createFetcher({ url: config.endpoint });
  var tabs = config.examples.map(function (example) {
    return {
      query: example.query,
      variables: example.variables ? JSON.stringify(example.variables, null, 2) : undefined,
    };
  });
  // GraphiQL 3.9 fills the editors of the tab it opens on from its query and variables props, not from that
  // tab's entry in defaultTabs (whose variables it drops): pass the first example both ways, so that it runs as
  // loaded. (Later tabs take their variables from defaultTabs when opened.)
  var first = tabs[0] || {};
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultTabs: tabs,
      query: first.query,
      variables: first.variables,
      defaultEditorToolsVisibility: true,
      isHeadersEditorEnabled: true,
      shouldPersistHeaders: false,
    }),
  );
})();
`;

const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  // GraphiQL's editor and React set element styles at run time.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

function renderPage(options: IdeOptions): string {
  const title = escapeHtml(options.title ?? 'GraphQL IDE');
  // `<` is escaped so that no example text can close the JSON block and start markup.
  const config = JSON.stringify({ endpoint: options.graphqlPath, examples: options.examples }).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="stylesheet" href="${ASSET_PREFIX}/graphiql.min.css">
<style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
<div id="graphiql">Loading the GraphQL IDE…</div>
<script type="application/json" id="ide-config">${config}</script>
<script src="${ASSET_PREFIX}/react.production.min.js"></script>
<script src="${ASSET_PREFIX}/react-dom.production.min.js"></script>
<script src="${ASSET_PREFIX}/graphiql.min.js"></script>
<script src="${ASSET_PREFIX}/boot.js"></script>
</body>
</html>
`;
}

/**
 * True for a browser opening the endpoint (a GET preferring HTML, with no query in its URL); false for
 * GraphQL-over-HTTP requests, which the GraphQL endpoint answers.
 */
export function wantsIdePage(request: IncomingMessage): boolean {
  if (request.method !== 'GET') return false;
  const url = request.url ?? '';
  const search = url.includes('?') ? querystring.parse(url.slice(url.indexOf('?') + 1)) : {};
  if (search.query !== undefined || search.extensions !== undefined) return false;
  return accepts(request).type(['application/graphql-response+json', 'application/json', 'text/html']) === 'text/html';
}

export function createIdeRouter(options: IdeOptions): Router {
  const router = Router();
  const page = renderPage(options);
  const noStore = (response: Response) => response.setHeader('cache-control', 'no-cache');

  router.get(options.graphqlPath, (request, response, next) => {
    if (!wantsIdePage(request)) return next();
    noStore(response);
    response.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
    response.setHeader('x-content-type-options', 'nosniff');
    response.type('html').send(page);
  });

  router.get(`${ASSET_PREFIX}/boot.js`, (_request, response) => {
    noStore(response);
    response.type('text/javascript').send(BOOT_SCRIPT);
  });

  router.get(`${ASSET_PREFIX}/:name`, (request, response, next) => {
    if (!Object.hasOwn(assets, request.params.name)) return next();
    const asset = assets[request.params.name];
    // Pinned package versions: a day's caching is safe, and a new release changes the page anyway.
    response.setHeader('cache-control', 'public, max-age=86400');
    response.setHeader('x-content-type-options', 'nosniff');
    response.type(asset.type).sendFile(asset.file);
  });

  return router;
}
