import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { createEncoder, encodeAll, frameFileName, isFrameSequence } from '../../src/encode';
import { messages } from '../../src/errors';
import { frame, frames, H, listing, optionsFor, tempFolder, W } from './helpers';

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ dir, cleanup } = await tempFolder()));
afterAll(() => cleanup());

/** The RGBA pixels of a PNG file, decoded by @napi-rs/canvas. */
async function decodePng(path: string): Promise<{ width: number; height: number; rgba: Uint8Array }> {
  const image = await loadImage(await readFile(path));
  const canvas = createCanvas(image.width, image.height);
  const context = canvas.getContext('2d');
  context.drawImage(image, 0, 0);
  const rgba = new Uint8Array(context.getImageData(0, 0, image.width, image.height).data);
  return { width: image.width, height: image.height, rgba };
}

describe('png pattern', () => {
  test('%d and %0Nd number frames from 0; other paths are single files', () => {
    expect(isFrameSequence('frames/%04d.png')).toBe(true);
    expect(isFrameSequence('f%d.png')).toBe(true);
    expect(isFrameSequence('fit.png')).toBe(false);
    expect(isFrameSequence('100%.png')).toBe(false);
    expect(frameFileName('frames/%04d.png', 7)).toBe('frames/0007.png');
    expect(frameFileName('f%d.png', 12)).toBe('f12.png');
    expect(frameFileName('f%02d.png', 123)).toBe('f123.png');
  });
});

describe('PNG encoder', () => {
  test('a single path holds the one frame, pixel for pixel, and is byte-identical on re-encode', async () => {
    const path = join(dir, 'still.png');
    const result = await encodeAll(createEncoder('png', optionsFor(path)), [frame(3)]);
    const first = await readFile(path);
    expect(result).toEqual({ path, bytes: first.length, files: 1 });
    const decoded = await decodePng(path);
    expect([decoded.width, decoded.height]).toEqual([W, H]);
    expect(Buffer.from(decoded.rgba).equals(Buffer.from(frame(3)))).toBe(true);
    await encodeAll(createEncoder('png', optionsFor(path)), [frame(3)]);
    expect((await readFile(path)).equals(first)).toBe(true);
  });

  test('a %04d path writes every frame, numbered from 0, each exact', async () => {
    const pattern = join(dir, 'seq', '%04d.png');
    const result = await encodeAll(createEncoder('png', optionsFor(pattern, { frameCount: 3 })), frames(3));
    expect(await listing(join(dir, 'seq'))).toEqual(['0000.png', '0001.png', '0002.png']);
    expect(result.files).toBe(3);
    let total = 0;
    for (let k = 0; k < 3; k++) {
      const file = join(dir, 'seq', `000${k}.png`);
      total += (await readFile(file)).length;
      expect(Buffer.from((await decodePng(file)).rgba).equals(Buffer.from(frame(k)))).toBe(true);
    }
    expect(result.bytes).toBe(total);
  });

  test('abort in the middle of a sequence leaves no file and no temporary file', async () => {
    const pattern = join(dir, 'aborted', 'f%d.png');
    const encoder = createEncoder('png', optionsFor(pattern, { frameCount: 3 }));
    await encoder.start();
    await encoder.addFrame(frame(0));
    await encoder.addFrame(frame(1));
    await encoder.abort();
    await encoder.abort(); // idempotent
    expect(await listing(join(dir, 'aborted'))).toEqual([]);
  });

  test('a single png takes exactly one frame', () => {
    const path = join(dir, 'one.png');
    return expect(createEncoder('png', optionsFor(path, { frameCount: 2 })).start()).rejects.toMatchObject({
      message: messages.encoderMisuse(
        `a single png (${path}) takes exactly 1 frame, not 2; use a %04d pattern for every frame`,
      ),
    });
  });
});
