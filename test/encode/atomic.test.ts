import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createEncoder, encodeAll, type OutputFormat } from '../../src/encode';
import { messages } from '../../src/errors';
import { frame, frames, listing, optionsFor, tempFolder, W, H } from './helpers';

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ dir, cleanup } = await tempFolder()));
afterAll(() => cleanup());

/** A folder holding one existing target with known content. */
async function folderWithTarget(name: string, file: string) {
  const folder = join(dir, name);
  await mkdir(folder, { recursive: true });
  const target = join(folder, file);
  await writeFile(target, 'previous contents');
  return { folder, target };
}

const untouched = async (folder: string, target: string, file: string) => {
  expect(await listing(folder)).toEqual([file]);
  expect(await readFile(target, 'utf8')).toBe('previous contents');
};

const FORMATS: [OutputFormat, string][] = [['gif', 'out.gif'], ['mp4', 'out.mp4'], ['webm', 'out.webm'], ['png', 'out.png']];

describe.each(FORMATS)('%s: write to a temporary file, rename at the end', (format, file) => {
  test('abort after some frames leaves the existing target untouched and no temporary file', async () => {
    const { folder, target } = await folderWithTarget(`abort-${format}`, file);
    const encoder = createEncoder(format, optionsFor(target, { frameCount: format === 'png' ? 1 : 3 }));
    await encoder.start();
    expect((await listing(folder)).some((n) => n.endsWith('.tmp'))).toBe(true); // it writes beside the target
    await encoder.addFrame(frame(0));
    await encoder.abort();
    await untouched(folder, target, file);
  });

  const count = format === 'png' ? 1 : 2; // a single png takes one frame

  test('a wrong-size frame mid-way fails, aborts by itself and leaves the target untouched', async () => {
    const { folder, target } = await folderWithTarget(`bad-${format}`, file);
    const encoder = createEncoder(format, optionsFor(target, { frameCount: count }));
    const input = [...frames(count - 1), new Uint8Array(10)];
    await expect(encodeAll(encoder, input)).rejects.toMatchObject({
      message: messages.encoderMisuse(`frame ${count - 1} has 10 bytes, expected ${W * H * 4} (${W}x${H} RGBA)`),
    });
    await expect(encoder.addFrame(frame(1))).rejects.toMatchObject({
      message: messages.encoderMisuse('addFrame() called when the encoder is aborted'),
    });
    await untouched(folder, target, file);
  });

  test('a frame source that throws leaves the target untouched', async () => {
    const { folder, target } = await folderWithTarget(`throws-${format}`, file);
    function* source() {
      yield* frames(count - 1);
      throw new Error('drawing failed');
    }
    const encoder = createEncoder(format, optionsFor(target, { frameCount: count }));
    await expect(encodeAll(encoder, source())).rejects.toThrow('drawing failed');
    await untouched(folder, target, file);
  });

  test('missing parent folders are created and the target is replaced', async () => {
    const target = join(dir, `new-${format}`, 'a', 'b', file);
    const result = await encodeAll(createEncoder(format, optionsFor(target, { frameCount: count })), frames(count));
    expect(result.path).toBe(target);
    expect(await listing(join(dir, `new-${format}`, 'a', 'b'))).toEqual([file]);
    expect((await readFile(target)).length).toBe(result.bytes);
  });
});

describe('unwritable targets', () => {
  test('a file where a folder should be', async () => {
    await writeFile(join(dir, 'afile'), 'x');
    const target = join(dir, 'afile', 'sub', 'out.gif');
    await expect(createEncoder('gif', optionsFor(target)).start()).rejects.toMatchObject({
      message: messages.outputUnwritable(target, 'a part of the path is a file, not a folder'),
      exitCode: 1,
    });
  });

  test('a target that is a folder fails at start, before any frame', async () => {
    const target = join(dir, 'folder.gif');
    await mkdir(target);
    await expect(createEncoder('gif', optionsFor(target)).start()).rejects.toMatchObject({
      message: messages.outputUnwritable(target, 'it is a folder'),
    });
    expect(await listing(dir)).not.toContainEqual(expect.stringMatching(/^\.folder\.gif/));
  });
});

describe('temporary files of other runs: a lease, not a PID', () => {
  const { STALE_AFTER_MS, heldTemps, tempPathFor } = require('../../src/encode/atomic') as typeof import('../../src/encode/atomic');
  const { utimesSync, writeFileSync, existsSync } = require('node:fs') as typeof import('node:fs');
  const ago = (ms: number) => new Date(Date.now() - ms);

  test('an expired lease is cleared; a live one, a user’s look-alike and an old-style name are left alone', async () => {
    const folder = join(dir, 'leases');
    await mkdir(folder, { recursive: true });
    const names = {
      expired: '.a.gif.mlvis-0123456789ab-deadbeef.tmp',
      live: '.b.gif.mlvis-ba9876543210-cafef00d.tmp',
      users: '.notes.txt.99999.deadbeef.tmp',
      oldStyle: '.c.gif.999999999.abcdef12.tmp',
    };
    for (const n of Object.values(names)) writeFileSync(join(folder, n), 'x');
    for (const n of [names.expired, names.users, names.oldStyle]) utimesSync(join(folder, n), ago(STALE_AFTER_MS + 60_000), ago(STALE_AFTER_MS + 60_000));
    // A run in another PID namespace renewed this one a moment ago: whatever its PID looks like from here, it is live.
    utimesSync(join(folder, names.live), ago(30_000), ago(30_000));
    await encodeAll(createEncoder('gif', optionsFor(join(folder, 'out.gif'), { frameCount: 1 })), frames(1));
    expect(existsSync(join(folder, names.expired))).toBe(false);
    expect(existsSync(join(folder, names.live))).toBe(true);
    expect(existsSync(join(folder, names.users))).toBe(true);
    expect(existsSync(join(folder, names.oldStyle))).toBe(true);
  });

  test('a temporary name says it is mlvis’s, and is held (its lease renewed) only while it exists', async () => {
    expect(tempPathFor('/x/out.gif')).toMatch(/^\/x\/\.out\.gif\.mlvis-[0-9a-f]{12}-[0-9a-f]{8}\.tmp$/);
    const folder = join(dir, 'held');
    const encoder = createEncoder('gif', optionsFor(join(folder, 'out.gif'), { frameCount: 2 }));
    await encoder.start();
    expect(heldTemps().filter((t) => t.startsWith(folder))).toHaveLength(1);
    await encoder.addFrame(frame(0));
    await encoder.abort();
    expect(heldTemps().filter((t) => t.startsWith(folder))).toEqual([]);
  });
});

describe('a temporary file removed by another process mid-run (hostile review)', () => {
  const { heldTemps } = require('../../src/encode/atomic') as typeof import('../../src/encode/atomic');
  const { unlinkSync, existsSync } = require('node:fs') as typeof import('node:fs');
  test.each(['gif', 'mp4'] as const)('%s: the message says so, not that the folder is missing', async (format) => {
    const folder = join(dir, `gone-${format}`);
    await mkdir(folder, { recursive: true });
    const target = join(folder, `out.${format}`);
    const encoder = createEncoder(format, optionsFor(target, { frameCount: 40 }));
    await encoder.start();
    // ffmpeg opens its output once its first frames are in: remove the file after that.
    for (let k = 0; k < 30; k++) await encoder.addFrame(frame(k));
    await new Promise((r) => setTimeout(r, 300));
    const temp = heldTemps().find((t) => t.startsWith(folder))!;
    unlinkSync(temp);
    for (let k = 30; k < 40; k++) await encoder.addFrame(frame(k));
    await expect(encoder.finish()).rejects.toThrow(messages.tempRemoved(target, temp));
    expect(existsSync(target)).toBe(false);
  });
});
