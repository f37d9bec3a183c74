import { constants } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { messages, MlvisError, runError } from '../errors';

/** The errors a read raises, worded for what is read (a data file, a jobs file). */
export interface ReadWords {
  notFound(path: string, cause?: unknown): Error;
  unreadable(path: string, reason: string, cause?: unknown): Error;
  tooLarge(path: string, limit: number): Error;
}

export const DATA_WORDS: ReadWords = {
  notFound: (path, cause) => runError(messages.fileNotFound(path), cause),
  unreadable: (path, reason, cause) => runError(messages.fileUnreadable(path, reason), cause),
  tooLarge: (path, limit) => runError(messages.dataTooLarge(path, limit)),
};

/** Bytes per read: large enough that a read costs little, small enough that a stop is heard within milliseconds. */
const CHUNK = 1 << 20;

/** Whether `path` is a regular file, which can be read again from the start (a FIFO or a device cannot). */
export async function isRegularFile(path: string): Promise<boolean> {
  return (await stat(path).catch(() => null))?.isFile() ?? false;
}

/**
 * The bytes of a file in chunks, without blocking the process: at most `limit` bytes (a file, a FIFO or a
 * device that never ends all stop there with words.tooLarge), and abandoned at once when `signal` fires,
 * even while a FIFO waits for a writer. Each chunk is a fresh buffer the caller may keep.
 */
export async function* fileChunks(path: string, signal: AbortSignal | undefined, limit: number, words: ReadWords = DATA_WORDS): AsyncGenerator<Buffer> {
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
    let total = 0;
    let sawWriter = false;
    for (;;) {
      const buffer = Buffer.allocUnsafe(CHUNK);
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
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/**
 * The bytes of a stream (stdin) in chunks, at most `limit` (past it `tooLarge()`, and the stream is let go:
 * stdin may be endless), abandoned when `signal` fires.
 */
export async function* streamChunks(stream: NodeJS.ReadableStream, signal: AbortSignal | undefined, limit: number, tooLarge: () => Error): AsyncGenerator<Buffer> {
  const iterator = stream[Symbol.asyncIterator]();
  let total = 0;
  try {
    for (;;) {
      const next = await untilAborted(iterator.next(), signal);
      if (next.done) return;
      const chunk = next.value as string | Uint8Array;
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      total += bytes.length;
      if (total > limit) throw tooLarge();
      yield bytes;
    }
  } finally {
    (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
  }
}

/** The work, unless the signal fires first: then an interrupted error at once (the work is left behind). */
export function untilAborted<T>(work: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) return Promise.reject(runError(messages.interrupted()));
  return new Promise<T>((resolve, reject) => {
    const stop = () => reject(runError(messages.interrupted()));
    signal.addEventListener('abort', stop, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', stop));
  });
}
