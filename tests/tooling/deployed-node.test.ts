import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { deployedNodeOptions } from '../../bench/lib/deployed-node';

/**
 * `npm start` runs the server with Node options of its own (the garbage collector's settings, see README "How
 * fast"), and the benchmarks start it with the same ones, read from package.json. Options this Node does not know
 * would stop the server before it starts: `node` refuses them ("bad option").
 */
const ROOT = path.resolve(__dirname, '../..');

it("reads npm start's Node options, which this Node accepts", () => {
  const options = deployedNodeOptions(ROOT);
  expect(options).toEqual(expect.arrayContaining(['--enable-source-maps', '--heap-growing-percent=30']));
  const run = spawnSync(process.execPath, [...options, '-e', 'process.stdout.write("started")'], { encoding: 'utf8' });
  expect(run.stderr).toBe('');
  expect(run.stdout).toBe('started');
  expect(run.status).toBe(0);
});

it('is a check that can fail: node stops at once on an option it does not know', () => {
  const unknown = spawnSync(process.execPath, ['--heap-growing-percentage=30', '-e', '0'], { encoding: 'utf8' });
  expect(unknown.status).not.toBe(0);
  expect(unknown.stderr).toMatch(/bad option/);
});
