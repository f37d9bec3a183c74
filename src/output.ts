import { writeFile } from 'node:fs/promises';
import { commitTemp, createTemp, removeQuietly } from './encode/atomic';

/** A text file reserved before the work starts and written in one piece at the end. */
export interface PendingText {
  /** Writes the text into place; `signal` ends a wait for a FIFO's reader. */
  commit(text: string, signal?: AbortSignal): Promise<number>;
  discard(): Promise<void>;
}

/**
 * Creates the target's folder and a temporary file beside it now, so that an unwritable destination fails
 * before any work is done; commit writes and renames, discard removes the temporary file.
 */
export async function reserveText(target: string): Promise<PendingText> {
  const temp = await createTemp(target);
  return {
    async commit(text, signal) {
      try {
        await writeFile(temp, text);
        return await commitTemp(temp, target, signal);
      } catch (error) {
        await removeQuietly(temp);
        throw error;
      }
    },
    discard: () => removeQuietly(temp),
  };
}
