import { stat, writeFile } from 'node:fs/promises';
import { asUnwritable, commitTemp, createTemp, removeQuietly, type Commit } from './encode/atomic';

/** A text file reserved before the work starts and written in one piece at the end. */
export interface PendingText {
  /**
   * Whether the target is a regular file (or none yet): then its text can be staged in the run's commit and
   * renamed with the outputs, all or none. A FIFO or a device is written into instead, after them.
   */
  readonly atomic: boolean;
  /** Writes the text into the temporary file (where a full disk shows) and hands it to `commit`. */
  stage(text: string, commit: Commit): Promise<void>;
  /** Writes the text into place now; `signal` ends a wait for a FIFO's reader. */
  commit(text: string, signal?: AbortSignal): Promise<number>;
  discard(): Promise<void>;
}

/**
 * Creates the target's folder and a temporary file beside it now, so that an unwritable destination fails
 * before any work is done; stage or commit writes it, discard removes the temporary file.
 */
export async function reserveText(target: string): Promise<PendingText> {
  const existing = await stat(target).catch(() => null);
  const temp = await createTemp(target);
  const fill = async (text: string) => {
    try {
      await writeFile(temp, text);
    } catch (error) {
      await removeQuietly(temp);
      throw asUnwritable(target, error);
    }
  };
  return {
    atomic: existing === null || existing.isFile(),
    async stage(text, commit) {
      await fill(text);
      await commit.stage(temp, target);
    },
    async commit(text, signal) {
      await fill(text);
      try {
        return await commitTemp(temp, target, signal);
      } catch (error) {
        await removeQuietly(temp);
        throw error;
      }
    },
    discard: () => removeQuietly(temp),
  };
}
