// Bundles the explorer page (explore/src) with its npm dependencies into dist/explore, so that the server
// serves it with no request to anywhere else. `npm run build` runs this after tsc; `node explore/build.mjs`
// alone rebuilds the page.
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
export const OUTPUT_DIRECTORY = path.resolve(here, '../dist/explore');

export async function buildExplorer() {
  await mkdir(OUTPUT_DIRECTORY, { recursive: true });
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
  });
  await copyFile(path.join(here, 'src/index.html'), path.join(OUTPUT_DIRECTORY, 'index.html'));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildExplorer();
}
