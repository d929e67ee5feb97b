// Bundles the explorer page (explore/src) with its npm dependencies into dist/explore, so that the server
// serves it with no request to anywhere else. `npm run build` runs this after tsc; `node explore/build.mjs`
// alone rebuilds the page.
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
export const OUTPUT_DIRECTORY = path.resolve(here, '../dist/explore');

/**
 * The SDK's registered operations the page sends, verbatim: the same documents as every other client, and so
 * the page works under PERSISTED_OPERATIONS=only too.
 */
const OPERATIONS = ['Graph', 'Paths', 'Search', 'Countries', 'Themes'];

async function registeredOperations() {
  const manifest = JSON.parse(await readFile(path.resolve(here, '../sdk/persisted-operations.json'), 'utf8'));
  const bodies = Object.fromEntries(manifest.operations.map((operation) => [operation.name, operation.body]));
  const missing = OPERATIONS.filter((name) => !bodies[name]);
  if (missing.length) throw new Error(`sdk/persisted-operations.json has no operation ${missing.join(', ')}`);
  return Object.fromEntries(OPERATIONS.map((name) => [name, bodies[name]]));
}

export async function buildExplorer() {
  await mkdir(OUTPUT_DIRECTORY, { recursive: true });
  const operations = await registeredOperations();
  await build({
    entryPoints: { explore: path.join(here, 'src/main.ts'), 'explore-style': path.join(here, 'src/explore.css') },
    outdir: OUTPUT_DIRECTORY,
    bundle: true,
    minify: true,
    sourcemap: true,
    format: 'iife',
    target: ['es2020'],
    // The page is offline by design: a stray import of a URL must fail the build, never reach out at run time.
    external: [],
    legalComments: 'linked',
    logLevel: 'warning',
    define: { EXPLORER_OPERATIONS: JSON.stringify(operations) },
  });
  await copyFile(path.join(here, 'src/index.html'), path.join(OUTPUT_DIRECTORY, 'index.html'));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildExplorer();
}
