/**
 * --compare-standardize drawn: the raw valley on the left in data units, the round bowl on the right in
 * standardized weights (square), each with its own path, heading and result row; golden frames catch a
 * missing side or swapped headings, and the same options give the same bytes.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { animationFrames, resolveConfig, sceneFromOptions, type RunOptions } from '../../../src/index';
import { createRenderer } from '../../../src/render';
import { prepareFrame } from '../../../src/render/frame/renderer';
import { bothShort, resultAt } from '../../../src/render/frame/compareHeading';
import { theme } from '../../../src/render/core/theme';
import { mlvisInProcess } from '../../helpers/cli';
import { compareWithGolden } from '../goldenFiles';
import { countColour, distance, hex, pixel } from '../pixels';

// A rate the raw valley just takes (its limit is 2/L ≈ 8.1e-5): the bowl arrives in 16,446 iterations, the valley not in 20,000.
const options: RunOptions = { model: 'linear', data: 'cars', compareStandardize: true, lr: 7e-5, iterations: 20_000, width: 640, height: 320, frames: 40 };
const accent = hex(theme('light').accent);

describe('a comparison of raw and standardized x', () => {
  const scene = sceneFromOptions(options);
  const prepared = prepareFrame(scene);
  const [left, right] = prepared.panels.map((p) => p.plot);

  it('draws the raw side left in data units and the standardized side right, square', () => {
    expect(scene.series.map((s) => s.label)).toEqual(['raw x', 'standardized x']);
    expect(prepared.panels).toHaveLength(2);
    expect(left.rect.x + left.rect.w).toBeLessThan(right.rect.x);
    expect(right.rect.w).toBe(right.rect.h);
    // Data units: the raw window holds the data-unit optimum (w1 ≈ −0.158); the right one the standardized one.
    expect(left.y.domain[0]).toBeLessThan(-0.158);
    expect(left.y.domain[1]).toBeLessThan(1);
    expect(right.y.domain[1] - right.y.domain[0]).toBeGreaterThan(10);
  });

  it('puts each side’s current point on its own surface', () => {
    const k = 3000;
    const px = createRenderer(scene).drawFrame(k);
    [left, right].forEach((plot, i) => {
      const t = scene.sides![i].plane.paths[0];
      expect(distance(pixel(px, 640, plot.x.map(t.u[k]), plot.y.map(t.v[k])), accent)).toBeLessThanOrEqual(4);
    });
  });

  it('shows the bad news in colour on the side that never arrived, not on the other, once it is news', () => {
    expect(scene.sides!.map((s) => s.iterationsTo99)).toEqual([null, 16446]);
    const resultRow = (plot: typeof left) => ({ x: plot.rect.x, y: plot.rect.y - 16, w: plot.rect.w, h: 14 });
    const renderer = createRenderer(scene);
    const last = renderer.drawFrame(20_000);
    expect(countColour(last, 640, resultRow(left), accent, 60)).toBeGreaterThan(80);
    expect(countColour(last, 640, resultRow(right), accent, 60)).toBe(0);
    // At the start nothing has failed yet: no side is marked.
    const first = renderer.drawFrame(0);
    expect(countColour(first, 640, resultRow(left), accent, 60)).toBe(0);
  });

  it('claims 99 % of the gap only from the frame that reaches it, and the share so far before', () => {
    const row = (i: number, k: number) => resultAt(scene, i, k).forms[0];
    expect(row(1, 0)).toBe('0.0 % of the loss gap closed so far');
    expect(row(1, 16_445)).toMatch(/^98\.\d % of the loss gap closed so far$/);
    expect(row(1, 16_446)).toBe('99 % of the loss gap closed in 16,446 iterations');
    expect(row(1, 20_000)).toBe('99 % of the loss gap closed in 16,446 iterations');
    // The raw side says it never got there only at its end.
    expect(row(0, 10_000)).toMatch(/% of the loss gap closed so far$/);
    expect(row(0, 20_000)).toBe('99 % of the loss gap not closed in 20,000 iterations');
  });

  it('says so in the frame when the shared rate leaves both sides short of the optimum', () => {
    const slow = sceneFromOptions({ ...options, lr: 1e-6, iterations: 2000, frames: 10 });
    expect(slow.sides!.map((s) => s.iterationsTo99)).toEqual([null, null]);
    expect(bothShort(slow)).toBe(true);
    expect(bothShort(scene)).toBe(false);
    const plots = prepareFrame(slow).panels.map((p) => p.plot);
    const renderer = createRenderer(slow);
    const foot = (plot: typeof left) => ({ x: plot.rect.x, y: plot.rect.y + plot.rect.h - 40, w: plot.rect.w / 2, h: 40 });
    const end = renderer.drawFrame(2000);
    const start = renderer.drawFrame(0);
    for (const plot of plots) {
      expect(countColour(end, 640, foot(plot), accent, 60)).toBeGreaterThan(80);
      expect(countColour(start, 640, foot(plot), accent, 60)).toBe(0);
    }
  });

  it('names the standardized weights v0, v1 and the raw ones w0, w1', () => {
    expect(scene.sides![0].plane.labels[0]).toMatch(/^w0 /);
    expect(scene.sides![1].plane.labels).toEqual(['v0 (intercept), x standardized', 'v1 (slope), x standardized']);
  });

  it('matches the golden frames (first, middle, last)', async () => {
    const frames = animationFrames(resolveConfig(options), scene);
    const renderer = createRenderer(scene);
    const picks = [['first', frames[0]], ['middle', frames[Math.floor(frames.length / 2)]], ['last', frames[frames.length - 1]]] as const;
    for (const [which, k] of picks) {
      const px = Buffer.from(renderer.drawFrame(k));
      expect(await compareWithGolden(`compare-cars-${which}`, px, scene.width, scene.height)).toBe(0);
    }
  });

  it('chooses one frame clock over both paths', () => {
    const frames = animationFrames(resolveConfig(options), scene);
    expect(frames[0]).toBe(0);
    expect(frames[frames.length - 1]).toBe(20_000);
    expect(frames).toHaveLength(40);
    // Chosen over both paths: neither side alone would give these frames.
    const config = resolveConfig(options);
    for (const side of scene.sides!) expect(animationFrames(config, { ...scene, sides: [side] })).not.toEqual(frames);
  });
});

test('the same arguments write byte-identical PNGs', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mlvis-compare-'));
  try {
    const args = (name: string) => ['linear', '--data', 'cars', '--compare-standardize', '--iters', '300', '--size', '480x240', '--frame', '120', '--quiet', '--out', join(dir, name)];
    expect((await mlvisInProcess(args('a.png'))).code).toBe(0);
    expect((await mlvisInProcess(args('b.png'))).code).toBe(0);
    expect(readFileSync(join(dir, 'a.png')).equals(readFileSync(join(dir, 'b.png')))).toBe(true);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
