import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkContract, coordinateOf } from '../../server/scripts/contract-check';

/**
 * The release rule for the public contract, tried on a scratch repository with the project's layout: a breaking
 * change to schema.graphql passes only with a version bump whose CHANGELOG entry names it.
 */
const V1_SCHEMA = `type Query {
  conference(year: Int!): Conference
  countries: [String!]!
}

type Conference {
  year: Int!
  title: String!
}
`;
/** `title` removed: breaking. */
const WITHOUT_TITLE = V1_SCHEMA.replace('  title: String!\n', '');
/** A new optional field: not breaking. */
const WITH_MOTTO = V1_SCHEMA.replace('  title: String!\n', '  title: String!\n  motto: String\n');

const changelog = (...entries: Array<[string, string]>) =>
  `# Changelog\n\n${entries.map(([version, notes]) => `## ${version}\n\n${notes}\n`).join('\n')}`;

let repo: string;
function write(files: { schema?: string; version?: string; changelog?: string }) {
  if (files.schema !== undefined) writeFileSync(path.join(repo, 'schema.graphql'), files.schema);
  if (files.version !== undefined)
    writeFileSync(path.join(repo, 'sdk/package.json'), JSON.stringify({ name: '@mce/sdk', version: files.version }));
  if (files.changelog !== undefined) writeFileSync(path.join(repo, 'sdk/CHANGELOG.md'), files.changelog);
}
function commit(message: string) {
  execFileSync('git', ['add', '-A'], { cwd: repo });
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.org', 'commit', '-qm', message], { cwd: repo });
}

beforeEach(() => {
  repo = mkdtempSync(path.join(os.tmpdir(), 'mce-contract-'));
  mkdirSync(path.join(repo, 'sdk'));
  execFileSync('git', ['init', '-q'], { cwd: repo });
  write({ schema: V1_SCHEMA, version: '0.1.0', changelog: changelog(['0.1.0', 'First release.']) });
  commit('0.1.0');
});
afterEach(() => rmSync(repo, { recursive: true, force: true }));

describe('the SDK contract check', () => {
  it('passes an unchanged schema and one that only adds', () => {
    expect(checkContract(repo).problems).toEqual([]);
    write({ schema: WITH_MOTTO });
    expect(checkContract(repo).problems).toEqual([]);
    commit('motto');
    expect(checkContract(repo).problems).toEqual([]);
  });

  it('refuses a breaking change without a version bump, committed or not', () => {
    write({ schema: WITHOUT_TITLE });
    const uncommitted = checkContract(repo).problems;
    expect(uncommitted).toHaveLength(1);
    expect(uncommitted[0]).toContain('Breaking change since SDK 0.1.0 was released: Conference.title was removed.');
    expect(uncommitted[0]).toContain('naming Conference.title');
    commit('remove title');
    expect(checkContract(repo).problems).toEqual(uncommitted);
  });

  it('accepts the change with a bump whose entry names it, before and after the commit', () => {
    write({
      schema: WITHOUT_TITLE,
      version: '0.2.0',
      changelog: changelog(['0.2.0', 'Removed `Conference.title`.'], ['0.1.0', 'First release.']),
    });
    expect(checkContract(repo)).toEqual({ problems: [], recorded: ['Conference.title was removed.'] });
    commit('0.2.0');
    expect(checkContract(repo)).toEqual({ problems: [], recorded: ['Conference.title was removed.'] });
  });

  it('refuses an entry that does not name the change, a bump too small, and a version without an entry', () => {
    write({
      schema: WITHOUT_TITLE,
      version: '0.2.0',
      changelog: changelog(['0.2.0', 'Tidied up.'], ['0.1.0', 'First release.']),
    });
    expect(checkContract(repo).problems).toEqual([
      'The sdk/CHANGELOG.md entry for 0.2.0 does not name Conference.title: Conference.title was removed.',
    ]);

    write({
      version: '0.1.1',
      changelog: changelog(['0.1.1', 'Removed Conference.title.'], ['0.1.0', 'First release.']),
    });
    expect(checkContract(repo).problems).toEqual([
      'SDK 0.1.1 breaks the contract of 0.1.0, so it needs a minor version bump.',
    ]);

    write({ version: '0.3.0' });
    expect(checkContract(repo).problems).toEqual([
      'sdk/CHANGELOG.md must start with an entry "## 0.3.0" for the SDK\'s version (sdk/package.json); its newest is 0.1.1.',
    ]);
  });

  it('refuses a breaking change slipped in after the release that recorded another', () => {
    write({
      schema: WITH_MOTTO,
      version: '0.2.0',
      changelog: changelog(['0.2.0', 'Added Conference.motto.'], ['0.1.0', 'First release.']),
    });
    commit('0.2.0');
    write({ schema: WITH_MOTTO.replace('  countries: [String!]!\n', '') });
    commit('remove countries');
    expect(checkContract(repo).problems).toEqual([
      expect.stringContaining('Breaking change since SDK 0.2.0 was released: Query.countries was removed.'),
    ]);
  });

  it('says so when the history it needs is missing (a shallow clone)', () => {
    write({ schema: WITH_MOTTO });
    commit('motto');
    const shallow = mkdtempSync(path.join(os.tmpdir(), 'mce-contract-shallow-'));
    try {
      execFileSync('git', ['clone', '-q', '--depth', '1', `file://${repo}`, shallow]);
      expect(checkContract(shallow).problems).toEqual([
        'The contract check needs the whole git history; this clone is shallow (git fetch --unshallow).',
      ]);
    } finally {
      rmSync(shallow, { recursive: true, force: true });
    }
  });

  it('names each change by the coordinate it is about', () => {
    expect(coordinateOf('A required arg input on Mutation.updateMembership was added.')).toBe(
      'Mutation.updateMembership',
    );
    expect(coordinateOf('Mutation.updateMembership arg note was removed.')).toBe('Mutation.updateMembership');
    expect(coordinateOf('A required field code on input type CountryInput was added.')).toBe('CountryInput');
    expect(coordinateOf('ApiKeyFilter was removed.')).toBe('ApiKeyFilter');
    expect(coordinateOf('Role.EDITOR was removed from enum type Role.')).toBe('Role.EDITOR');
  });

  it('finds a release made while merging a branch, and holds later changes to it', () => {
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.org', ...args], { cwd: repo });
    const main = execFileSync('git', ['branch', '--show-current'], { cwd: repo, encoding: 'utf8' }).trim();
    git('checkout', '-q', '-b', 'feature');
    write({ schema: WITHOUT_TITLE });
    commit('remove title');
    git('checkout', '-q', main);
    git('merge', '-q', '--no-ff', '--no-commit', 'feature');
    write({
      version: '0.2.0',
      changelog: changelog(['0.2.0', 'Removed Conference.title.'], ['0.1.0', 'First release.']),
    });
    commit('merge feature, release 0.2.0');
    expect(checkContract(repo)).toEqual({ problems: [], recorded: ['Conference.title was removed.'] });
    write({ schema: WITHOUT_TITLE.replace('  countries: [String!]!\n', '') });
    expect(checkContract(repo).problems).toEqual([
      expect.stringContaining('Breaking change since SDK 0.2.0 was released: Query.countries was removed.'),
    ]);
  });
});
