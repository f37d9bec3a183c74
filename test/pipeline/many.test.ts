/**
 * Many series and many outputs through the library's run(): one training feeds every file; a race equals
 * its optimizers run alone; a sweep writes one file per value or one grid.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { run, sceneFromOptions, createRenderer, messages, MlvisError, type RunOptions } from '../../src/index';
import { largeGifs } from '../../src/pipeline/animate';
import { gifFrames, probe } from '../helpers/media';

const dir = mkdtempSync(join(tmpdir(), 'mlvis-many-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const SMALL = { iterations: 60, frames: 6, width: 320, height: 200 } as const;

async function pngPixels(file: string): Promise<Uint8Array> {
  const img = await loadImage(readFileSync(file));
  const canvas = createCanvas(img.width, img.height);
  canvas.getContext('2d').drawImage(img, 0, 0);
  return canvas.data();
}

describe('several outputs from one training', () => {
  it('writes GIF, MP4, WebM and a PNG still from the same frames', async () => {
    const out = ['a.gif', 'a.mp4', 'a.webm', 'a.png'].map((f) => join(dir, f));
    const options: RunOptions = { model: 'linear', ...SMALL, out };
    const { summary } = await run(options);
    expect(summary.outputs!.map((f) => [f.path, f.format, f.frames])).toEqual([
      [out[0], 'gif', 6],
      [out[1], 'mp4', 6],
      [out[2], 'webm', 6],
      [out[3], 'png', 1],
    ]);
    for (const f of summary.outputs!) expect(f.bytes).toBe(statSync(f.path).size);
    expect(summary.frames).toBe(6);
    expect(summary.out).toBeUndefined(); // several files: see outputs
    expect(gifFrames(readFileSync(out[0])).frames).toHaveLength(6);
    expect(probe(out[1])).toMatchObject({ codec: 'h264', frames: 6 + Math.round(1.5 * 20) });
    expect(probe(out[2])).toMatchObject({ codec: 'vp9', frames: 6 + Math.round(1.5 * 20) });
    // The still is the last frame, exactly as the renderer draws it.
    const last = createRenderer(sceneFromOptions({ model: 'linear', ...SMALL })).drawFrame(60);
    expect(Buffer.from(await pngPixels(out[3])).equals(Buffer.from(last))).toBe(true);
  });

  it('--poster writes one PNG of the last frame beside the videos', async () => {
    const out = ['p.mp4', 'p.webm'].map((f) => join(dir, f));
    const { summary } = await run({ model: 'linear', ...SMALL, out, poster: true, frame: 0 });
    expect(summary.outputs!.map((f) => f.path)).toEqual([...out, join(dir, 'p.png')]);
    const last = createRenderer(sceneFromOptions({ model: 'linear', ...SMALL })).drawFrame(60);
    expect(Buffer.from(await pngPixels(join(dir, 'p.png'))).equals(Buffer.from(last))).toBe(true);
  });

  it('warns about a GIF too large for a page', () => {
    const files = [
      { path: 'a.gif', format: 'gif', frames: 100, bytes: 11 * 1024 * 1024 },
      { path: 'a.mp4', format: 'mp4', frames: 100, bytes: 11 * 1024 * 1024 },
      { path: 'b.gif', format: 'gif', frames: 100, bytes: 9 * 1024 * 1024 },
    ];
    expect(largeGifs(files)).toEqual([{ code: 'largeGif', path: 'a.gif', bytes: 11 * 1024 * 1024 }]);
  });

  it('a list of stills writes NAME-K.png per iteration', async () => {
    const out = join(dir, 'still.png');
    const { summary } = await run({ model: 'linear', ...SMALL, out, frame: [0, 30, 'last'] });
    expect(summary.outputs!.map((f) => f.path)).toEqual([0, 30, 60].map((k) => join(dir, `still-${k}.png`)));
    expect(existsSync(out)).toBe(false);
  });

  it('a failing output leaves none of the others behind, and existing files untouched', async () => {
    const sub = mkdtempSync(join(dir, 'fail-'));
    writeFileSync(join(sub, 'keep.gif'), 'old');
    const out = [join(sub, 'keep.gif'), join(sub, 'new.mp4')];
    await expect(run({ model: 'linear', ...SMALL, out, ffmpeg: join(sub, 'no-ffmpeg') })).rejects.toThrow(MlvisError);
    expect(readdirSync(sub)).toEqual(['keep.gif']);
    expect(readFileSync(out[0], 'utf8')).toBe('old');
  });

  it('a failure in a later output leaves the files already finished uncommitted: existing targets untouched', async () => {
    const sub = mkdtempSync(join(dir, 'late-'));
    writeFileSync(join(sub, 'keep.gif'), 'old');
    writeFileSync(join(sub, 'blocker'), 'a file where a folder should be');
    // The GIF is finished before the still fails to open its file.
    await expect(run({ model: 'linear', ...SMALL, out: [join(sub, 'keep.gif'), join(sub, 'blocker', 'x.png')] })).rejects.toThrow(MlvisError);
    expect(readdirSync(sub).sort()).toEqual(['blocker', 'keep.gif']);
    expect(readFileSync(join(sub, 'keep.gif'), 'utf8')).toBe('old');
  });

  it('an interrupt after one file of a sweep is written commits none of them', async () => {
    const sub = mkdtempSync(join(dir, 'stop-'));
    writeFileSync(join(sub, 's-lr0.1.gif'), 'old');
    const controller = new AbortController();
    const run2 = run(
      { model: 'linear', ...SMALL, lr: [0.1, 0.2], out: join(sub, 's.gif') },
      { signal: controller.signal, progress: (done, total) => done === total && controller.abort() },
    );
    await expect(run2).rejects.toThrow(messages.interrupted());
    expect(readdirSync(sub)).toEqual(['s-lr0.1.gif']);
    expect(readFileSync(join(sub, 's-lr0.1.gif'), 'utf8')).toBe('old');
  });

  it('refuses an output that is the input data file before anything is read or written', async () => {
    const csv = join(dir, 'd.csv');
    writeFileSync(csv, 'a,b\n1,2\n2,4\n3,7\n');
    await expect(run({ model: 'linear', data: csv }, { summaryPath: csv })).rejects.toThrow(messages.outputIsInput(csv));
    expect(readFileSync(csv, 'utf8')).toBe('a,b\n1,2\n2,4\n3,7\n');
    // A CSV with an image's name is still the input.
    const odd = join(dir, 'odd.png');
    writeFileSync(odd, 'a,b\n1,2\n2,4\n3,7\n');
    await expect(run({ model: 'linear', data: odd, out: odd })).rejects.toThrow(messages.outputIsInput(odd));
    expect(readFileSync(odd, 'utf8')).toBe('a,b\n1,2\n2,4\n3,7\n');
  });
});

describe('races', () => {
  it('each series is exactly its optimizer run alone from the same start', async () => {
    const race = await run({ model: 'linear', iterations: 200, optimizer: ['gd', 'momentum', 'adam'], init: [-2, 5] });
    expect(race.summary.series!.map((s) => s.optimizer)).toEqual(['gd', 'momentum', 'adam']);
    for (const s of race.summary.series!) {
      const alone = await run({ model: 'linear', iterations: 200, optimizer: s.optimizer as 'gd', init: [-2, 5] });
      expect(s.final).toEqual(alone.summary.final);
      expect(s.lr).toBe(alone.summary.lr);
      expect(s.diverged).toEqual(alone.summary.diverged);
    }
    expect(race.summary.final).toBeUndefined();
  });

  it('renders one animation of all series and names a diverged one in its warning', async () => {
    const out = join(dir, 'race.gif');
    const warnings: string[] = [];
    const { summary } = await run({ model: 'linear', ...SMALL, optimizer: ['gd', 'momentum'], lr: { gd: 5 }, out }, { warn: (m) => warnings.push(m) });
    expect(summary.series![0].diverged).not.toBeNull();
    expect(summary.series![1].diverged).toBeNull();
    expect(warnings.some((w) => w.startsWith('GD: the descent diverged at iteration'))).toBe(true);
    expect(summary.outputs!.map((f) => f.path)).toEqual([out]);
    expect(gifFrames(readFileSync(out)).frames.length).toBe(6);
  });
});

describe('warnings about one descent name it', () => {
  it('a series of a race that does not converge', async () => {
    const warnings: string[] = [];
    const { summary } = await run({ model: 'linear', iterations: 60, optimizer: ['gd', 'momentum'], lr: { gd: 1e-4 } }, { warn: (m) => warnings.push(m) });
    expect(summary.series!.map((s) => s.verdict)).toEqual(['stalled', 'converged']);
    expect(warnings.filter((w) => w.includes('did not converge'))).toHaveLength(1);
    expect(warnings.some((w) => w.startsWith('GD: the descent did not converge') && w.includes('far below the stable one'))).toBe(true);
  });
});

describe('sweeps', () => {
  it('one file per value, named by the value, each listed with its series', async () => {
    const out = join(dir, 'sweep.gif');
    const { summary } = await run({ model: 'linear', ...SMALL, lr: [0.01, 0.1], out });
    expect(summary.series!.map((s) => s.outputs!.map((f) => f.path))).toEqual([[join(dir, 'sweep-lr0.01.gif')], [join(dir, 'sweep-lr0.1.gif')]]);
    for (const s of summary.series!) expect(existsSync(s.outputs![0].path)).toBe(true);
    expect(summary.outputs!.map((f) => f.path)).toEqual([join(dir, 'sweep-lr0.01.gif'), join(dir, 'sweep-lr0.1.gif')]);
    expect(existsSync(out)).toBe(false);
  });

  it('--layout grid is one animation of small multiples', async () => {
    const out = join(dir, 'grid.gif');
    const { summary } = await run({ model: 'linear', ...SMALL, lr: [0.01, 0.1, 0.5], layout: 'grid', out });
    expect(summary.layout).toBe('grid');
    expect(summary.outputs!.map((f) => f.path)).toEqual([out]);
    expect(summary.sweep).toEqual({ option: 'lr', values: [0.01, 0.1, 0.5] });
  });

  it('is deterministic: the same arguments give byte-identical files', async () => {
    const a = join(dir, 'det-a.gif');
    const b = join(dir, 'det-b.gif');
    const options: RunOptions = { model: 'linear', ...SMALL, optimizer: ['sgd', 'adam'] };
    await run({ ...options, out: a });
    await run({ ...options, out: b });
    expect(readFileSync(a).equals(readFileSync(b))).toBe(true);
  });
});
