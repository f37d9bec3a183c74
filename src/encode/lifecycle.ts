/**
 * The rules every encoder shares, enforced once around the format's own encoder: options are valid, calls
 * come in order and one at a time, each frame has the right size, exactly frameCount frames arrive, and any
 * failure aborts (temporary files removed) before the error reaches the caller.
 */
import { messages, runError } from '../errors';
import type { EncodeResult, Encoder, EncoderOptions, OutputFormat } from './encoder';
import { formatApplies } from './formats';
import { isFrameSequence } from './pattern';

type State = 'new' | 'started' | 'finished' | 'aborted';

const misuse = (detail: string) => runError(messages.encoderMisuse(detail));

/** Wraps a format's encoder with the shared checks and the abort-on-failure guarantee. */
export function guardLifecycle(format: OutputFormat, options: EncoderOptions, inner: Encoder): Encoder {
  let state: State = 'new';
  let busy = false;
  let added = 0;
  let aborting: Promise<void> | undefined;

  const abort = (): Promise<void> => {
    if (state === 'finished') return Promise.resolve();
    state = 'aborted';
    aborting ??= inner.abort().catch(() => undefined);
    return aborting;
  };

  /** Runs one step of the lifecycle: checks the state, then aborts on any failure and rethrows. */
  const step = async <T>(name: string, expected: State, run: () => Promise<T>): Promise<T> => {
    if (busy) throw misuse(`${name}() called while another call is still running; await each call`);
    if (state !== expected) throw misuse(`${name}() called when the encoder is ${state}`);
    busy = true;
    try {
      return await run();
    } catch (error) {
      await abort();
      throw error;
    } finally {
      busy = false;
    }
  };

  return {
    start: () =>
      step('start', 'new', async () => {
        checkOptions(format, options);
        await inner.start();
        state = 'started';
      }),
    addFrame: (rgba) =>
      step('addFrame', 'started', async () => {
        checkFrame(rgba, options, added);
        await inner.addFrame(rgba);
        added++;
      }),
    finish: () =>
      step('finish', 'started', async (): Promise<EncodeResult> => {
        if (added !== options.frameCount) throw misuse(`finish() after ${added} of ${options.frameCount} frames`);
        const result = await inner.finish();
        state = 'finished';
        return result;
      }),
    abort,
  };
}

function checkFrame(rgba: Uint8Array, options: EncoderOptions, added: number): void {
  const expected = options.width * options.height * 4;
  if (!ArrayBuffer.isView(rgba) || (rgba as { BYTES_PER_ELEMENT?: number }).BYTES_PER_ELEMENT !== 1) {
    throw misuse('a frame must be a Uint8Array (or Uint8ClampedArray) of RGBA bytes');
  }
  if (rgba.byteLength !== expected) {
    throw misuse(`frame ${added} has ${rgba.byteLength} bytes, expected ${expected} (${options.width}x${options.height} RGBA)`);
  }
  if (added >= options.frameCount) throw misuse(`more frames added than the ${options.frameCount} announced`);
}

/** Throws on options no caller should pass: the CLI's config validation words these for users first. */
export function checkOptions(format: OutputFormat, o: EncoderOptions): void {
  const isInt = (v: number, min: number, max: number) => Number.isInteger(v) && v >= min && v <= max;
  if (typeof o.path !== 'string' || o.path === '') throw misuse('no output path');
  if (!isInt(o.width, 1, 65535) || !isInt(o.height, 1, 65535)) {
    throw misuse(`frame size ${o.width}x${o.height} is not two whole numbers from 1 to 65535`);
  }
  if (formatApplies(format)?.evenSize && (o.width % 2 !== 0 || o.height % 2 !== 0)) {
    throw misuse(`${format} needs an even width and height (yuv420p), got ${o.width}x${o.height}; round them first`);
  }
  if (!(Number.isFinite(o.fps) && o.fps > 0)) throw misuse(`fps ${o.fps} is not a positive number`);
  if (!(Number.isFinite(o.holdSeconds) && o.holdSeconds >= 0)) throw misuse(`hold ${o.holdSeconds} is not 0 or more seconds`);
  if (!isInt(o.loop, 0, 65536)) throw misuse(`loop ${o.loop} is not a whole number from 0 to 65536`);
  if (!isInt(o.frameCount, 1, Number.MAX_SAFE_INTEGER)) throw misuse(`frameCount ${o.frameCount} is not a whole number >= 1`);
  for (const [i, sample] of (o.paletteSamples ?? []).entries()) {
    if (!(sample instanceof Uint8Array) || sample.byteLength !== o.width * o.height * 4) {
      throw misuse(`palette sample ${i} is not a ${o.width}x${o.height} RGBA frame (${o.width * o.height * 4} bytes)`);
    }
  }
  if (formatApplies(format)?.frames === 'still' && !isFrameSequence(o.path) && o.frameCount !== 1) {
    throw misuse(`a single ${format} (${o.path}) takes exactly 1 frame, not ${o.frameCount}; use a %04d pattern for every frame`);
  }
}
