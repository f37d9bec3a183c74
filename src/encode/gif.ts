/**
 * GIF with gifenc: one global palette (built once from sample frames), an exact colour lookup, and pixels
 * unchanged since the previous frame written as the transparent index (disposal 1, keep the previous
 * frame), so flat plot areas cost almost nothing after frame 0. Frames are encoded on a worker thread
 * (gifWorker.ts) while the next ones are drawn, at most IN_FLIGHT ahead, and appended to the temporary file
 * in order: memory does not grow with the number of frames, and the bytes are those of encoding here.
 * NOTES.md measured gif-encoder-2 ~10x slower and ~10x larger on the same frames (see bench/encoders.js).
 */
import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { compiledScript } from '../compiled';
import { messages, runError } from '../errors';
import { asUnwritable, createTemp, finishTemp, removeQuietly } from './atomic';
import type { Encoder, EncoderOptions } from './encoder';
import { gifIndexer, gifWriter, type EncodedFrame, type GifFrameSettings } from './gifFrames';
import { DelaySchedule, holdDelay, netscapeRepeat } from './gifTiming';

/** Animations of at least this many frames are compressed on a second thread. */
const THREAD_FROM = 200;
/** Frames handed to the encoding thread and not yet written back: enough to keep it busy, bounded in memory. */
const IN_FLIGHT = 3;


/**
 * Encodes frames in order: mapped to palette indices here, LZW-compressed on a worker thread when `threaded`
 * (the replies keep the order of the frames), else here too; both give the same bytes.
 */
function frameCoder(settings: GifFrameSettings, threaded: boolean) {
  const script = threaded ? compiledScript(__dirname, 'gifWorker.js') : null;
  const indexer = gifIndexer(settings, script !== null);
  if (!script) {
    const write = gifWriter(settings);
    return {
      send: (rgba: Uint8Array, delay: number) => Promise.resolve(write(indexer(rgba), delay)),
      close: async () => {},
    };
  }
  const worker = new Worker(script, { workerData: settings });
  const waiting: { resolve: (f: EncodedFrame) => void; reject: (e: Error) => void }[] = [];
  let failure: Error | undefined;
  const fail = (error: Error) => {
    failure ??= error;
    for (const w of waiting.splice(0)) w.reject(failure);
  };
  worker.on('message', (m: EncodedFrame | { error: string }) => {
    const w = waiting.shift();
    if ('error' in m) fail(runError(messages.encoderMisuse(m.error)));
    else w?.resolve(m);
  });
  worker.on('error', (e) => fail(e instanceof Error ? e : new Error(String(e))));
  worker.on('exit', (code) => {
    if (waiting.length > 0) fail(new Error(`the GIF encoding thread stopped (exit code ${code})`));
  });
  return {
    send(rgba: Uint8Array, delay: number): Promise<EncodedFrame> {
      if (failure) return Promise.reject(failure);
      // Mapped here, in order; the fresh index array is transferred to the thread, not copied.
      const frame = indexer(rgba);
      return new Promise<EncodedFrame>((resolveFrame, reject) => {
        waiting.push({ resolve: resolveFrame, reject });
        worker.postMessage({ frame, delay }, [frame.index.buffer as ArrayBuffer]);
      });
    },
    close: async () => {
      await worker.terminate();
    },
  };
}

/** A GIF encoder (see the file comment); byte-identical output for identical frames and options. */
export function createGifEncoder(options: EncoderOptions): Encoder {
  const { width, height, path } = options;
  const schedule = new DelaySchedule(options.fps);
  const settings: GifFrameSettings = {
    width,
    height,
    repeat: netscapeRepeat(options.loop),
    ...(options.paletteSamples?.length ? { paletteSamples: options.paletteSamples.map((f) => f.slice()) } : {}),
  };
  // A second thread pays from a few hundred frames on (1000 frames: 3.70 s to 3.05 s); below, its start-up
  // costs about what it saves (100 frames: 0.67 s against 0.74 s).
  const coder = frameCoder(settings, options.threads === 2 || (options.threads === undefined && options.frameCount >= THREAD_FROM));
  const pending: { frame: Promise<EncodedFrame>; delay: number }[] = [];
  let temp: string | undefined;
  let file: FileHandle | undefined;
  let written = 0;
  let lastDelay = 0;
  let lastDelayAt = -1;

  const append = async (bytes: Uint8Array, position: number | null = null) => {
    try {
      await file!.write(bytes, 0, bytes.length, position);
    } catch (error) {
      throw asUnwritable(path, error);
    }
  };

  /** Writes the oldest encoded frame to the file, in order. */
  const drainOne = async () => {
    const next = pending.shift()!;
    const { bytes, gce } = await next.frame;
    await append(bytes);
    lastDelay = next.delay;
    lastDelayAt = written + gce + 4; // the delay field of this frame's Graphic Control Extension
    written += bytes.length;
  };

  return {
    async start() {
      temp = await createTemp(path);
      try {
        file = await open(temp, 'r+');
      } catch (error) {
        throw asUnwritable(path, error);
      }
    },

    async addFrame(rgba) {
      const delay = schedule.next();
      const frame = coder.send(rgba, delay);
      frame.catch(() => undefined); // awaited in order by drainOne; a failure surfaces there
      pending.push({ frame, delay });
      while (pending.length >= IN_FLIGHT) await drainOne();
    },

    async finish() {
      while (pending.length > 0) await drainOne();
      await coder.close();
      const hold = holdDelay(lastDelay, options.holdSeconds);
      await append(new Uint8Array([hold & 0xff, hold >> 8]), lastDelayAt);
      await append(new Uint8Array([0x3b]), written); // trailer
      try {
        await file!.close();
      } catch (error) {
        throw asUnwritable(path, error);
      } finally {
        file = undefined;
      }
      const bytes = await finishTemp(options.commit, temp!, path);
      temp = undefined;
      return { path, bytes, files: 1 };
    },

    async abort() {
      pending.length = 0;
      await coder.close();
      await file?.close().catch(() => undefined);
      file = undefined;
      await removeQuietly(temp);
      temp = undefined;
    },
  };
}
