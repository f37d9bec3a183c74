/**
 * The encoder interface: one lifecycle (start, addFrame, finish, abort) for every output format, so the
 * pipeline never knows which file it writes (motion-canvas's Exporter). Each format lives in its own file,
 * found through the registry (registry.ts); the lifecycle rules they share (order of calls, frame size and
 * count, clean-up on failure) live in lifecycle.ts.
 */
import { messages, runError } from '../errors';
import type { Commit } from './atomic';
import { formatEntry, formatIds, formatOfName, type OutputFormat } from './formats';
import { guardLifecycle } from './lifecycle';

export type { OutputFormat } from './formats';

/** Every format this stage writes, in the order messages list them (the registry's). */
export const OUTPUT_FORMATS: readonly OutputFormat[] = formatIds();

export interface EncoderOptions {
  /** Final target. For png it may contain `%d` or `%0Nd` (e.g. `frames/%04d.png`): one file per frame, from 0. */
  path: string;
  /** Frame size in pixels; must already be even for mp4 and webm (the caller rounds). */
  width: number;
  height: number;
  /** Frames per second (> 0). */
  fps: number;
  /**
   * Seconds the final frame stays. GIF: the last frame's delay becomes max(frame time, hold), no extra
   * frames. Video: the last frame is repeated round(hold * fps) more times.
   */
  holdSeconds: number;
  /**
   * GIF only: how many times the animation plays. 0 = forever (NETSCAPE loop count 0); 1 = once (no
   * NETSCAPE block, which every viewer plays once); N >= 2 = N times (NETSCAPE loop count N - 1, because
   * browsers play the animation once and then repeat it "loop count" times). At most 65536.
   */
  loop: number;
  /** Exactly how many frames will be added; checked when frames are added and at finish. */
  frameCount: number;
  /** ffmpeg binary for mp4/webm; default from @ffmpeg-installer/ffmpeg. */
  ffmpegPath?: string;
  /** Where MLVIS_FFMPEG and PATH are read when ffmpegPath is absent; default process.env. */
  env?: NodeJS.ProcessEnv;
  /** GIF: RGBA frames (e.g. the first and last) from which the one global palette is built; default frame 0. */
  paletteSamples?: Uint8Array[];
  /** GIF: 1 encodes on the calling thread, 2 on a worker thread while the next frames are drawn; default 2 from 2 frames on. */
  threads?: 1 | 2;
  /**
   * The run's commit: finish() then stages its finished file(s) there, to be renamed with every other
   * output of the run; without it finish() renames at once.
   */
  commit?: Commit;
  /** MP4/WebM: an ffmpeg that makes no progress for this long is stopped and the encode fails (default 60 s). */
  watchdogMs?: number;
  /** A stop from outside (Ctrl-C): ends any wait on ffmpeg at once with messages.interrupted. */
  signal?: AbortSignal;
  /** Details for --verbose (which ffmpeg runs). */
  log?: (message: string) => void;
}

/** What finish() reports: the path written (the pattern for a png sequence), total bytes, files written. */
export interface EncodeResult {
  path: string;
  bytes: number;
  files: number;
}

export interface Encoder {
  /** Validates the options, creates missing folders and the temporary file(s); throws MlvisError. */
  start(): Promise<void>;
  /** Adds one frame: width*height*4 bytes of opaque RGBA; any view is accepted (the encoder keeps no reference to it). */
  addFrame(rgba: Uint8Array): Promise<void>;
  /** Completes the file(s) and renames the temporary file(s) onto the target(s), or stages them in options.commit. */
  finish(): Promise<EncodeResult>;
  /** Removes temporary files and stops ffmpeg; idempotent, safe at any stage, never throws. */
  abort(): Promise<void>;
}

/**
 * The output format of a path, by its extension (case-insensitive), or null when it is none of ours.
 * The caller turns null into messages.badFormat.
 */
export function formatOf(path: string): OutputFormat | null {
  return formatOfName(path);
}

/**
 * An encoder for one output. Nothing touches the disk until start(). Any failure inside start, addFrame
 * or finish aborts the encoder (temporary files removed, ffmpeg stopped) before the error is rethrown.
 */
export function createEncoder(format: OutputFormat, options: EncoderOptions): Encoder {
  return guardLifecycle(format, options, createFormatEncoder(format, options));
}

function createFormatEncoder(format: OutputFormat, options: EncoderOptions): Encoder {
  const entry = formatEntry(format);
  if (!entry) throw runError(messages.encoderMisuse(`unknown output format ${JSON.stringify(format)}`));
  return entry.create(options);
}

/**
 * Gets ready for encoders of these formats before they are created: a GIF's encoding thread is started now,
 * so it loads while the caller prepares its frames (about 25 ms off a run). Optional; safe to call again.
 */
export function warmUp(formats: readonly OutputFormat[]): void {
  for (const id of new Set(formats)) formatEntry(id)?.warmUp?.();
}

/**
 * start, add every frame, finish; abort in a `finally` on any failure (including one thrown by the frame
 * source), as matplotlib's `saving()` does, so an interrupted run leaves no partial file.
 */
export async function encodeAll(
  encoder: Encoder,
  frames: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
): Promise<EncodeResult> {
  let done = false;
  try {
    await encoder.start();
    for await (const frame of frames) await encoder.addFrame(frame);
    const result = await encoder.finish();
    done = true;
    return result;
  } finally {
    if (!done) await encoder.abort();
  }
}
