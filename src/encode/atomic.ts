/**
 * Write-then-rename: output goes to a temporary file beside its target (same folder, so the rename is
 * atomic on one file system) and replaces the target only when complete. A failed or interrupted run leaves
 * no partial file and leaves an existing target untouched.
 */
import { randomBytes } from 'node:crypto';
import { constants, createReadStream, createWriteStream, unlinkSync } from 'node:fs';
import { chmod, chown, mkdir, open, readdir, readFile, rename, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { messages, MlvisError, resourceError, runError } from '../errors';
import { removeTracked, trackTemp, untrackTemp } from './movedTemps';

/**
 * Whose temporary files are whose. Each process names its temporary files with a token of its own,
 * `.NAME.mlvis-TOKEN-RANDOM.tmp`: hidden, ending in .tmp, and marked as mlvis's so that no file of a user's
 * (`.notes.txt.99999.deadbeef.tmp`) is ever taken for one. A batch chooses its workers' tokens
 * (MLVIS_TEMP_TOKEN) so that it can clear the files of a worker that died.
 */
const TOKEN = /^[0-9a-f]{12}$/.test(process.env.MLVIS_TEMP_TOKEN ?? '') ? process.env.MLVIS_TEMP_TOKEN! : newTempToken();
const TEMP_NAME = /^\..+\.mlvis-([0-9a-f]{12})-[0-9a-f]{8}\.tmp$/;

/** A fresh token for a process's temporary files (a batch gives one to each worker it starts). */
export function newTempToken(): string {
  return randomBytes(6).toString('hex');
}

/**
 * Staleness is a lease, not a PID. A live run renews the lease of every temporary file it holds (touches its
 * modification time) every LEASE_RENEW_MS, and a file of this naming whose lease is older than
 * STALE_AFTER_MS is left from a run that died (SIGKILL, a power cut) and is removed by the next run into its
 * folder. A PID says nothing across PID namespaces (a container or a pod on a shared volume sees a live run's
 * PID as dead: NOTES.md), while a lease works wherever the folder is shared. (flock(2) would do as well, but
 * Node has no binding for it, and the npm packages that add one are native addons built at install time.)
 * A run stopped for longer than STALE_AFTER_MS (Ctrl-Z) may find its file gone, and then fails cleanly.
 */
export const LEASE_RENEW_MS = 10_000;
export const STALE_AFTER_MS = 10 * 60_000;

/** The temporary files this process holds now: their leases are renewed, and a last-moment exit removes them. */
const live = new Set<string>();
let renewal: NodeJS.Timeout | undefined;

/** Holds a new temporary file: its lease is renewed, and its folder is held open in case it moves (movedTemps). */
function hold(temp: string): void {
  live.add(temp);
  trackTemp(temp);
  renewal ??= setInterval(renewLeases, LEASE_RENEW_MS).unref();
}

/** Lets go of a temporary file renamed into place or removed. */
function release(temp: string): void {
  live.delete(temp);
  untrackTemp(temp);
  if (live.size === 0 && renewal) {
    clearInterval(renewal);
    renewal = undefined;
  }
}

function renewLeases(): void {
  const now = new Date();
  for (const temp of live) void utimes(temp, now, now).catch(() => undefined);
}

/**
 * Removes, at once and synchronously, every temporary file this process still holds: for an exit that
 * cannot wait for the run's own clean-up (the CLI's last-moment guard). Never throws.
 */
export function removeHeldTempsSync(): void {
  for (const temp of live) {
    try {
      unlinkSync(temp);
    } catch {
      // gone already
    }
  }
  live.clear();
}

/** The temporary files this process holds (for tests). */
export function heldTemps(): string[] {
  return [...live];
}

/**
 * The temporary name for a target: `.NAME.mlvis-TOKEN-RANDOM.tmp` in the same folder. The random part only
 * names the file, it never reaches output bytes.
 */
export function tempPathFor(target: string): string {
  // A name stays within the usual 255-byte limit: a long target name is shortened in its temporary name.
  const base = Buffer.from(basename(target)).subarray(0, 200).toString('utf8').replace(/\uFFFD+$/, '');
  return join(dirname(target), `.${base}.mlvis-${TOKEN}-${randomBytes(4).toString('hex')}.tmp`);
}

/** Temporary files of this naming whose lease has run out (a killed run): removed before a new one starts. */
async function removeStaleTemps(folder: string): Promise<void> {
  const limit = Date.now() - STALE_AFTER_MS;
  await removeTemps(folder, async (token, path) => token !== TOKEN && ((await stat(path).catch(() => null))?.mtimeMs ?? Infinity) < limit);
}

/** Removes the temporary files of the process whose token this is (a batch worker that died mid-job). */
export async function removeTempsOf(folder: string, token: string): Promise<void> {
  await removeTemps(folder, async (t) => t === token);
}

async function removeTemps(folder: string, whose: (token: string, path: string) => Promise<boolean>): Promise<void> {
  const names = await readdir(folder).catch(() => [] as string[]);
  for (const name of names) {
    const m = TEMP_NAME.exec(name);
    const path = join(folder, name);
    if (m && (await whose(m[1], path))) await unlink(path).catch(() => undefined);
  }
}

/**
 * Creates the target's missing parent folders and an empty temporary file beside it, and returns that
 * file's path. Fails early, before any frame is encoded, with messages.outputUnwritable when the folder
 * cannot be written or the target is a folder.
 */
export async function createTemp(target: string): Promise<string> {
  try {
    await ensureFolder(dirname(target));
    const existing = await stat(target).catch(() => null);
    if (existing?.isDirectory()) throw runError(messages.outputUnwritable(target, 'it is a folder'));
    // A special file (a FIFO, /dev/null) is written into at the end: its temporary file goes to the system's
    // temporary folder, never beside it (/dev is no place for files).
    const special = existing !== null && !existing.isFile();
    if (!special) await removeStaleTemps(dirname(target));
    const temp = special ? join(tmpdir(), basename(tempPathFor(target))) : tempPathFor(target);
    await writeFile(temp, new Uint8Array(0), { flag: 'wx' });
    hold(temp);
    return temp;
  } catch (error) {
    throw asUnwritable(target, error);
  }
}

/**
 * mkdir -p, one level at a time. Node's own `mkdir(…, { recursive: true })` spins forever on some paths
 * (seen with a missing folder under /proc: 100 % CPU, never returns), so it is not used.
 */
async function ensureFolder(dir: string): Promise<void> {
  const missing: string[] = [];
  let at = resolve(dir);
  while (!(await stat(at).then(() => true, () => false))) {
    missing.push(at);
    const up = dirname(at);
    if (up === at) break;
    at = up;
  }
  for (const folder of missing.reverse()) {
    await mkdir(folder).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
  }
}

/**
 * Puts a finished temporary file in its target's place and returns its size in bytes. A regular target is
 * replaced by a rename (atomic), keeping its permission bits. A target that exists but is no regular file
 * (a FIFO, /dev/null, a terminal) is written into, as shell redirection would, never renamed over.
 */
export async function commitTemp(temp: string, target: string, signal?: AbortSignal): Promise<number> {
  try {
    const existing = await stat(target).catch(() => null);
    if (existing && !existing.isFile()) {
      const size = (await stat(temp)).size;
      if (existing.isFIFO()) await intoFifo(temp, target, signal);
      else await pipeline(createReadStream(temp), createWriteStream(target, { flags: 'w' }));
      await unlink(temp);
      release(temp);
      return size;
    }
    if (existing) {
      // The replacement keeps the file's owner (root can give it back; chown clears set-id bits, so it
      // comes first) and its permission bits.
      if (process.getuid?.() === 0 && (existing.uid !== 0 || existing.gid !== 0)) await chown(temp, existing.uid, existing.gid).catch(() => undefined);
      await chmod(temp, existing.mode & 0o7777);
    }
    await rename(temp, target);
    release(temp);
    return (await stat(target)).size;
  } catch (error) {
    throw await tempGone(temp, target, error) ?? asUnwritable(target, error);
  }
}

/**
 * When the temporary file is gone but its folder is there, another process removed it (a run that took an
 * expired lease for a dead run's: this one was stopped longer than STALE_AFTER_MS, or clocks differ on a
 * shared volume). Said as such, not as a missing folder.
 */
export async function tempGone(temp: string, target: string, error: unknown): Promise<MlvisError | undefined> {
  if ((error as NodeJS.ErrnoException | null)?.code !== 'ENOENT') return undefined;
  const folder = await stat(dirname(temp)).catch(() => null);
  const file = await stat(temp).catch(() => null);
  return folder?.isDirectory() && !file ? runError(messages.tempRemoved(target, temp), error) : undefined;
}

/**
 * Writes a file into a FIFO without ever blocking: a plain open() would block a thread until a reader
 * comes (and even exit waits for that thread), so the FIFO is opened non-blocking, retried until it has a
 * reader, and written with retries while the pipe is full. A stop ends every wait.
 */
async function intoFifo(temp: string, fifo: string, signal?: AbortSignal): Promise<void> {
  const pause = async () => {
    if (signal?.aborted) throw runError(messages.interrupted());
    await new Promise((resolve) => setTimeout(resolve, 20));
  };
  let handle;
  for (;;) {
    try {
      handle = await open(fifo, constants.O_WRONLY | constants.O_NONBLOCK);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENXIO') throw error; // no reader yet
      await pause();
    }
  }
  try {
    const bytes = await readFile(temp);
    for (let at = 0; at < bytes.length; ) {
      try {
        at += (await handle.write(bytes, at, Math.min(65536, bytes.length - at))).bytesWritten;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error; // the pipe is full
        await pause();
      }
    }
  } finally {
    await handle.close();
  }
}

/** Deletes a file if it exists; never throws (used by abort). */
export async function removeQuietly(path: string | undefined): Promise<void> {
  if (path === undefined) return;
  // A folder moved during the run took the file with it: it is removed where it is now (see movedTemps).
  if (!(await removeTracked(path))) await unlink(path).catch(() => undefined);
  release(path);
}

/** An I/O error on the output, worded for the user: messages.outputUnwritable with a short reason. */
export function asUnwritable(target: string, error: unknown): MlvisError {
  if (error instanceof MlvisError) return error;
  // Out of open files or memory: the machine's limit is the fix, not the folder (a full disk names its file).
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code !== 'ENOSPC' && code !== 'EDQUOT') {
    const resource = resourceError(error);
    if (resource) return resource;
  }
  const { reason, hint } = whyUnwritable(error);
  return runError(messages.outputUnwritable(target, reason, hint), error);
}

/** Why a write failed, in words, and the advice that fits (the default: the folder and its permissions). */
export function whyUnwritable(error: unknown): { reason: string; hint: string } {
  return { reason: reasonOf(error), hint: HINTS[(error as NodeJS.ErrnoException | null)?.code ?? ''] ?? 'check the folder and its permissions' };
}

/** Where the usual advice (the folder, its permissions) does not apply, what does. */
const HINTS: Record<string, string> = {
  ENOSPC: 'free some space, or write elsewhere',
  EDQUOT: 'free some space, or write elsewhere',
  EPIPE: 'whatever reads it stopped reading',
  ENAMETOOLONG: 'give a shorter name',
};

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'it is a folder',
  ENAMETOOLONG: 'the name is too long',
  EEXIST: 'a file is in the way of a folder',
  ENOENT: 'its folder does not exist and cannot be created',
  EPIPE: 'the reader closed it',
};

function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code && REASONS[code]) return REASONS[code];
  return error instanceof Error ? error.message : String(error);
}

/**
 * All the files of one run, committed together: each encoder stages its finished temporary file here
 * instead of renaming it at once, and the run renames them all only when every output has succeeded, so a
 * failure or an interrupt in the third file leaves the first two targets as they were.
 */
export interface Commit {
  /** Takes over a finished temporary file for its target; returns its size in bytes. */
  stage(temp: string, target: string): Promise<number>;
  /** Work to do once everything is renamed (a PNG sequence removes an older run's extra frames). */
  after(work: () => Promise<void>): void;
  /** Renames every staged file onto its target, in the order staged; `signal` ends a wait for a FIFO's reader. */
  commit(signal?: AbortSignal): Promise<void>;
  /** Removes every staged temporary file; never throws. */
  discard(): Promise<void>;
  /** The temporary file staged for a target, until the commit renames it. */
  tempFor(target: string): string | undefined;
}

export function createCommit(): Commit {
  let staged: { temp: string; target: string }[] = [];
  const later: (() => Promise<void>)[] = [];
  return {
    async stage(temp, target) {
      staged.push({ temp, target });
      try {
        return (await stat(temp)).size;
      } catch (error) {
        throw asUnwritable(target, error);
      }
    },
    after: (work) => void later.push(work),
    async commit(signal) {
      while (staged.length > 0) {
        await commitTemp(staged[0].temp, staged[0].target, signal);
        staged.shift();
      }
      for (const work of later.splice(0)) await work();
    },
    async discard() {
      const temps = staged;
      staged = [];
      for (const s of temps) await removeQuietly(s.temp);
    },
    tempFor: (target) => staged.find((s) => s.target === target)?.temp,
  };
}

/** A finished temporary file: staged in the run's commit when there is one, else renamed now. */
export function finishTemp(commit: Commit | undefined, temp: string, target: string): Promise<number> {
  return commit ? commit.stage(temp, target) : commitTemp(temp, target);
}
