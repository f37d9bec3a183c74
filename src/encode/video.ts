/**
 * MP4 (H.264) and WebM (VP9) by running ffmpeg directly: raw yuv420p frames go to its stdin with
 * backpressure (without it, 1000 frames queue 1.25 GB), ffmpeg writes a temporary file beside the target,
 * and the file is renamed at finish. fluent-ffmpeg did this before; it is archived upstream, probed the
 * binary with `-formats` and `-encoders` before every first run, and needed a private method patched.
 * A failure of ffmpeg ends every wait at once, and a watchdog fails an ffmpeg that stops making progress,
 * so a broken or stuck binary can never hang a run.
 */
import { isWholeContainer } from './container';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { stat } from 'node:fs/promises';
import { resolve as absolute } from 'node:path';
import { messages, MlvisError, resourceError, runError } from '../errors';
import { createTemp, finishTemp, removeQuietly, tempGone } from './atomic';
import { descendants, endChild, familyOf, releasePipes, settledWithin, signalGroup, spawnInGroup } from './child';
import { randomBytes } from 'node:crypto';
import type { Encoder, EncoderOptions } from './encoder';
import { chosenFfmpeg, ffmpegReason, ffmpegVersion, resolveFfmpeg } from './ffmpeg';
import { yuvConverter } from './yuv';

/**
 * The frames arrive as BT.709 limited-range yuv420p (converted in yuv.ts), and are tagged so: untagged H.264
 * at 720p and above is shown by browsers as BT.709, and swscale's default BT.601 shifted greens visibly (a
 * flat (134,212,73) showed as (145,196,91) in Chromium). yuv420p is the pixel format every player decodes
 * (hence even sizes).
 */
const COLOUR = ['-pix_fmt', 'yuv420p', '-color_primaries', 'bt709', '-color_trc', 'bt709', '-colorspace', 'bt709', '-color_range', 'tv'];

/** Output options per container; the muxer is named with -f because the temporary file ends in .tmp. */
const OUTPUT_OPTIONS: Record<'mp4' | 'webm', string[]> = {
  mp4: ['-c:v', 'libx264', '-preset', 'veryfast', ...COLOUR, '-movflags', '+faststart', '-f', 'mp4'],
  // VP9's slowest part is its search; realtime + cpu-used 8 encodes at roughly libx264 veryfast speed.
  // +bitexact: Matroska's header otherwise holds the time of writing (DateUTC), so two runs differed in bytes.
  webm: ['-c:v', 'libvpx-vp9', '-deadline', 'realtime', '-cpu-used', '8', '-b:v', '0', '-crf', '33', ...COLOUR, '-fflags', '+bitexact', '-f', 'webm'],
};

/**
 * An ffmpeg that does not read a frame for this long, or has not exited this long after its last frame
 * (however its file grows), is stuck (EncoderOptions.watchdogMs).
 */
export const WATCHDOG_MS = 60_000;
/** How long ffmpeg's last words may take to arrive on stderr after it has exited. */
const LAST_WORDS_MS = 200;

/**
 * A video encoder for mp4 or webm; the last frame is repeated round(holdSeconds * fps) times at finish: by
 * ffmpeg's tpad filter when mlvis chose the ffmpeg (the same bytes as writing the frame again that many times,
 * a test compares them, without 30 more frames of 0.7 MB through the pipe after the last one), else by
 * writing it again.
 */
export function createVideoEncoder(format: 'mp4' | 'webm', options: EncoderOptions): Encoder {
  const { path, width, height, fps } = options;
  const watchdog = options.watchdogMs ?? WATCHDOG_MS;
  // One buffer, converted in place: each frame is written out before the next is converted (addFrame).
  const toYuv = yuvConverter(width, height, { inPlace: true });
  const holdFrames = Math.round(options.holdSeconds * fps);
  const padded = holdFrames > 0 && chosenFfmpeg(options.ffmpegPath, options.env);
  let temp: string | undefined;
  let child: ChildProcess | undefined;
  let failure: MlvisError | undefined;
  let exited: Promise<void> | undefined; // settles when ffmpeg has exited (never rejects)
  let stderr = '';
  let startedByIt: number[] = []; // ffmpeg's descendants as its input ends (see finish)
  // Marks ffmpeg and all it starts, to end them when it exits (see familyOf).
  const family = randomBytes(8).toString('hex');
  let last: Buffer | undefined;
  let finishing = false; // input ended on purpose: ffmpeg's exit is expected
  let failed: (() => void) | undefined; // wakes every wait when a failure is recorded
  const failedNow = new Promise<void>((resolve) => (failed = resolve));
  options.signal?.addEventListener('abort', () => fail(runError(messages.interrupted())), { once: true });

  const fail = (error: MlvisError) => {
    failure ??= error;
    failed?.();
  };

  /** Waits for `event` unless ffmpeg fails first or makes no progress within the watchdog's time. */
  const within = async (work: Promise<unknown>, what: string) => {
    let timer: NodeJS.Timeout | undefined;
    const stuck = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        fail(runError(messages.ffmpegStuck(watchdog / 1000, what)));
        resolve();
      }, watchdog);
    });
    await Promise.race([work.catch(() => undefined), failedNow, stuck]);
    clearTimeout(timer);
    if (failure) throw failure;
  };

  /** Settles when the last frame written has been handed to the pipe (or the stream gave up on it). */
  let written: Promise<unknown> = Promise.resolve();
  const write = async (frame: Buffer) => {
    if (failure) throw failure;
    const stdin = child!.stdin!;
    let flushed!: () => void;
    written = new Promise<void>((resolve) => (flushed = resolve));
    if (!stdin.write(frame, () => flushed())) await within(once(stdin, 'drain'), 'read a frame');
  };

  return {
    async start() {
      const binary = await resolveFfmpeg(options.ffmpegPath, options.env);
      if (options.log) options.log(`ffmpeg: ${binary} (${ffmpegVersion(binary, options.env)})`);
      temp = await createTemp(path);
      const args = ['-hide_banner', '-loglevel', 'error', '-nostdin',
        '-f', 'rawvideo', '-pix_fmt', 'yuv420p', '-s', `${width}x${height}`, '-r', String(fps), '-i', 'pipe:0',
        ...(padded ? ['-vf', `tpad=stop_mode=clone:stop=${holdFrames}`] : []),
        ...OUTPUT_OPTIONS[format], '-y',
        // file: so that no part of the name is read as a protocol (http://…, run:1.mp4).
        `file:${absolute(temp)}`];
      // Its own process group, so that stopping it stops whatever it started too (a wrapper script's children
      // would otherwise hold its pipes open and outlive the run).
      let proc: ChildProcess;
      try {
        proc = spawnInGroup(binary, args, ['pipe', 'ignore', 'pipe'], family);
      } catch (error) {
        throw resourceError(error) ?? runError(messages.ffmpegFailed((error as Error).message), error);
      }
      child = proc;
      exited = new Promise<void>((resolve) => {
        // Registered first: a spawn that fails (too many open files) says so on the next tick.
        proc.on('error', (error) => {
          fail(resourceError(error) ?? runError(messages.ffmpegFailed(error.message), error));
          releasePipes(proc);
          resolve();
        });
        // 'exit', not 'close': a grandchild may keep stderr open after ffmpeg itself is gone.
        proc.on('exit', async (code, signal) => {
          // Its last words may still be in the pipe: a moment for them, no more (a grandchild may hold it).
          if (proc.stderr && !proc.stderr.readableEnded) await settledWithin(once(proc.stderr, 'end').then(() => undefined, () => undefined), LAST_WORDS_MS);
          // What it started and left behind goes with it, and its pipes are let go.
          if (proc.pid !== undefined) signalGroup(proc.pid, [...startedByIt, ...familyOf(family)], 'SIGKILL');
          releasePipes(proc);
          if (code !== 0) fail(writeFailure(stderr) ?? runError(messages.ffmpegFailed(ffmpegReason(stderr, signal ? `ffmpeg was ended by ${signal}` : `ffmpeg exited with code ${code} and printed no reason`))));
          else if (!finishing) fail(runError(messages.ffmpegFailed('ffmpeg stopped before all frames were written')));
          resolve();
        });
      });
      // A spawn that could not start leaves no pipes: its 'error' says why.
      if (!proc.stdin || !proc.stderr) {
        await exited;
        throw failure ?? runError(messages.ffmpegFailed('it could not be started'));
      }
      proc.stderr.setEncoding('utf8');
      proc.stderr.on('data', (d: string) => {
        if (stderr.length < 64 * 1024) stderr += d;
      });
      proc.stderr.on('error', () => undefined);
      proc.stdin.on('error', () => undefined); // EPIPE when ffmpeg dies: its exit says why
    },

    async addFrame(rgba) {
      // The yuv buffer is reused: the previous frame must have left it for the pipe first.
      await within(written, 'read a frame');
      const yuv = toYuv(rgba);
      last = Buffer.from(yuv.buffer, yuv.byteOffset, yuv.byteLength);
      await write(last);
    },

    async finish() {
      if (!padded) for (let i = 0; i < holdFrames; i++) await write(last!);
      if (failure) throw failure;
      finishing = true;
      // What it started, found while it lives (a child that called setsid leaves its group, and once ffmpeg
      // has exited it is an orphan no parent chain leads to): ended with it.
      if (child!.pid !== undefined) startedByIt = descendants(child!.pid);
      child!.stdin!.end();
      await untilExit().catch(async (error: unknown) => {
        throw (await tempGone(temp!, path, Object.assign(new Error('gone'), { code: 'ENOENT' }))) ?? writeFailure(stderr) ?? error;
      });
      // Its file removed under it (an expired lease taken by another run): said as such, whatever ffmpeg said.
      if (failure) throw (await tempGone(temp!, path, Object.assign(new Error('gone'), { code: 'ENOENT' }))) ?? writeFailure(stderr) ?? failure;
      // Debian's ffmpeg 5.1 exits 0 when it cannot write the file's end (a full disk): its words say so, and the
      // file is cut short (a WebM's size is then "unknown", which the container check lets pass).
      const unwritten = (await tempGone(temp!, path, Object.assign(new Error('gone'), { code: 'ENOENT' }))) ?? writeFailure(stderr);
      if (unwritten) throw unwritten;
      const written = await stat(temp!).then(
        (s) => s.size,
        async (error: unknown) => {
          const gone = await tempGone(temp!, path, error);
          if (gone) throw gone;
          return 0;
        },
      );
      if (written === 0) throw runError(messages.ffmpegFailed('it exited without writing any video'));
      // A stand-in or broken ffmpeg may exit 0 having written anything at all: the container's signature is
      // checked before the file may replace an existing one.
      if (!(await isWholeContainer(temp!, format))) throw runError(messages.ffmpegFailed(`what it wrote is not ${format === 'mp4' ? 'an MP4' : 'a WebM'} file`));
      const bytes = await finishTemp(options.commit, temp!, path);
      temp = undefined;
      return { path, bytes, files: 1 };
    },

    async abort() {
      failure ??= runError(messages.ffmpegFailed('aborted'));
      failed?.();
      // SIGTERM to ffmpeg and all it started, SIGKILL after a short grace: a stop ends it whatever it does.
      if (child && exited) await endChild(child, exited, undefined, family);
      await removeQuietly(temp);
      temp = undefined;
    },
  };

  /**
   * After the input ends: ffmpeg flushes and exits. The watchdog covers this too, as one deadline from the
   * last frame: an ffmpeg that keeps its file growing, or never exits, fails the run (and abort ends it).
   */
  async function untilExit(): Promise<void> {
    await within(exited!, 'exit after its last frame');
  }
}

/** The failure ffmpeg's words report about writing the file (a full disk, a quota, its trailer), if any. */
function writeFailure(stderr: string): MlvisError | undefined {
  if (/No space left on device|Disk quota exceeded/i.test(stderr)) return runError(messages.outOfSpace());
  if (/Error writing trailer|Error closing file|I\/O error/i.test(stderr)) return runError(messages.ffmpegFailed(ffmpegReason(stderr, 'it could not finish writing the file')));
  return undefined;
}
