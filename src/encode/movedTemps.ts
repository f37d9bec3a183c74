/**
 * Temporary files whose folder is moved during the run (`mv out moved` while it renders). The final rename
 * then fails, and the clean-up would look for the temporary file where the folder was, leaving it in the
 * moved folder. Each temporary file's folder is held open, so the clean-up finds the file wherever the folder
 * is now (Linux names an open folder's current path in /proc/self/fd) and removes it if it is still the same
 * file (device and inode). Elsewhere nothing is held and nothing changes.
 */
import { closeSync, constants, existsSync, openSync, readlinkSync, statSync } from 'node:fs';
import { stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

const LINUX_FDS = '/proc/self/fd';
const canFind = process.platform === 'linux' && existsSync(LINUX_FDS);

/** Open folders, by path, with how many tracked temporary files are in each: one descriptor per folder. */
const folders = new Map<string, { fd: number; count: number }>();
const temps = new Map<string, { folder: string; inode: string }>();

/** Remembers a temporary file just created; a folder that cannot be opened (no read permission) is not held. */
export function trackTemp(temp: string): void {
  if (!canFind || temps.has(temp)) return;
  const folder = dirname(resolve(temp));
  try {
    const s = statSync(temp);
    let held = folders.get(folder);
    if (!held) {
      held = { fd: openSync(folder, constants.O_RDONLY | constants.O_DIRECTORY), count: 0 };
      folders.set(folder, held);
    }
    held.count++;
    temps.set(temp, { folder, inode: `${s.dev}:${s.ino}` });
  } catch {
    // Not tracked: a clean-up then works by path alone, as before.
  }
}

/** Forgets a temporary file that was renamed into place or removed; its folder is closed with its last one. */
export function untrackTemp(temp: string): void {
  const t = temps.get(temp);
  if (!t) return;
  temps.delete(temp);
  const held = folders.get(t.folder)!;
  if (--held.count === 0) {
    folders.delete(t.folder);
    closeSync(held.fd);
  }
}

/**
 * Removes a tracked temporary file, at its path or, when its folder has moved, where the folder is now: only
 * the file created (same device and inode), never another that took its name. False when it is not tracked.
 */
export async function removeTracked(temp: string): Promise<boolean> {
  const t = temps.get(temp);
  if (!t) return false;
  try {
    const now = readlinkSync(join(LINUX_FDS, String(folders.get(t.folder)!.fd)));
    for (const path of new Set([temp, join(now, basename(temp))])) {
      const s = await stat(path).catch(() => null);
      if (s && `${s.dev}:${s.ino}` === t.inode) {
        await unlink(path);
        break;
      }
    }
  } catch {
    // The folder is gone, or the file cannot be removed: nothing more to do.
  } finally {
    untrackTemp(temp);
  }
  return true;
}
