import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import semver from 'semver';

/**
 * A fresh `npm ci` on Node 20 (what the README asks for) installs nothing whose `engines` rejects Node 20: no
 * EBADENGINE warning for a new user. The lock file is what `npm ci` installs; the packages npm skipped (optional
 * ones for other platforms or engines) are not on disk and do not count. package.json's `overrides` keep the
 * GraphQL tooling on releases from before its move to Node 22; regenerating the lock without them fails here.
 */
const ROOT = path.resolve(__dirname, '../..');
const SUPPORTED_NODE = '^20';

interface LockedPackage {
  version?: string;
  engines?: Record<string, string> | string[];
}

it('installs only packages whose engines accept Node 20', () => {
  const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, LockedPackage>;
  };
  const installed = Object.entries(lock.packages).filter(
    ([location]) => location !== '' && existsSync(path.join(ROOT, location)),
  );
  expect(installed.length).toBeGreaterThan(500);
  const rejecting = installed
    .map(([location, info]) => ({
      location,
      version: info.version,
      node: Array.isArray(info.engines) ? undefined : info.engines?.node,
    }))
    .filter(({ node }) => node !== undefined && !semver.intersects(node, SUPPORTED_NODE))
    .map(({ location, version, node }) => `${location.replace(/^.*node_modules\//, '')}@${version} wants node ${node}`);
  expect(rejecting).toEqual([]);
});
