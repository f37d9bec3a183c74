import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GifReader } from 'omggif';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createEncoder, encodeAll, warmUp, type EncoderOptions } from '../../src/encode';
import { createGifEncoder, gifThreadWaiting } from '../../src/encode/gif';
import { colourAt, frame, frames, H, optionsFor, RED, STRIPES, tempFolder, W } from './helpers';

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ dir, cleanup } = await tempFolder()));
afterAll(() => cleanup());

let counter = 0;
async function encodeGif(input: Uint8Array[], overrides: Partial<EncoderOptions> = {}) {
  const path = join(dir, `out-${counter++}.gif`);
  const result = await encodeAll(createEncoder('gif', optionsFor(path, { frameCount: input.length, ...overrides })), input);
  const bytes = await readFile(path);
  return { result, bytes, reader: new GifReader(bytes) };
}

/** Every frame after compositing (disposal 1: each frame is drawn over the previous one). */
function composite(reader: GifReader): Uint8Array[] {
  const pixels = new Uint8Array(reader.width * reader.height * 4);
  const out: Uint8Array[] = [];
  for (let i = 0; i < reader.numFrames(); i++) {
    reader.decodeAndBlitFrameRGBA(i, pixels);
    out.push(pixels.slice());
  }
  return out;
}

const rgbAt = (rgba: Uint8Array, x: number, y: number, width = W) => {
  const i = (y * width + x) * 4;
  return [rgba[i], rgba[i + 1], rgba[i + 2]];
};

describe('GIF encoder', () => {
  test('decodes back to the same size, frame count and exact pixels on every frame', async () => {
    const input = frames(6);
    const { result, bytes, reader } = await encodeGif(input);
    expect(result).toEqual({ path: join(dir, `out-${counter - 1}.gif`), bytes: bytes.length, files: 1 });
    expect([reader.width, reader.height, reader.numFrames()]).toEqual([W, H, 6]);
    const shown = composite(reader);
    for (const k of [0, 1, 3, 5]) {
      for (const [x, y] of [[0, 0], [9, 5], [4 + 4 * k, 24], [2 + 4 * k, 20], [63, 47], [30, 24]]) {
        expect([k, x, y, ...rgbAt(shown[k], x, y)]).toEqual([k, x, y, ...colourAt(k, x, y)]);
      }
    }
    // Fewer than 255 colours: the GIF is lossless, so every composited frame equals its input.
    shown.forEach((rgba, k) => expect(Buffer.from(rgba).equals(Buffer.from(input[k]))).toBe(true));
  });

  test('writes unchanged pixels as the transparent index, with disposal 1 (keep previous)', async () => {
    const { reader } = await encodeGif(frames(3));
    expect(reader.frameInfo(0).transparent_index).toBeNull();
    for (const k of [1, 2]) {
      const info = reader.frameInfo(k);
      expect(info.disposal).toBe(1);
      expect(info.transparent_index).not.toBeNull();
      const alone = new Uint8Array(W * H * 4); // blit this frame alone: transparent pixels stay alpha 0
      reader.decodeAndBlitFrameRGBA(k, alone);
      expect(alone[(0 * W + 40) * 4 + 3]).toBe(0); // a stripe far from the square: unchanged
      expect(alone[(24 * W + 4 * k + 5) * 4 + 3]).toBe(0); // inside the square in both frames: unchanged
      expect(rgbAt(alone, 4 * k + 9, 24)).toEqual([...RED]); // where the square moved to
      expect(rgbAt(alone, 4 * k + 1, 24)).toEqual([...colourAt(k, 4 * k + 1, 24)]); // where it left
    }
  });

  test('a later frame covers only the rectangle that changed; an unchanged frame is one transparent pixel', async () => {
    const input = [...frames(3), frame(2)];
    const { reader } = await encodeGif(input);
    const rect = (k: number) => {
      const { x, y, width, height } = reader.frameInfo(k);
      return { x, y, width, height };
    };
    expect(rect(0)).toEqual({ x: 0, y: 0, width: W, height: H });
    // The square moves 4 px right: the 4 columns it left and the 4 it entered, on its 8 rows.
    for (const k of [1, 2]) expect(rect(k)).toEqual({ x: 4 * k - 2, y: 20, width: 12, height: 8 });
    expect(rect(3)).toEqual({ x: 0, y: 0, width: 1, height: 1 });
    const alone = new Uint8Array(W * H * 4);
    reader.decodeAndBlitFrameRGBA(3, alone);
    expect(alone[3]).toBe(0);
    composite(reader).forEach((rgba, k) => expect(Buffer.from(rgba).equals(Buffer.from(input[k]))).toBe(true));
  });

  test('frames whose width is not a multiple of 4 decode exactly, on both threads', async () => {
    const input = frames(5, 61, 23);
    for (const threads of [1, 2] as const) {
      const { reader } = await encodeGif(input, { width: 61, height: 23, threads });
      const pixels = new Uint8Array(61 * 23 * 4);
      for (let k = 0; k < 5; k++) {
        reader.decodeAndBlitFrameRGBA(k, pixels);
        expect([threads, k, Buffer.from(pixels).equals(Buffer.from(input[k]))]).toEqual([threads, k, true]);
      }
    }
  });

  test('frames given as Buffers at an odd byte offset decode exactly (a Buffer slice is a view, not a copy)', async () => {
    const input = frames(4);
    const buffers = input.map((f) => {
      const backing = Buffer.alloc(f.length + 3, 7);
      backing.set(f, 3);
      return backing.subarray(3);
    });
    for (const threads of [1, 2] as const) {
      const { reader } = await encodeGif(buffers, { threads });
      composite(reader).forEach((rgba, k) => expect([threads, k, Buffer.from(rgba).equals(Buffer.from(input[k]))]).toEqual([threads, k, true]));
    }
  });

  test('delays spread the rounding at 30 fps and the last frame holds', async () => {
    const { reader } = await encodeGif(frames(7), { fps: 30, holdSeconds: 1.5 });
    const delays = Array.from({ length: 7 }, (_, k) => reader.frameInfo(k).delay);
    expect(delays).toEqual([3, 3, 4, 3, 3, 4, 150]);
  });

  test('the last frame keeps its own frame time when the hold is shorter', async () => {
    const { reader } = await encodeGif(frames(3), { fps: 20, holdSeconds: 0.01 });
    expect([0, 1, 2].map((k) => reader.frameInfo(k).delay)).toEqual([5, 5, 5]);
  });

  test('loop: 0 = forever, 1 = once (no NETSCAPE block), N = N plays (NETSCAPE count N - 1)', async () => {
    expect((await encodeGif(frames(2), { loop: 0 })).reader.loopCount()).toBe(0);
    expect((await encodeGif(frames(2), { loop: 1 })).reader.loopCount()).toBeNull();
    expect((await encodeGif(frames(2), { loop: 3 })).reader.loopCount()).toBe(2);
  });

  test('identical input gives byte-identical files, also from views at any offset', async () => {
    const input = frames(4);
    const a = await encodeGif(input);
    const b = await encodeGif(input);
    expect(a.bytes.equals(b.bytes)).toBe(true);
    // gifenc reads whole ArrayBuffers: views into larger buffers (aligned or not) must give the same file.
    const views = (offset: number) =>
      input.map((f) => {
        const big = new Uint8Array(f.length + 8);
        big.set(f, offset);
        return big.subarray(offset, offset + f.length);
      });
    for (const offset of [4, 1]) {
      const c = await encodeGif(views(offset), { paletteSamples: views(offset).slice(0, 1) });
      expect(c.bytes.equals(a.bytes)).toBe(true);
    }
  });

  test('builds the palette from paletteSamples: a colour absent from frame 0 stays exact', async () => {
    const blue = frame(0);
    for (let i = 0; i < 16; i++) blue.set([10, 10, 200, 255], i * 4); // a colour only in the last frame
    const input = [frame(0), blue];
    const { reader } = await encodeGif(input, { paletteSamples: [input[0], input[1]] });
    const shown = composite(reader);
    expect(rgbAt(shown[1], 3, 0)).toEqual([10, 10, 200]);
    expect(rgbAt(shown[1], 20, 0)).toEqual([...STRIPES[2]]);
  });

  test('a colour outside the palette is drawn as its nearest palette colour', async () => {
    const off = frame(1);
    off.set([220, 50, 45, 255], (24 * W + 12) * 4); // near RED (in the palette); a light stripe in frame 0
    const { reader } = await encodeGif([frame(0), off]);
    expect(rgbAt(composite(reader)[0], 12, 24)).toEqual([...STRIPES[1]]);
    expect(rgbAt(composite(reader)[1], 12, 24)).toEqual([...RED]);
  });
});

describe('GIF compression on a second thread', () => {
  test('writes the same bytes as compressing on the drawing thread, and decodes to every frame', async () => {
    const input = frames(12);
    const paths = ['one.gif', 'two.gif'].map((f) => join(dir, f));
    await encodeAll(createEncoder('gif', optionsFor(paths[0], { frameCount: 12, threads: 1 })), input);
    await encodeAll(createEncoder('gif', optionsFor(paths[1], { frameCount: 12, threads: 2 })), input);
    const [a, b] = await Promise.all(paths.map((p) => readFile(p)));
    expect(b.equals(a)).toBe(true);
    const reader = new GifReader(b);
    expect(reader.numFrames()).toBe(12);
    composite(reader).forEach((rgba, k) => expect(Buffer.from(rgba).equals(Buffer.from(input[k]))).toBe(true));
  });

  test('a thread warmed up ahead of the encoder is taken by it and writes the same bytes', async () => {
    const input = frames(8);
    const paths = ['cold.gif', 'warm.gif'].map((f) => join(dir, f));
    await encodeAll(createEncoder('gif', optionsFor(paths[0], { frameCount: 8, threads: 1 })), input);
    warmUp(['png']);
    expect(gifThreadWaiting()).toBe(false);
    warmUp(['png', 'gif']);
    warmUp(['gif']); // a second call while one waits starts no other
    expect(gifThreadWaiting()).toBe(true);
    const encoder = createEncoder('gif', optionsFor(paths[1], { frameCount: 8, threads: 2 }));
    expect(gifThreadWaiting()).toBe(true); // nothing is taken before start()
    await encoder.start();
    expect(gifThreadWaiting()).toBe(false);
    for (const f of input) await encoder.addFrame(f);
    await encoder.finish();
    const [a, b] = await Promise.all(paths.map((p) => readFile(p)));
    expect(b.equals(a)).toBe(true);
  });

  test('neither a warmed-up thread nor an encoder left unfinished keeps the process alive', async () => {
    const encode = JSON.stringify(join(__dirname, '..', '..', 'dist', 'encode', 'index.js'));
    const options = JSON.stringify(optionsFor(join(dir, 'left.gif'), { frameCount: 5, threads: 2 }));
    const scripts = [
      `require(${encode}).warmUp(['gif']);`,
      `require(${encode}).createEncoder('gif', ${options});`,
      `const e = require(${encode}).createEncoder('gif', ${options}); e.start().then(() => e.addFrame(new Uint8Array(${W * H * 4}))).then(() => process.stdout.write('added'));`,
    ];
    for (const script of scripts) {
      const { stdout } = await promisify(execFile)(process.execPath, ['-e', `${script} setTimeout(() => process.stdout.write(' held'), 3000).unref();`], { timeout: 20_000 });
      expect([script, stdout.includes('held')]).toEqual([script, false]); // the unref'd timer never fired: nothing held the process open
    }
  });

  test('a failure on the encoding thread rejects the frame at once instead of leaving it waiting', async () => {
    // Past the option checks (createGifEncoder directly): a palette sample the thread cannot read.
    const encoder = createGifEncoder({ ...optionsFor(join(dir, 'broken.gif'), { frameCount: 3, threads: 2 }), paletteSamples: [new Uint8Array(0)] });
    await encoder.start();
    const outcome = (async () => {
      for (const f of frames(3)) await encoder.addFrame(f);
      await encoder.finish();
    })();
    let timer: NodeJS.Timeout | undefined;
    const hung = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('hung')), 10_000)));
    await expect(Promise.race([outcome, hung])).rejects.toThrow(/palette|cnt|undefined/);
    clearTimeout(timer);
    await encoder.abort();
  });

  test('a palette sample of the wrong size is refused at start', async () => {
    const encoder = createEncoder('gif', { ...optionsFor(join(dir, 'bad-sample.gif'), { frameCount: 3 }), paletteSamples: [new Uint8Array(10)] });
    await expect(encoder.start()).rejects.toThrow(/palette sample 0 is not a 64x48 RGBA frame/);
  });

  test('an abort mid-animation ends the thread and leaves no file', async () => {
    const path = join(dir, 'aborted.gif');
    const encoder = createEncoder('gif', optionsFor(path, { frameCount: 12, threads: 2 }));
    await encoder.start();
    for (const f of frames(5)) await encoder.addFrame(f);
    await encoder.abort();
    await expect(readFile(path)).rejects.toThrow();
  });
});
