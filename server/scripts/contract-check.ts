import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, findBreakingChanges } from 'graphql';

/**
 * The public contract's release rule: applications that import the SDK must learn from its version when they
 * have to change. So a breaking change to schema.graphql (graphql-js `findBreakingChanges`: a removed field, a
 * new required argument, a narrowed type…) lands only with a new SDK version whose CHANGELOG entry names it.
 *
 * The CHANGELOG (sdk/CHANGELOG.md, `## x.y.z` headings, newest first) is the release record: the commit that
 * added a version's heading is that release. Two checks, against the git history:
 * 1. Nothing breaking since the current release: schema.graphql as committed with the current version's heading
 *    against the working tree.
 * 2. Every breaking change of the current release is named in its entry (by schema coordinate, e.g.
 *    `Mutation.updateMembership`): the previous release's schema against this one; and the version rose enough
 *    for it (a major bump, or a minor one while the major is 0).
 */

const SCHEMA = 'schema.graphql';
const CHANGELOG = 'sdk/CHANGELOG.md';
const SDK_PACKAGE = 'sdk/package.json';

export interface ContractReport {
  problems: string[];
  /** Breaking changes in the current release, recorded in its entry. */
  recorded: string[];
}

interface Release {
  version: string;
  /** The entry's text (heading to the next heading). */
  notes: string;
}

function git(repo: string, args: string[]): string {
  return execFileSync('git', args, { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** `## 1.2.0` or `## 1.2.0 - 2026-12-01`: the releases, newest first. */
export function parseChangelog(text: string): Release[] {
  const releases: Release[] = [];
  for (const section of text.split(/^(?=## )/m)) {
    const heading = /^## \[?(\d+\.\d+\.\d+)\]?/.exec(section);
    if (heading) releases.push({ version: heading[1], notes: section });
  }
  return releases;
}

/**
 * The commit that added a release's heading to the CHANGELOG; undefined while it is not committed. Along the
 * first-parent line, with merges diffed against it, so that a release made while merging a branch counts too.
 */
function releaseCommit(repo: string, version: string): string | undefined {
  const commits = git(repo, [
    'log',
    '--first-parent',
    '-m',
    '--format=%H',
    '--reverse',
    '-G',
    `^## \\[?${version.replace(/\./g, '\\.')}\\]?`,
    '--',
    CHANGELOG,
  ])
    .split('\n')
    .filter(Boolean);
  return commits[0];
}

function schemaAt(repo: string, commit: string): string | undefined {
  try {
    return git(repo, ['show', `${commit}:${SCHEMA}`]);
  } catch {
    return undefined;
  }
}

/** One line per breaking change, e.g. "Mutation.updateMembership.membershipId: BREAKING… was removed." */
export function breakingChanges(before: string, after: string): string[] {
  return findBreakingChanges(buildSchema(before), buildSchema(after)).map((change) => change.description);
}

/**
 * The schema coordinate a change is about: the first `Type.field` it names ("A required arg input on
 * Mutation.updateMembership was added."), else the type it names ("A required field code on input type
 * CountryInput was added.", "ApiKeyFilter was removed.").
 */
export function coordinateOf(description: string): string {
  const field = /\b[A-Za-z_]\w*\.[A-Za-z_]\w*/.exec(description);
  if (field) return field[0];
  return (
    (/\btype ([A-Za-z_]\w*)/.exec(description) ?? /^[A-Za-z_]\w*/.exec(description))?.[0].replace(/^type /, '') ??
    description
  );
}

function isBumpedEnough(previous: string, current: string): boolean {
  const [pMajor, pMinor] = previous.split('.').map(Number);
  const [cMajor, cMinor] = current.split('.').map(Number);
  return pMajor === 0 ? cMajor > 0 || cMinor > pMinor : cMajor > pMajor;
}

export function checkContract(repo: string): ContractReport {
  const problems: string[] = [];
  if (git(repo, ['rev-parse', '--is-shallow-repository']).trim() === 'true') {
    return {
      problems: ['The contract check needs the whole git history; this clone is shallow (git fetch --unshallow).'],
      recorded: [],
    };
  }
  const current = readFileSync(path.join(repo, SCHEMA), 'utf8');
  const version = (JSON.parse(readFileSync(path.join(repo, SDK_PACKAGE), 'utf8')) as { version: string }).version;
  const releases = parseChangelog(readFileSync(path.join(repo, CHANGELOG), 'utf8'));
  const [latest, previous] = releases;
  if (latest?.version !== version) {
    return {
      problems: [
        `${CHANGELOG} must start with an entry "## ${version}" for the SDK's version (${SDK_PACKAGE}); its newest is ${latest ? latest.version : 'missing'}.`,
      ],
      recorded: [],
    };
  }

  // 1. Nothing breaking since the current release was committed. (While its entry is not committed yet, what
  // changed since HEAD belongs to that release, and check 2 covers it.)
  const released = releaseCommit(repo, version);
  const releasedSchema = released === undefined ? undefined : schemaAt(repo, released);
  for (const change of releasedSchema === undefined ? [] : breakingChanges(releasedSchema, current)) {
    problems.push(
      `Breaking change since SDK ${version} was released: ${change} Bump the version in ${SDK_PACKAGE} and add its entry to ${CHANGELOG} naming ${coordinateOf(change)}.`,
    );
  }

  // 2. The current release records each of its breaking changes and bumps the version enough for them.
  const recorded: string[] = [];
  const previousCommit = previous && releaseCommit(repo, previous.version);
  const previousSchema = previousCommit && schemaAt(repo, previousCommit);
  if (previousSchema) {
    const changes = breakingChanges(previousSchema, releasedSchema ?? current);
    for (const change of changes) {
      const coordinate = coordinateOf(change);
      if (!latest.notes.includes(coordinate))
        problems.push(`The ${CHANGELOG} entry for ${version} does not name ${coordinate}: ${change}`);
      else recorded.push(change);
    }
    if (changes.length > 0 && !isBumpedEnough(previous.version, version)) {
      problems.push(
        `SDK ${version} breaks the contract of ${previous.version}, so it needs a ${Number(previous.version.split('.')[0]) === 0 ? 'minor' : 'major'} version bump.`,
      );
    }
  }
  return { problems, recorded };
}

if (require.main === module) {
  const repo = path.resolve(__dirname, '../../..');
  try {
    const { problems, recorded } = checkContract(repo);
    if (problems.length > 0) {
      for (const problem of problems) console.error(problem);
      process.exitCode = 1;
    } else {
      console.log(
        `schema.graphql keeps the SDK's contract${recorded.length ? ` (${recorded.length} breaking change(s) recorded in this release)` : ''}.`,
      );
    }
  } catch (error) {
    console.error(`The contract check could not run: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
