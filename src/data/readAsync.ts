import { constants } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { messages, MlvisError, runError } from '../errors';
import { decodeText } from './text';

/**
 * The most bytes a data file may have: its text must fit one JavaScript string with room to parse (V8 stops
 * near 512 MB, and dies rather than throws). Documented in the README.
 */
export const MAX_DATA_BYTES = 256 * 1024 * 1024;

/** The errors a read raises, worded for what is read (a data file, a jobs file). */
export interface ReadWords {
  notFound(path: string, cause?: unknown): Error;
  unreadable(path: string, reason: string, cause?: unknown): Error;
  tooLarge(path: string, limit: number): Error;
}

const DATA_WORDS: ReadWords = {
  notFound: (path, cause) => runError(messages.fileNotFound(path), cause),
  unreadable: (path, reason, cause) => runError(messages.fileUnreadable(path, reason), cause),
  tooLarge: (path, limit) => runError(messages.dataTooLarge(path, limit)),
};

/**
 * Reads a data file as text without blocking the process: in chunks, up to MAX_DATA_BYTES (a file, a FIFO or
 * a device like /dev/zero that never ends all stop there with a clear error), and abandoned at once when
 * `signal` fires, even while a FIFO waits for a writer.
 */
export async function readDataFile(path: string, signal?: AbortSignal, limit = MAX_DATA_BYTES, words: ReadWords = DATA_WORDS): Promise<string> {
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') throw words.notFound(path, error);
    throw words.unreadable(path, error.code ?? error.message, error);
  });
  if (info.isDirectory()) throw words.unreadable(path, 'it is a directory');
  if (info.isFile() && info.size > limit) throw words.tooLarge(path, limit);
  // A FIFO is opened without blocking: a blocked open() would hold a thread that even exit() waits for.
  const fifo = info.isFIFO();
  const handle = await untilAborted(open(path, fifo ? constants.O_RDONLY | constants.O_NONBLOCK : 'r'), signal).catch((error: NodeJS.ErrnoException) => {
    if (error instanceof MlvisError) throw error;
    throw words.unreadable(path, error.code === 'EACCES' ? 'permission denied' : (error.code ?? error.message), error);
  });
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    let sawWriter = false;
    for (;;) {
      const buffer = Buffer.allocUnsafe(1 << 20);
      const bytesRead = await untilAborted(
        handle.read(buffer, 0, buffer.length, null).then(
          (r) => r.bytesRead,
          (error: NodeJS.ErrnoException) => {
            if (fifo && error.code === 'EAGAIN') {
              sawWriter = true; // a writer, but no data yet
              return -1;
            }
            throw error;
          },
        ),
        signal,
      );
      // On a FIFO, end of data before any byte may only mean no writer has opened it yet: wait for one.
      // (A writer that came and left without a byte ends the wait: the file is empty.)
      if (bytesRead === -1 || (fifo && bytesRead === 0 && total === 0 && !sawWriter)) {
        await untilAborted(new Promise((resolve) => setTimeout(resolve, 20)), signal);
        continue;
      }
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > limit) throw words.tooLarge(path, limit);
      chunks.push(buffer.subarray(0, bytesRead));
    }
    return decodeText(Buffer.concat(chunks, total), path);
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** The work, unless the signal fires first: then an interrupted error at once (the work is left behind). */
function untilAborted<T>(work: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) return Promise.reject(runError(messages.interrupted()));
  return new Promise<T>((resolve, reject) => {
    const stop = () => reject(runError(messages.interrupted()));
    signal.addEventListener('abort', stop, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', stop));
  });
}
