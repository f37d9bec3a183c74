import { DATA_WORDS, fileChunks, type ReadWords } from './chunks';
import { MAX_DATA_BYTES } from './limits';
import { decodeText } from './text';

export type { ReadWords } from './chunks';

/**
 * Reads a whole small file as text without blocking the process (a jobs file, possibly a FIFO): in chunks,
 * up to `limit` bytes, abandoned at once when `signal` fires. Data files are not read whole: see loadCsvAsync.
 */
export async function readDataFile(path: string, signal?: AbortSignal, limit = MAX_DATA_BYTES, words: ReadWords = DATA_WORDS): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of fileChunks(path, signal, limit, words)) chunks.push(chunk);
  return decodeText(Buffer.concat(chunks), path);
}
