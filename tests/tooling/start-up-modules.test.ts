import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Libraries that only some set-ups or requests need are loaded when first needed, not by the server's start: a
 * loaded module stays in memory for good (its code, and its source text, which V8 keeps), and V8 lets the heap
 * grow to a multiple of what stays alive, so each of them costs the server's memory high-water mark several
 * times its size. The check loads the modules the server starts from, as built, in a process of its own.
 */
const ROOT = path.resolve(__dirname, '../..');
const MAIN = path.join(ROOT, 'dist/server/main.js');

/** The project's modules the built `main.js` requires (read from it, so that a new import is checked too). */
function startedFrom(): string[] {
  const requires = readFileSync(MAIN, 'utf8').matchAll(/require\("(\.\/[^"]+)"\)/g);
  return [...requires].map(([, module]) => path.join(path.dirname(MAIN), module!));
}

/** The files of packages (under node_modules) the server's start loads. */
function packageFilesLoadedAtStart(): string[] {
  const script = `require('reflect-metadata');
    for (const module of ${JSON.stringify(startedFrom())}) require(module);
    process.stdout.write(JSON.stringify(Object.keys(require.cache)));`;
  const files = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' })) as string[];
  return files.filter((file) => file.includes('/node_modules/')).map((file) => file.replace(/^.*\/node_modules\//, ''));
}

function packagesLoadedAtStart(): Set<string> {
  const packages = packageFilesLoadedAtStart().map((file) => /^((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1]);
  return new Set(packages.filter((name): name is string => name !== undefined));
}

describe('what the server loads at start', () => {
  it('holds neither PGlite nor Redis nor the export writers nor the pretty log format nor the migrator nor tracing until one is used', () => {
    expect(startedFrom().map((module) => path.relative(ROOT, module))).toContain('dist/server/app');
    const loaded = packagesLoadedAtStart();
    // What every start needs is there (so that the check cannot pass by loading nothing)…
    expect(
      ['@apollo/server', 'graphql', 'type-graphql', '@mikro-orm/postgresql', 'pino'].filter(
        (name) => !loaded.has(name),
      ),
    ).toEqual([]);
    // …and none of what only the embedded engine, REDIS_URL, an export, LOG_FORMAT=pretty, a database that is not
    // current or tracing needs.
    const onDemand = [
      '@electric-sql/pglite',
      '@electric-sql/pglite-socket',
      'ioredis',
      'archiver',
      'csv-stringify',
      'xmlbuilder2',
      'graphology-gexf',
      'pino-pretty',
      // Only a database with a pending migration or none of the dataset needs these (database/migrator.ts).
      'umzug',
      '@mikro-orm/migrations',
      '@mikro-orm/seeder',
      // Only tracing (OTEL_EXPORTER_OTLP_ENDPOINT) names its spans' routes through this.
      '@opentelemetry/core',
      // class-validator's index loads it, for phone-number rules; the server loads class-validator's parts only.
      'libphonenumber-js',
    ];
    expect(onDemand.filter((name) => loaded.has(name))).toEqual([]);
  });

  it('loads of class-validator the rules it uses, not its index (server/common/class-validator.ts)', () => {
    const files = packageFilesLoadedAtStart();
    const validatorFiles = files.filter((file) => file.startsWith('class-validator/'));
    expect(validatorFiles).toEqual(
      expect.arrayContaining([
        'class-validator/cjs/decorator/number/Min.js',
        'class-validator/cjs/validation/Validator.js',
      ]),
    );
    expect(validatorFiles).not.toContain('class-validator/cjs/index.js');
    // validator.js only for the rules used (`Matches`, `Length`), not the whole library.
    expect(files.filter((file) => file.startsWith('validator/lib/')).length).toBeLessThan(10);
  });
});
