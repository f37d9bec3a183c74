/**
 * PNG through @napi-rs/canvas: one still (the single frame added), or, when the path holds `%d` / `%0Nd`,
 * one file per frame numbered from 0. Every file is written under a temporary name and renamed at finish;
 * abort removes the temporary files. PNG bytes depend only on the pixels (no time stamps), so equal frames
 * give byte-identical files.
 */
import { stat, unlink, writeFile } from 'node:fs/promises';
import type { ImageData, SKRSContext2D } from '@napi-rs/canvas';
import { asUnwritable, createTemp, finishTemp, removeQuietly } from './atomic';
import type { Encoder, EncoderOptions } from './encoder';
import { frameFileName, isFrameSequence } from './pattern';

interface Pending {
  temp: string;
  target: string;
}

/** A PNG encoder for a single path or a numbered sequence (see the file comment). */
export function createPngEncoder(options: EncoderOptions): Encoder {
  const { path, width, height } = options;
  const targetOf = (frame: number) => (isFrameSequence(path) ? frameFileName(path, frame) : path);
  let pending: Pending[] = [];
  let added = 0;
  let context: SKRSContext2D | undefined;
  let image: ImageData | undefined;
  let encode: (() => Promise<Buffer>) | undefined;

  return {
    async start() {
      // Created now so that an unwritable folder is reported before any frame is drawn.
      pending.push({ temp: await createTemp(targetOf(0)), target: targetOf(0) });
      // Loaded here, not with this module: the encoders' module is loaded to start the GIF thread early
      // (animate), and loading the canvas library first (8-10 ms) held that thread's start back.
      const { createCanvas } = require('@napi-rs/canvas') as typeof import('@napi-rs/canvas');
      const canvas = createCanvas(width, height);
      context = canvas.getContext('2d');
      image = context.createImageData(width, height);
      encode = () => canvas.encode('png');
    },

    async addFrame(rgba) {
      const frame = added++;
      const target = targetOf(frame);
      if (frame > 0) pending.push({ temp: await createTemp(target), target });
      const temp = pending[pending.length - 1].temp;
      image!.data.set(rgba);
      context!.putImageData(image!, 0, 0);
      const png = await encode!();
      try {
        await writeFile(temp, png);
      } catch (error) {
        throw asUnwritable(target, error);
      }
    },

    async finish() {
      let bytes = 0;
      const files = pending.length;
      while (pending.length > 0) {
        bytes += await finishTemp(options.commit, pending[0].temp, pending[0].target);
        pending.shift();
      }
      // A shorter run into the same pattern would otherwise leave the older run's later frames behind,
      // and a tool that reads the sequence would play both: remove the numbers that follow on directly.
      const removeStale = async () => {
        for (let k = files; ; k++) {
          const stale = frameFileName(path, k);
          if (!(await stat(stale).then((st) => st.isFile(), () => false))) break;
          await unlink(stale);
        }
      };
      if (isFrameSequence(path)) {
        if (options.commit) options.commit.after(removeStale);
        else await removeStale();
      }
      return { path, bytes, files };
    },

    async abort() {
      const temps = pending;
      pending = [];
      for (const p of temps) await removeQuietly(p.temp);
    },
  };
}
