/**
 * Which file a path names, whatever its spelling. `k.gif`, `./k.gif` and `self/k.gif` (self → .) are one
 * file; comparing spellings misses the last, and the run would overwrite its own output, summary or data.
 */
import { realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, sep } from 'node:path';

export interface FileId {
  /**
   * The path through real folders: the real path of its nearest existing folder, then the rest of the name.
   * Two spellings of one file through symbolic links to folders get the same `at`.
   */
  at: string;
  /** For an existing file: its real path (symbolic links followed to the end). */
  real?: string;
  /** For an existing file: device and inode, the same for every link to it (a hard link too). */
  inode?: string;
}

/**
 * The identity of a path, relative ones against the working folder. The path is taken as written: `..`
 * after a symbolic link goes where the kernel goes, not where the spelling suggests.
 */
export function fileId(path: string): FileId {
  const abs = isAbsolute(path) ? path : `${process.cwd()}${sep}${path}`;
  const at = join(realFolder(dirname(abs)), basename(abs));
  try {
    const s = statSync(abs);
    return { at, real: realpathSync.native(abs), inode: `${s.dev}:${s.ino}` };
  } catch {
    return { at };
  }
}

/** Whether two identities are one file: the same place through real folders, or one existing file. */
export function sameFile(a: FileId, b: FileId): boolean {
  return a.at === b.at || (a.inode !== undefined && a.inode === b.inode);
}

/** The real path of a folder's nearest existing ancestor, with the missing part after it (created later). */
export function realFolder(dir: string): string {
  const missing: string[] = [];
  for (let at = dir; ; ) {
    try {
      return join(realpathSync.native(at), ...missing.reverse());
    } catch {
      const up = dirname(at);
      if (up === at) return join(at, ...missing.reverse());
      missing.push(basename(at));
      at = up;
    }
  }
}
