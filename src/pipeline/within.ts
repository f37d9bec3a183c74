/**
 * Containment (`--within DIR`): a docs build that runs a jobs file from a pull request must not let it write
 * anywhere else. Every file the run writes (outputs, manifests, the summary) must resolve inside DIR, with
 * symbolic links followed: the real path of the nearest existing folder, and for an existing file (a FIFO
 * or a device is written into, not renamed over) its own real path too.
 */
import { isAbsolute, relative, sep } from 'node:path';
import { messages, usageError } from '../errors';
import type { RunConfig } from '../config';
import { filesWritten } from './clashes';
import { fileId, realFolder } from './identity';

/** The real path of DIR (or of its nearest existing folder, with the rest): what "inside" is measured against. */
export function withinRoot(dir: string): string {
  // Not path.resolve: it drops `link/..` by spelling, where the kernel goes up from the link's target.
  return realFolder(isAbsolute(dir) ? dir : `${process.cwd()}${sep}${dir}`);
}

/** Where a path really lands when it is outside `root`, else undefined. */
export function outside(root: string, path: string): string | undefined {
  const id = fileId(path);
  return [id.at, id.real].find((p) => p !== undefined && !inside(root, p));
}

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

/** Refuses (exit 2, before any work) a single run that would write a file outside `dir`. */
export function refuseOutside(config: RunConfig, summaryPath: string | undefined, dir: string): void {
  const root = withinRoot(dir);
  const names = [...filesWritten(config).map((f) => f.name), ...(summaryPath !== undefined && summaryPath !== '-' ? [summaryPath] : [])];
  for (const name of names) {
    const lands = outside(root, name);
    if (lands !== undefined) throw usageError(messages.outsideWithin(name, lands, dir));
  }
}
