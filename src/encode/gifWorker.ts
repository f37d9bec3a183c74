/**
 * A worker thread that encodes GIF frames while the main thread draws the next ones: it builds the palette,
 * maps each frame's changes to palette indices (gifIndexer) and LZW-compresses it (gifWriter). Its first
 * message is GifThreadData (it may be started before the run knows its frames: see warmUpGif); then
 * `{ delta, delay }` per frame in order; replies `{ bytes, gce }` per frame in the same order, or `{ error }`.
 */
import { parentPort } from 'node:worker_threads';
import { gifIndexer, gifWriter, type GifThreadData, type GifThreadFrame } from './gifFrames';

type Step = (m: GifThreadFrame) => { bytes: Uint8Array; gce: number };
let step: Step | undefined;
/** Why setting up failed: every frame is then answered with it. */
let broken: string | undefined;

const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));

function setUp({ settings }: GifThreadData): Step {
  const index = gifIndexer(settings);
  const write = gifWriter(settings);
  return (m) => write(index(m.delta), m.delay);
}

parentPort!.on('message', (m: GifThreadData | GifThreadFrame) => {
  if (!step && broken === undefined) {
    try {
      step = setUp(m as GifThreadData);
    } catch (error) {
      broken = reason(error);
    }
    return;
  }
  try {
    if (!step) throw new Error(broken);
    const { bytes, gce } = step(m as GifThreadFrame);
    parentPort!.postMessage({ bytes, gce }, [bytes.buffer as ArrayBuffer]);
  } catch (error) {
    parentPort!.postMessage({ error: reason(error) });
  }
});
