/**
 * MP4 (H.264) and WebM (VP9) through fluent-ffmpeg: raw RGBA frames are piped to ffmpeg's stdin with
 * backpressure (without it, 1000 frames queue 1.25 GB), ffmpeg writes a temporary file beside the target,
 * and the file is renamed at finish. If ffmpeg fails, the input stream is destroyed with the error so a
 * pending wait for 'drain' rejects instead of hanging (NOTES.md).
 */
import { once } from 'node:events';
import { stat } from 'node:fs/promises';
import { PassThrough } from 'node:stream';
import ffmpeg from 'fluent-ffmpeg';
import { messages, MlvisError, runError } from '../errors';
import { createTemp, finishTemp, removeQuietly } from './atomic';
import type { Encoder, EncoderOptions } from './encoder';
import { ffmpegReason, resolveFfmpeg } from './ffmpeg';

/** Output options per container; the muxer is named with -f because the temporary file ends in .tmp. */
const OUTPUT_OPTIONS: Record<'mp4' | 'webm', string[]> = {
  // yuv420p: the pixel format every player decodes (it is why width and height must be even).
  mp4: ['-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', '-movflags', '+faststart', '-f', 'mp4'],
  // VP9's slowest part is its search; realtime + cpu-used 8 encodes at roughly libx264 veryfast speed.
  webm: ['-c:v', 'libvpx-vp9', '-deadline', 'realtime', '-cpu-used', '8', '-b:v', '0', '-crf', '33',
    '-pix_fmt', 'yuv420p', '-f', 'webm'],
};

/** How long abort() waits for a killed ffmpeg to exit before removing its file anyway. */
const KILL_WAIT_MS = 5000;

/** A video encoder for mp4 or webm; the last frame is repeated round(holdSeconds * fps) times at finish. */
export function createVideoEncoder(format: 'mp4' | 'webm', options: EncoderOptions): Encoder {
  const { path, width, height, fps } = options;
  let temp: string | undefined;
  let input: PassThrough | undefined;
  let command: ffmpeg.FfmpegCommand | undefined;
  let failure: MlvisError | undefined;
  let ended: Promise<void> | undefined; // settles when ffmpeg has exited (never rejects)
  let last: Buffer | undefined;
  let finishing = false; // input ended on purpose: ffmpeg's exit is expected
  let aborted = false;

  const fail = (error: MlvisError) => {
    failure ??= error;
    input?.destroy(failure); // rejects a pending once(input, 'drain')
  };

  const write = async (frame: Buffer) => {
    if (failure) throw failure;
    if (!input!.write(frame)) await once(input!, 'drain');
  };

  return {
    async start() {
      const binary = await resolveFfmpeg(options.ffmpegPath);
      temp = await createTemp(path);
      input = new PassThrough();
      input.on('error', () => undefined); // errors are kept in `failure`; this keeps a destroy from crashing Node
      command = ffmpeg(input)
        .setFfmpegPath(binary)
        .inputOptions(['-hide_banner', '-loglevel', 'error'])
        .inputOptions(['-f', 'rawvideo', '-pix_fmt', 'rgba', '-s', `${width}x${height}`, '-r', String(fps)])
        .outputOptions(OUTPUT_OPTIONS[format])
        .output(temp);
      // fluent-ffmpeg runs `ffmpeg -formats` and `-encoders` before every first command (~0.2 s) to check
      // codecs; the bundled build has ours, and with another binary ffmpeg's own error says what is missing.
      (command as unknown as { _checkCapabilities(cb: () => void): void })._checkCapabilities = (cb) => cb();
      const cmd = command;
      ended = new Promise<void>((resolve) => {
        cmd.on('start', () => {
          if (aborted) cmd.kill('SIGKILL'); // aborted before the process existed
        });
        cmd.on('end', () => {
          if (!finishing) fail(runError(messages.ffmpegFailed('ffmpeg stopped before all frames were written')));
          resolve();
        });
        cmd.on('error', (error: Error, _stdout: string | null, stderr: string | null) => {
          fail(runError(messages.ffmpegFailed(ffmpegReason(stderr, error.message.split('\n')[0].replace(/:\s*$/, '') + ' and printed no reason')), error));
          resolve();
        });
      });
      cmd.run();
    },

    async addFrame(rgba) {
      // A copy: the stream keeps the buffer until ffmpeg has read it, and the caller may reuse its memory.
      last = Buffer.from(rgba);
      await write(last);
    },

    async finish() {
      const holdFrames = Math.round(options.holdSeconds * fps);
      for (let i = 0; i < holdFrames; i++) await write(last!);
      if (failure) throw failure;
      finishing = true;
      input!.end();
      await ended;
      if (failure) throw failure;
      const written = await stat(temp!).then((s) => s.size, () => 0);
      if (written === 0) throw runError(messages.ffmpegFailed('it exited without writing any video'));
      const bytes = await finishTemp(options.commit, temp!, path);
      temp = undefined;
      return { path, bytes, files: 1 };
    },

    async abort() {
      aborted = true;
      failure ??= runError(messages.ffmpegFailed('aborted'));
      input?.destroy(failure);
      try {
        command?.kill('SIGKILL');
      } catch {
        // not started yet: the 'start' handler kills it
      }
      if (ended) await settledWithin(ended, KILL_WAIT_MS);
      await removeQuietly(temp);
      temp = undefined;
    },
  };
}

/** Waits for `promise` (which never rejects) or `ms`, whichever comes first. */
async function settledWithin(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  await Promise.race([promise, timeout]);
  clearTimeout(timer);
}
