/**
 * Telling an error that comes from the machine's limits from a real fault. Most say so in their code
 * (resourceError in errors.ts); some do not: a native module that cannot open its files under a small
 * `ulimit -n` is reported by Node as "Cannot find module". So when an error is otherwise unexplained, mlvis
 * checks whether it could open a few more files right now.
 */
import { closeSync, openSync } from 'node:fs';
import { messages, MlvisError, resourceError } from './errors';

/** Whether `count` more files could be opened now (false: the process is at its limit of open files). */
export function roomForFiles(count = 4): boolean {
  const fds: number[] = [];
  try {
    for (let i = 0; i < count; i++) fds.push(openSync('/dev/null', 'r'));
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code !== 'EMFILE' && code !== 'ENFILE';
  } finally {
    for (const fd of fds) closeSync(fd);
  }
}

/** The resource error for `error`: from its own words, or (unexplained) from the files left to open. */
export function exhaustedResource(error: unknown): MlvisError | undefined {
  return resourceError(error) ?? (roomForFiles() ? undefined : new MlvisError(messages.tooManyFiles(), 1, { cause: error }));
}
