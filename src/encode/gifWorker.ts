/**
 * A worker thread that LZW-compresses GIF frames (gifWriter in gifFrames.ts) while the main thread draws and
 * maps the next ones to palette indices: the two halves take about as long each, so they overlap on a
 * 2-core machine. `settings` come as workerData; then `{ frame, delay }` per frame in order; replies
 * `{ bytes, gce }` per frame in the same order, or `{ error }`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { gifWriter, type GifFrameSettings, type MappedFrame } from './gifFrames';

const write = gifWriter(workerData as GifFrameSettings);

parentPort!.on('message', (m: { frame: MappedFrame; delay: number }) => {
  try {
    const { bytes, gce } = write(m.frame, m.delay);
    parentPort!.postMessage({ bytes, gce }, [bytes.buffer as ArrayBuffer]);
  } catch (error) {
    parentPort!.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
});
