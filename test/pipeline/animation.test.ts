import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GifReader } from 'omggif';
import { messages } from '../../src/errors';
import { mlvis, mlvisInProcess } from '../helpers/cli';
import { FFMPEG, gifFrames, probe, rgbAt } from '../helpers/media';

const dir = mkdtempSync(join(tmpdir(), 'mlvis-anim-'));
/** Every temporary folder this file makes, removed at the end. */
const folders = [dir];
function tempFolder(prefix: string): string {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  folders.push(folder);
  return folder;
}
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});
const SMALL = ['--iters', '200', '--frames', '30', '--size', '480x240'];

// In-process through runCli (ffmpeg still runs as ffmpeg's own child process); only the ffmpeg failure runs the
// real mlvis process.
describe('animations end to end (CLI)', () => {
  it('writes a GIF whose frames, delays, loop, size and pixels are right, and whose path moves', async () => {
    const out = join(dir, 'fit.gif');
    const r = await mlvisInProcess(['linear', ...SMALL, '--out', out, '--summary', '-']);
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary.frames).toBe(30);
    expect(summary.out).toBe(out);
    expect(summary.bytes).toBe(statSync(out).size);
    const { reader, frames } = gifFrames(readFileSync(out));
    expect([reader.width, reader.height]).toEqual([480, 240]);
    expect(reader.numFrames()).toBe(30);
    expect(reader.loopCount()).toBe(0); // forever
    for (let k = 0; k < 29; k++) expect(reader.frameInfo(k).delay).toBe(5); // 20 fps
    expect(reader.frameInfo(29).delay).toBe(150); // --hold 1.5 s on the last frame
    expect(rgbAt(frames[0], 480, 2, 2)).toEqual([255, 255, 255]); // light theme background
    let changed = 0;
    for (let i = 0; i < frames[0].length; i += 4) if (frames[0][i] !== frames[29][i] || frames[0][i + 1] !== frames[29][i + 1]) changed++;
    expect(changed).toBeGreaterThan(1000); // the path and the fit line moved
    // The loss column of the title changes too: consecutive early frames differ.
    expect(Buffer.compare(Buffer.from(frames[1]), Buffer.from(frames[2]))).not.toBe(0);
  });

  it('honours --loop, --fps and --every', async () => {
    const out = join(dir, 'loop.gif');
    const r = await mlvisInProcess(['logistic', '--iters', '40', '--every', '10', '--size', '320x200', '--fps', '30', '--loop', '3', '--hold', '0', '--out', out]);
    expect(r.code).toBe(0);
    const { reader } = gifFrames(readFileSync(out));
    expect(reader.numFrames()).toBe(5); // 0, 10, 20, 30, 40
    expect(reader.loopCount()).toBe(2); // played 3 times = NETSCAPE count 2
    const delays = Array.from({ length: 5 }, (_, k) => reader.frameInfo(k).delay);
    expect(delays.slice(0, 3)).toEqual([3, 3, 4]); // 1/30 s, rounding spread so the total stays exact
  });

  it('gives byte-identical GIF and PNG files for the same arguments and seed', async () => {
    for (const ext of ['gif', 'png']) {
      const a = join(dir, `a.${ext}`);
      const b = join(dir, `b.${ext}`);
      const args = ['linear', '--optimizer', 'sgd', ...SMALL];
      expect((await mlvisInProcess([...args, '--out', a])).code).toBe(0);
      expect((await mlvisInProcess([...args, '--out', b])).code).toBe(0);
      expect(readFileSync(a).equals(readFileSync(b))).toBe(true);
    }
  });

  it('writes H.264 MP4 with odd sizes rounded to even, and the hold as extra frames', async () => {
    const out = join(dir, 'fit.mp4');
    const r = await mlvisInProcess(['linear', '--iters', '100', '--frames', '20', '--fps', '10', '--hold', '1', '--size', '481x241', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(messages.roundedToEven(481, 241, 480, 240));
    expect(probe(out)).toEqual({ codec: 'h264', pixfmt: 'yuv420p', width: 480, height: 240, frames: 30 });
  });

  it('writes VP9 WebM', async () => {
    const out = join(dir, 'fit.webm');
    const r = await mlvisInProcess(['logistic', '--iters', '100', '--frames', '12', '--hold', '0', '--size', '320x200', '--out', out]);
    expect(r.code).toBe(0);
    expect(probe(out)).toMatchObject({ codec: 'vp9', width: 320, height: 200, frames: 12 });
  });

  it('writes one PNG still (--frame K or last) or every frame with a %d pattern', async () => {
    const first = join(dir, 'first.png');
    const last = join(dir, 'last.png');
    expect((await mlvisInProcess(['linear', ...SMALL, '--frame', '0', '--out', first])).code).toBe(0);
    expect((await mlvisInProcess(['linear', ...SMALL, '--out', last])).code).toBe(0);
    expect(readFileSync(first).subarray(0, 8).toString('latin1')).toBe('\x89PNG\r\n\x1a\n');
    expect(readFileSync(first).equals(readFileSync(last))).toBe(false);
    const seq = join(dir, 'seq', '%04d.png');
    const r = await mlvisInProcess(['linear', '--iters', '50', '--frames', '5', '--size', '320x200', '--out', seq]);
    expect(r.code).toBe(0);
    expect(readdirSync(join(dir, 'seq')).sort()).toEqual(['0000.png', '0001.png', '0002.png', '0003.png', '0004.png']);
  });

  // A real process for each ffmpeg fault: the failed child's broken pipe must not crash, hang or add a second line
  // to the process that fed it, and MLVIS_FFMPEG must be read from the real environment.
  it('an ffmpeg failure exits 1 with one line, leaves the existing file untouched and no temporary file (subprocess)', () => {
    const fake = join(dir, 'fake-ffmpeg.sh');
    writeFileSync(fake, '#!/bin/sh\necho "Unknown encoder \'libx264\'" >&2\nexit 1\n');
    chmodSync(fake, 0o755);
    const folder = tempFolder('mlvis-fail-');
    const target = join(folder, 'keep.mp4');
    writeFileSync(target, 'precious');
    for (const how of [['--ffmpeg', fake], []]) {
      const r = mlvis(['linear', '--iters', '50', '--frames', '5', '--size', '320x200', '--out', target, ...how], {
        env: how.length ? {} : { MLVIS_FFMPEG: fake },
      });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^mlvis: ffmpeg failed: .*Unknown encoder/);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(readFileSync(target, 'utf8')).toBe('precious');
      expect(readdirSync(folder)).toEqual(['keep.mp4']);
    }
  });

  it('draws a diverging run to the end and says so', async () => {
    const out = join(dir, 'div.gif');
    const r = await mlvisInProcess(['linear', '--lr', '0.5', '--iters', '100', '--size', '320x200', '--out', out, '--summary', '-']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.diverged).not.toBeNull();
    expect(existsSync(out)).toBe(true);
    expect(new GifReader(readFileSync(out)).numFrames()).toBe(s.frames);
  });
});

describe('PNG sequences', () => {
  it('a shorter run into the same pattern removes the older run\'s later frames', async () => {
    const folder = tempFolder('mlvis-seq-');
    const pattern = join(folder, '%03d.png');
    expect((await mlvisInProcess(['linear', '--iters', '5', '--size', '320x200', '--out', pattern])).code).toBe(0);
    expect(readdirSync(folder)).toHaveLength(6);
    writeFileSync(join(folder, 'notes.txt'), 'mine');
    expect((await mlvisInProcess(['linear', '--iters', '2', '--size', '320x200', '--out', pattern])).code).toBe(0);
    expect(readdirSync(folder).sort()).toEqual(['000.png', '001.png', '002.png', 'notes.txt']);
  });
});

describe('--view 3d --orbit end to end', () => {
  it('writes a poster that is the video\'s last frame, camera turned, not the start of the orbit', async () => {
    const folder = tempFolder('mlvis-orbit-');
    const args = ['linear', '--iters', '40', '--frames', '6', '--size', '320x200', '--view', '3d', '--orbit', '90'];
    const r = await mlvisInProcess([...args, '--out', join(folder, 'turn.mp4'), '--poster', '--out', join(folder, 'f', '%d.png')]);
    expect(r.code).toBe(0);
    const poster = readFileSync(join(folder, 'turn.png'));
    expect(poster.equals(readFileSync(join(folder, 'f', '5.png')))).toBe(true);
    expect(poster.equals(readFileSync(join(folder, 'f', '0.png')))).toBe(false);
    // A still of the last iteration is drawn from the start of the orbit (--orbit turns animations only).
    const still = join(folder, 'still.png');
    expect((await mlvisInProcess([...args.filter((a) => a !== '--frames' && a !== '6'), '--out', still, '--quiet'])).code).toBe(0);
    expect(readFileSync(still).equals(poster)).toBe(false);
  });
});

describe('threads', () => {
  it('threads: 1 (a batch worker sharing the cores) encodes a GIF on the calling thread, with the same bytes', async () => {
    const { run } = require('../../src/index') as typeof import('../../src/index');
    const threads = require('node:worker_threads') as typeof import('node:worker_threads');
    const Original = threads.Worker;
    let started = 0;
    (threads as { Worker: unknown }).Worker = class extends Original {
      constructor(...args: ConstructorParameters<typeof Original>) {
        super(...args);
        started++;
      }
    };
    try {
      const [one, two] = ['one.gif', 'two.gif'].map((f) => join(dir, f));
      const options = { model: 'linear' as const, iterations: 200, frames: 30, width: 480, height: 240 };
      await run({ ...options, out: one }, { threads: 1 });
      expect(started).toBe(0);
      await run({ ...options, out: two });
      expect(started).toBeGreaterThan(0);
      expect(readFileSync(two).equals(readFileSync(one))).toBe(true);
    } finally {
      (threads as { Worker: unknown }).Worker = Original;
    }
  });
});
