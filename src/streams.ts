/** Whole-stream helpers for the command line's stdin and stdout. */
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

/**
 * Writes bytes and waits until the stream has taken them (a pipe may be slower than we are); rejects with the
 * write's own error (ENOSPC on a full device, EPIPE when the reader is gone), which a 'drain' never brings.
 */
export function writeAll(stream: NodeJS.WritableStream, bytes: Uint8Array | string): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(bytes, (error?: Error | null) => (error ? reject(error) : resolve()));
  });
}
