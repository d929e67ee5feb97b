/**
 * The Node options this server is deployed with: those of `npm start` (package.json's `start` script, e.g.
 * `node --enable-source-maps --heap-growing-percent=30 dist/server/main.js`). The benchmarks run the server as
 * it is deployed, so they take its options from there rather than keeping a copy.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export function deployedNodeOptions(root: string): string[] {
  const packageJson = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    scripts?: Record<string, string>;
  };
  const start = packageJson.scripts?.start ?? '';
  const [command, ...words] = start.trim().split(/\s+/);
  if (command !== 'node') throw new Error(`package.json's start script does not run node directly: ${start}`);
  const options = words.slice(
    0,
    words.findIndex((word) => !word.startsWith('--')),
  );
  if (options.length === words.length) throw new Error(`package.json's start script names no script: ${start}`);
  return options;
}
