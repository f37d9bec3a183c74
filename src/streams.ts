/** Whole-stream helpers for the command line's stdin and stdout. */
import { once } from 'node:events';

/**
 * Everything a stream gives until it ends, at most `limit` bytes: past it `tooLarge()` is thrown and the
 * stream is let go (stdin may be /dev/zero).
 */
export async function readAll(stream: NodeJS.ReadableStream, limit: number, tooLarge: () => Error): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array);
    total += bytes.length;
    if (total > limit) {
      (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
      throw tooLarge();
    }
    chunks.push(bytes);
  }
  return Buffer.concat(chunks);
}

/** Writes bytes and waits until the stream has taken them (a pipe may be slower than we are). */
export async function writeAll(stream: NodeJS.WritableStream, bytes: Uint8Array): Promise<void> {
  if (!stream.write(bytes)) await once(stream, 'drain');
}
