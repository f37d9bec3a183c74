/**
 * GIF: one global palette (built once from sample frames by gifenc's quantize), an exact colour lookup, and pixels
 * unchanged since the previous frame written as the transparent index (disposal 1, keep the previous
 * frame), so flat plot areas cost almost nothing after frame 0, and a frame covers only the rectangle that
 * changed. Each frame is compared with the previous one here; what changed is mapped and compressed on a
 * worker thread (gifWorker.ts) while the next ones are drawn, a bounded amount ahead, and appended to the
 * temporary file in order: memory does not grow with the number of frames, and the bytes are those of
 * encoding here.
 * NOTES.md measured gif-encoder-2 ~10x slower and ~10x larger on the same frames (see bench/encoders.js).
 */
import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { compiledScript } from '../compiled';
import { roomForThread } from '../limits';
import { startCompilingOwnCode } from '../parallel/ownCompiles';
import { messages, runError } from '../errors';
import { asUnwritable, createTemp, finishTemp, removeQuietly } from './atomic';
import type { Encoder, EncoderOptions } from './encoder';
import { gifDiffer, gifIndexer, gifWriter, type EncodedFrame, type GifFrameSettings, type GifThreadData, type GifThreadFrame } from './gifFrames';
import { DelaySchedule, holdDelay, netscapeRepeat } from './gifTiming';

/** Animations of at least this many frames are encoded on a second thread. */
const THREAD_FROM = 2;
/**
 * How far the drawing may run ahead of the encoding: frames not yet written back, and bytes of their deltas.
 * A plot's frame changes a few kilobytes, so the drawing never waits for the thread's start-up and palette
 * (50-100 ms); a frame whose every pixel changes (a turning 3-D view) is 3.7 MB at 960x480, so about 16 of
 * those.
 */
const IN_FLIGHT_FRAMES = 256;
const IN_FLIGHT_BYTES = 64 * 1024 * 1024;

/** An encoding thread started ahead of need (warmUpGif), waiting for its GifThreadData. */
let spare: Worker | undefined;

/**
 * Starts a GIF encoding thread now, so that it has loaded by the time an encoder asks for it (the caller
 * prepares its first frame meanwhile). The next GIF encoder takes it; until then it does not keep the
 * process alive. At most one waits.
 */
export function warmUpGif(): void {
  const script = compiledScript('encode/gifWorker.js');
  if (spare || !script || !roomForThread()) return;
  const worker = gifThread(script);
  worker.unref();
  // A spare that fails before it is taken is dropped; the encoder then starts its own.
  worker.once('error', () => {
    if (spare === worker) spare = undefined;
  });
  spare = worker;
}

/** A new encoding thread, compiling its own hot code (see ownCompiles.ts). */
function gifThread(script: string): Worker {
  return startCompilingOwnCode(() => new Worker(script));
}

/** Whether a warmed-up thread is waiting to be taken (for tests). */
export function gifThreadWaiting(): boolean {
  return spare !== undefined;
}

function takeThread(script: string): Worker {
  const worker = spare ?? gifThread(script);
  spare = undefined;
  return worker;
}

/**
 * Encodes frames in order: each frame is compared with the previous one here (gifDiffer), and its changes
 * are mapped to palette indices and LZW-compressed (gifIndexer, gifWriter) on a worker thread when
 * `threaded` (gifWorker.ts; its replies keep the order of the frames), else here too. Both give the same bytes.
 * `send` resolves to the encoded frame and reports the bytes of the delta it handed over.
 */
function frameCoder(settings: GifFrameSettings, threaded: boolean) {
  // Under an address-space limit too tight for another thread, the frames are encoded here: the same bytes.
  const script = threaded && (spare || roomForThread()) ? compiledScript('encode/gifWorker.js') : null;
  const differ = gifDiffer(settings);
  if (!script) {
    const indexer = gifIndexer(settings);
    const write = gifWriter(settings);
    return {
      send: (rgba: Uint8Array, delay: number) => ({ frame: Promise.resolve(write(indexer(differ(rgba)), delay)), bytes: 0 }),
      /** Encoded here at once: written out a few dozen frames at a time. */
      ahead: 32,
      close: async () => {},
    };
  }
  const worker = takeThread(script);
  // The samples are this encoder's own copies (createGifEncoder), used here by nothing else: moved, not cloned.
  worker.postMessage({ settings } satisfies GifThreadData, (settings.paletteSamples ?? []).map((f) => f.buffer as ArrayBuffer));
  const waiting: { resolve: (f: EncodedFrame) => void; reject: (e: Error) => void }[] = [];
  let failure: Error | undefined;
  const fail = (error: Error) => {
    failure ??= error;
    for (const w of waiting.splice(0)) w.reject(failure);
  };
  // The thread holds the process open only while frames wait for it: an encoder left unfinished does not.
  worker.unref();
  let closing = false;
  worker.on('message', (m: EncodedFrame | { error: string }) => {
    // Once terminate() has been asked for, the thread must hold the process until it has exited: replies
    // still in flight are dropped here, and above all do not unref it again. (They did: an abort mid-run
    // unref'd the stopping thread, the event loop ran empty before its exit, and the process ended with
    // code 0, nothing printed, the temporary file left.)
    if (closing) return;
    const w = waiting.shift();
    if (waiting.length === 0) worker.unref();
    if ('error' in m) {
      const error = runError(messages.encoderMisuse(m.error));
      w?.reject(error);
      fail(error);
    } else w?.resolve(m);
  });
  worker.on('error', (e) => fail(e instanceof Error ? e : new Error(String(e))));
  worker.on('exit', (code) => {
    if (waiting.length > 0) fail(new Error(`the GIF encoding thread stopped (exit code ${code})`));
  });
  return {
    send(rgba: Uint8Array, delay: number): { frame: Promise<EncodedFrame>; bytes: number } {
      if (failure) return { frame: Promise.reject(failure), bytes: 0 };
      const delta = differ(rgba);
      const buffers = delta.first ? [delta.pixels.buffer] : [delta.at.buffer, delta.colour.buffer];
      const frame = new Promise<EncodedFrame>((resolveFrame, reject) => {
        if (waiting.length === 0) worker.ref();
        waiting.push({ resolve: resolveFrame, reject });
        // The delta's arrays are fresh: transferred, not copied.
        worker.postMessage({ delta, delay } satisfies GifThreadFrame, buffers as ArrayBuffer[]);
      });
      return { frame, bytes: buffers.reduce((sum, b) => sum + b.byteLength, 0) };
    },
    ahead: IN_FLIGHT_FRAMES,
    close: async () => {
      closing = true;
      fail(runError(messages.interrupted()));
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
    ...(options.paletteSamples?.length ? { paletteSamples: options.paletteSamples.map((f) => new Uint8Array(f)) } : {}),
  };
  const threaded = options.threads === 2 || (options.threads === undefined && options.frameCount >= THREAD_FROM);
  // Made in start(), after the options are checked: nothing is started or allocated before.
  let coder: ReturnType<typeof frameCoder> | undefined;
  const pending: { frame: Promise<EncodedFrame>; delay: number; bytes: number }[] = [];
  let pendingBytes = 0;
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

  /**
   * Writes every waiting frame to the file, in order, with one call: a frame's blocks are a few kilobytes,
   * and a write each cost the default GIF's finish about 10 ms for its 100 frames.
   */
  const drain = async () => {
    const batch = pending.splice(0);
    pendingBytes = 0;
    const encoded = await Promise.all(batch.map((p) => p.frame));
    for (const [i, { bytes, gce }] of encoded.entries()) {
      lastDelay = batch[i].delay;
      lastDelayAt = written + gce + 4; // the delay field of this frame's Graphic Control Extension
      written += bytes.length;
    }
    try {
      if (encoded.length > 0) await file!.writev(encoded.map((e) => e.bytes));
    } catch (error) {
      throw asUnwritable(path, error);
    }
  };

  return {
    async start() {
      coder = frameCoder(settings, threaded);
      temp = await createTemp(path);
      try {
        file = await open(temp, 'r+');
      } catch (error) {
        throw asUnwritable(path, error);
      }
    },

    async addFrame(rgba) {
      const delay = schedule.next();
      const { frame, bytes } = coder!.send(rgba, delay);
      frame.catch(() => undefined); // awaited by drain(); a failure surfaces there
      pending.push({ frame, delay, bytes });
      pendingBytes += bytes;
      if (pending.length >= coder!.ahead || pendingBytes > IN_FLIGHT_BYTES) await drain();
    },

    async finish() {
      await drain();
      await coder!.close();
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
      await coder?.close();
      await file?.close().catch(() => undefined);
      file = undefined;
      await removeQuietly(temp);
      temp = undefined;
    },
  };
}
