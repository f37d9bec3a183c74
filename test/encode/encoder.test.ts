import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GifReader } from 'omggif';
import { createEncoder, encodeAll, formatOf } from '../../src/encode';
import { messages } from '../../src/errors';
import { frame, frames, listing, optionsFor, tempFolder } from './helpers';

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ dir, cleanup } = await tempFolder()));
afterAll(() => cleanup());

const misuse = (detail: string) => ({ message: messages.encoderMisuse(detail) });

describe('formatOf', () => {
  test('by extension, case-insensitive; null for anything else', () => {
    expect(formatOf('fit.gif')).toBe('gif');
    expect(formatOf('out/FIT.MP4')).toBe('mp4');
    expect(formatOf('a.b.webm')).toBe('webm');
    expect(formatOf('frames/%04d.png')).toBe('png');
    expect(formatOf('fit.jpg')).toBeNull();
    expect(formatOf('gif')).toBeNull();
    expect(formatOf('fit.gif/')).toBeNull();
  });
});

describe('encodeAll', () => {
  test('accepts an async iterable of frames', async () => {
    const path = join(dir, 'async.gif');
    async function* source() {
      for (let k = 0; k < 3; k++) {
        await new Promise(setImmediate);
        yield frame(k);
      }
    }
    await encodeAll(createEncoder('gif', optionsFor(path, { frameCount: 3 })), source());
    expect(new GifReader(await readFile(path)).numFrames()).toBe(3);
  });
});

describe('lifecycle checks', () => {
  let dir: string; // a fresh folder per test, to check that nothing is left behind
  let cleanupEach: () => Promise<void>;
  beforeEach(async () => ({ dir, cleanup: cleanupEach } = await tempFolder()));
  afterEach(() => cleanupEach());

  test('calls out of order are refused', async () => {
    const encoder = createEncoder('gif', optionsFor(join(dir, 'order.gif')));
    await expect(encoder.addFrame(frame(0))).rejects.toMatchObject(misuse('addFrame() called when the encoder is new'));
    await expect(encoder.finish()).rejects.toMatchObject(misuse('finish() called when the encoder is new'));
    await encoder.abort(); // safe before start
  });

  test('more frames than announced, or fewer at finish, fail and clean up', async () => {
    const more = createEncoder('gif', optionsFor(join(dir, 'more.gif'), { frameCount: 1 }));
    await expect(encodeAll(more, frames(2))).rejects.toMatchObject(misuse('more frames added than the 1 announced'));
    const fewer = createEncoder('gif', optionsFor(join(dir, 'fewer.gif'), { frameCount: 3 }));
    await expect(encodeAll(fewer, frames(2))).rejects.toMatchObject(misuse('finish() after 2 of 3 frames'));
    expect(await listing(dir)).toEqual([]);
  });

  test('concurrent calls are refused (each call must be awaited)', async () => {
    const encoder = createEncoder('gif', optionsFor(join(dir, 'busy.gif'), { frameCount: 2 }));
    await encoder.start();
    const first = encoder.addFrame(frame(0));
    await expect(encoder.addFrame(frame(1))).rejects.toMatchObject(
      misuse('addFrame() called while another call is still running; await each call'),
    );
    await first;
    await encoder.abort();
    expect(await listing(dir)).toEqual([]);
  });

  test('bad options are refused at start, before anything is written', async () => {
    const path = join(dir, 'sub', 'bad.mp4');
    const cases: [Parameters<typeof optionsFor>[1], string][] = [
      [{ width: 63 }, 'mp4 needs an even width and height (yuv420p), got 63x48; round them first'],
      [{ fps: 0 }, 'fps 0 is not a positive number'],
      [{ holdSeconds: -1 }, 'hold -1 is not 0 or more seconds'],
      [{ loop: 1.5 }, 'loop 1.5 is not a whole number from 0 to 65536'],
      [{ frameCount: 0 }, 'frameCount 0 is not a whole number >= 1'],
    ];
    for (const [overrides, detail] of cases) {
      await expect(createEncoder('mp4', optionsFor(path, overrides)).start()).rejects.toMatchObject(misuse(detail));
    }
    expect(await listing(dir)).toEqual([]);
  });

  test('after finish, abort does not remove the output', async () => {
    const path = join(dir, 'kept.gif');
    const encoder = createEncoder('gif', optionsFor(path));
    await encodeAll(encoder, [frame(0)]);
    await encoder.abort();
    expect(await listing(dir)).toEqual(['kept.gif']);
  });
});
