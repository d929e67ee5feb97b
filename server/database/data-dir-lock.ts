import { randomUUID } from 'node:crypto';
import { readFileSync, unlinkSync } from 'node:fs';
import { readFile, stat, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * One process at a time owns an embedded data folder.
 *
 * PGlite keeps its engine state (buffers, WAL position, catalog caches) in the memory of the process that opened
 * the folder, and nothing in PostgreSQL's own machinery guards the folder in PGlite (it writes no
 * postmaster.pid). Two processes on one folder each believe they own the files: the second one's writes are not
 * seen by the first and are lost when the first writes its own pages back. So the folder carries a lock file
 * naming its owner, and a second server or CLI refuses to open the engine.
 *
 * Why a PID file checked with `process.kill(pid, 0)` rather than `proper-lockfile`'s mtime heartbeat: PGlite runs
 * its queries synchronously on the event loop, so a long statement (the first seeding takes seconds, a migration
 * longer) would starve the heartbeat timer and let a second process judge a live owner stale and move in; and
 * after a kill -9 the next start would have to wait out the stale period. Asking the kernel whether the owner
 * still exists is exact and immediate. PIDs get reused, so on Linux the lock also records the owner's start time
 * (/proc/<pid>/stat) and the boot id: a live process with the recorded PID but another start time, or a lock from
 * an earlier boot, is stale. Where /proc is missing (macOS, Windows) only the PID is checked; should an
 * unrelated process have taken a crashed owner's PID, the refusal names it and the user deletes the lock file.
 *
 * A lock written on another machine (the folder on a network share, or a volume that a new container with a new
 * hostname mounts) cannot be checked: it counts as held, and the refusal says which file to delete once that
 * owner is gone.
 */
export const LOCK_FILE_NAME = 'mce-embedded.lock';

/** What the lock file records about its owner. */
interface LockOwner {
  pid: number;
  hostname: string;
  /** Linux: clock ticks after boot at which the owner started (field 22 of /proc/<pid>/stat). */
  startTime?: string;
  /** Linux: /proc/sys/kernel/random/boot_id when the owner started. */
  bootId?: string;
  startedAt: string;
  /** Tells this owner's lock apart from any other with the same fields, so release removes only its own. */
  nonce: string;
}

/** Another live process owns the folder: the one line the server and the CLI print before exiting with 1. */
export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: Pick<LockOwner, 'pid' | 'hostname'>,
  ) {
    super(
      owner.hostname === os.hostname()
        ? `The embedded database in ${dataDir} is in use by process ${owner.pid}; stop it or set DATA_DIR`
        : `The embedded database in ${dataDir} is in use by process ${owner.pid} on ${owner.hostname}; stop it or set DATA_DIR` +
            ` (if it no longer runs there, delete ${path.join(dataDir, LOCK_FILE_NAME)})`,
    );
    this.name = 'DataDirInUseError';
  }
}

export interface DataDirLock {
  /** Removes the lock file if it is still this process's own. */
  release(): void;
}

/** Lock files this process holds, by path: a second open of the same folder in one process is refused too. */
const heldHere = new Set<string>();

/** A lock file that cannot be read is either being written this instant or debris; wait this long to tell. */
const UNREADABLE_GRACE_MS = 1000;
const RETRY_MS = 20;
/** A takeover holds its claim for microseconds; a claim this old was left by a process that died holding it. */
const ABANDONED_CLAIM_MS = 5000;

/**
 * Makes this process the owner of `dataDir` (which must exist), or throws DataDirInUseError naming the live
 * owner. A stale lock (its owner gone) is taken over. The lock is released by `release()`, and also when the
 * process exits through `process.exit` or the end of the event loop; a process killed outright leaves a lock
 * behind that the next start recognises as stale.
 */
export async function lockDataDir(dataDir: string): Promise<DataDirLock> {
  const lockPath = path.join(dataDir, LOCK_FILE_NAME);
  const owner: LockOwner = {
    pid: process.pid,
    hostname: os.hostname(),
    startTime: startTimeOf(process.pid),
    bootId: currentBootId(),
    startedAt: new Date().toISOString(),
    nonce: randomUUID(),
  };
  const content = `${JSON.stringify(owner)}\n`;
  let unreadableSince: number | undefined;
  for (;;) {
    // Created with O_EXCL: of two processes starting together exactly one creates it.
    if (await createExclusive(lockPath, content)) break;
    const found = await readLock(lockPath);
    if (found === 'missing') continue;
    if (found === 'unreadable') {
      unreadableSince ??= Date.now();
      if (Date.now() - unreadableSince < UNREADABLE_GRACE_MS) {
        await sleep(RETRY_MS);
        continue;
      }
    } else if (isAlive(found.owner, lockPath)) {
      throw new DataDirInUseError(dataDir, found.owner);
    }
    await takeOver(lockPath, found === 'unreadable' ? undefined : found.raw);
  }

  heldHere.add(lockPath);
  const releaseOnExit = () => release();
  process.once('exit', releaseOnExit);
  let released = false;
  function release(): void {
    if (released) return;
    released = true;
    process.removeListener('exit', releaseOnExit);
    heldHere.delete(lockPath);
    // Synchronous, because the 'exit' handler cannot wait; and only if the file is still ours.
    try {
      if (readFileSync(lockPath, 'utf8') === content) unlinkSync(lockPath);
    } catch {
      // Already gone (the folder was removed, say): nothing to release.
    }
  }
  return { release };
}

async function createExclusive(lockPath: string, content: string): Promise<boolean> {
  try {
    await writeFile(lockPath, content, { flag: 'wx', mode: 0o644 });
    return true;
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  }
}

type FoundLock = 'missing' | 'unreadable' | { owner: LockOwner; raw: string };

async function readLock(lockPath: string): Promise<FoundLock> {
  let raw: string;
  try {
    raw = await readFile(lockPath, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return 'missing';
    throw error;
  }
  const owner = parseOwner(raw);
  return owner ? { owner, raw } : 'unreadable';
}

function parseOwner(raw: string): LockOwner | undefined {
  try {
    const value = JSON.parse(raw) as Partial<LockOwner>;
    if (Number.isSafeInteger(value.pid) && (value.pid as number) > 0 && typeof value.hostname === 'string') {
      return value as LockOwner;
    }
  } catch {
    // Not JSON (yet): treated as unreadable.
  }
  return undefined;
}

/** Whether the recorded owner may still be running, erring towards "yes" where it cannot be known. */
function isAlive(owner: LockOwner, lockPath: string): boolean {
  if (owner.hostname !== os.hostname()) return true;
  const bootId = currentBootId();
  if (owner.bootId && bootId && owner.bootId !== bootId) return false;
  // Our own PID: either this process opened the folder already, or a previous process had our PID
  // (a container restarted with the same PID 1, for one).
  if (owner.pid === process.pid) return heldHere.has(lockPath);
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    // ESRCH: no such process. EPERM: it exists but belongs to another user: alive.
    if (errorCode(error) === 'ESRCH') return false;
  }
  const startTime = startTimeOf(owner.pid);
  return !(owner.startTime && startTime && owner.startTime !== startTime);
}

/**
 * Removes a stale lock so that the caller's next exclusive create can succeed. Two processes may find the same
 * stale lock at once; deleting it blindly could delete the fresh lock the faster one just created in its place.
 * So the removal happens under a claim file (also O_EXCL), after checking the lock still holds the stale content.
 * A claim whose owner died (in the microseconds between its creation and removal), or one far older than any
 * takeover takes (its PID since reused), is removed in turn.
 */
async function takeOver(lockPath: string, staleRaw: string | undefined): Promise<void> {
  const claimPath = `${lockPath}.takeover`;
  if (!(await createExclusive(claimPath, String(process.pid)))) {
    const claimant = Number(await readFile(claimPath, 'utf8').catch(() => ''));
    const claimedAt = (await stat(claimPath).catch(() => undefined))?.mtimeMs ?? Date.now();
    const abandoned = !(Number.isSafeInteger(claimant) && claimant > 0 && processExists(claimant));
    if (abandoned || Date.now() - claimedAt > ABANDONED_CLAIM_MS) await unlink(claimPath).catch(() => undefined);
    await sleep(RETRY_MS);
    return;
  }
  try {
    const current = await readFile(lockPath, 'utf8').catch(() => undefined);
    const stillStale =
      staleRaw === undefined ? current !== undefined && parseOwner(current) === undefined : current === staleRaw;
    if (stillStale) await unlink(lockPath).catch(() => undefined);
  } finally {
    await unlink(claimPath).catch(() => undefined);
  }
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) !== 'ESRCH';
  }
}

/** Field 22 of /proc/<pid>/stat, after the command name (which may itself hold spaces and parentheses). */
function startTimeOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function currentBootId(): string | undefined {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
