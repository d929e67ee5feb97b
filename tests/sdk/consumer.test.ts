import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { startTestServer, type TestServer } from '../helpers/server';

/**
 * The SDK as an app gets it: `npm pack` of the SDK as a fresh clone has it (sources, no build), installed from
 * the tarball into a scratch app, then used from an ES module and from a CommonJS script against the real server.
 */
const run = promisify(execFile);
const ROOT = path.join(__dirname, '../..');
const SDK = path.join(ROOT, 'sdk');
let server: TestServer;
let app: string;
let clone: string;
let packed: string[];

beforeAll(async () => {
  server = await startTestServer();
  app = await mkdtemp(path.join(os.tmpdir(), 'mce-sdk-consumer-'));
  // The SDK's files as git has them: no dist/ (packing must build it); the workspace's installed packages.
  clone = await mkdtemp(path.join(os.tmpdir(), 'mce-sdk-clone-'));
  await cp(SDK, clone, { recursive: true, filter: (source) => !/[\\/](dist|node_modules)$/.test(source) });
  await symlink(path.join(ROOT, 'node_modules'), path.join(clone, 'node_modules'), 'dir');
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', app], {
    cwd: clone,
    maxBuffer: 16 * 1024 * 1024,
  });
  // The build that prepack runs prints first (with colour codes, whose `[` must not be taken for the JSON).
  packed = (JSON.parse(stdout.slice(stdout.search(/^\[$/m))) as Array<{ files: Array<{ path: string }> }>)[0].files.map(
    (file) => file.path,
  );
  const [tarball] = (await readdir(app)).filter((file) => file.endsWith('.tgz'));
  await writeFile(path.join(app, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
  // graphql is the SDK's peer dependency: the app brings its own, as apps on Apollo Client or urql do.
  await run('npm', ['install', `./${tarball}`, 'graphql@16', '--no-audit', '--no-fund', '--prefer-offline'], {
    cwd: app,
  });
}, 180_000);

afterAll(async () => {
  await server.close();
  await rm(app, { recursive: true, force: true });
  await rm(clone, { recursive: true, force: true });
});

const SCRIPT_BODY = `
  const client = createClient({ url: process.env.MCE_URL });
  const { conference } = await client.conference({ year: 2016 });
  let failure;
  try { await client.countries({ first: 1000 }); } catch (error) { failure = error instanceof GraphQLRequestError ? error.codes : 'wrong error'; }
  console.log(JSON.stringify({ host: conference.hostCity.name, title: conference.title, failure }));
`;

const expected = { host: 'Florence', title: 'City Renaissance in the Digital Age', failure: ['BAD_USER_INPUT'] };

describe('the packed SDK in a fresh app', () => {
  it('is built when packed from sources alone', () => {
    expect(packed).toEqual(
      expect.arrayContaining([
        'dist/index.cjs',
        'dist/index.d.cts',
        'dist/index.d.ts',
        'dist/index.js',
        'persisted-operations.json',
        'README.md',
        'package.json',
      ]),
    );
  });

  it('works from an ES module', async () => {
    await writeFile(
      path.join(app, 'esm.mjs'),
      `import { createClient, GraphQLRequestError } from '@mce/sdk';\n${SCRIPT_BODY}`,
    );
    const { stdout } = await run(process.execPath, ['esm.mjs'], {
      cwd: app,
      env: { ...process.env, MCE_URL: server.endpoint },
    });
    expect(JSON.parse(stdout)).toEqual(expected);
  });

  it('works from CommonJS', async () => {
    await writeFile(
      path.join(app, 'cjs.cjs'),
      `const { createClient, GraphQLRequestError } = require('@mce/sdk');\n(async () => {${SCRIPT_BODY}})();`,
    );
    const { stdout } = await run(process.execPath, ['cjs.cjs'], {
      cwd: app,
      env: { ...process.env, MCE_URL: server.endpoint },
    });
    expect(JSON.parse(stdout)).toEqual(expected);
  });

  it('ships only the build, its types, the registry of its operations and the README', async () => {
    const files = (await readdir(path.join(app, 'node_modules/@mce/sdk'), { recursive: true })).sort();
    expect(files).toEqual(
      expect.arrayContaining([
        'README.md',
        'dist/index.cjs',
        'dist/index.d.cts',
        'dist/index.d.ts',
        'dist/index.js',
        'package.json',
      ]),
    );
    expect(
      files.some((file) => file.startsWith('src') || file.startsWith('operations') || file.startsWith('codegen')),
    ).toBe(false);
    // The registry a server in PERSISTED_OPERATIONS=only mode (or a gateway) loads, exported by the package.
    const { stdout } = await run(
      process.execPath,
      ['-e', "console.log(require('@mce/sdk/persisted-operations.json').operations.length)"],
      { cwd: app },
    );
    expect(Number(stdout)).toBeGreaterThan(60);
  });
});
