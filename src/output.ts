import { writeFile } from 'node:fs/promises';
import { commitTemp, createTemp, removeQuietly } from './encode/atomic';

/** Writes text to a file through a temporary file and a rename: never a half-written file. */
export async function writeTextAtomic(target: string, text: string): Promise<number> {
  const temp = await createTemp(target);
  try {
    await writeFile(temp, text);
    return await commitTemp(temp, target);
  } catch (error) {
    await removeQuietly(temp);
    throw error;
  }
}
