/** Whole-stream helpers for the command line's stdin and stdout. */
import { once } from 'node:events';

/** Everything a stream gives until it ends. */
export async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

/** Writes bytes and waits until the stream has taken them (a pipe may be slower than we are). */
export async function writeAll(stream: NodeJS.WritableStream, bytes: Uint8Array): Promise<void> {
  if (!stream.write(bytes)) await once(stream, 'drain');
}
