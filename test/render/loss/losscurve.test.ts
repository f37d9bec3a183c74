/**
 * The loss panel plots the gap to the optimum on a log scale and never draws ahead of the frame: right of
 * the current point the panel is the empty grid of frame 0; the curve appears there only as the run gets
 * there. Linear convergence is a straight line: gd's gap falls by one factor each step.
 */
import { createRenderer } from '../../../src/render';
import { makeRace, makeScene } from '../fixtures';

/** Pixels that differ right of fromX, below the title line (which names the iteration and so changes). */
function columnsDiffer(a: Uint8Array, b: Uint8Array, width: number, height: number, fromX: number): number {
  let n = 0;
  for (let y = 40; y < height; y++) {
    for (let x = fromX; x < width; x++) {
      const i = (y * width + x) * 4;
      if (a[i] !== b[i] || a[i + 1] !== b[i + 1] || a[i + 2] !== b[i + 2]) n++;
    }
  }
  return n;
}

describe('the loss panel', () => {
  const scene = makeScene('linear', { panels: ['loss'], width: 480, height: 320, iterations: 200 });
  const renderer = createRenderer(scene);
  const frame = (k: number) => Uint8Array.from(renderer.drawFrame(k));

  it('does not draw the future: right of the current point it is frame 0', () => {
    const start = frame(0);
    const early = frame(10);
    const end = frame(200);
    // Iteration 10 of 200 sits in the first twentieth of the plot; the right half must be untouched.
    expect(columnsDiffer(start, early, scene.width, scene.height, scene.width / 2)).toBe(0);
    // By the last iteration the curve has crossed it.
    expect(columnsDiffer(start, end, scene.width, scene.height, scene.width / 2)).toBeGreaterThan(50);
  });

  it('draws nothing of what comes later, not even faintly: another future, the same frame', () => {
    // The same run with iterations 11..200 in reverse order: the same values, so the same axes, but a
    // different future. Frame 10 must not tell them apart; the last frame must.
    const t = scene.series[0].trajectory;
    const flip = (a: Float64Array) => Float64Array.from(a, (v, i) => (i <= 10 ? v : a[200 - (i - 11)]));
    const p = scene.surface.paths[0];
    const surface = { ...scene.surface, paths: [{ u: flip(p.u), v: flip(p.v), loss: flip(p.loss) }] };
    const other = { ...scene, surface, series: [{ ...scene.series[0], trajectory: { w: t.w.map(flip), loss: flip(t.loss) } }] };
    const r2 = createRenderer(other);
    expect(Buffer.from(r2.drawFrame(10)).equals(Buffer.from(renderer.drawFrame(10)))).toBe(true);
    expect(Buffer.from(r2.drawFrame(200)).equals(Buffer.from(renderer.drawFrame(200)))).toBe(false);
  });
});

describe('the loss panel of a race', () => {
  it('shows at each iteration what a renderer drawing only that frame shows (its curves grow frame by frame)', () => {
    const scene = makeRace('linear', { panels: ['loss'], width: 480, height: 320 });
    const animation = createRenderer(scene);
    // Forwards, then back to the start and forwards again, as a run's stills follow its animation.
    for (const k of [0, 3, 17, 60, scene.iterations, 0, 17, scene.iterations]) {
      const drawn = Buffer.from(animation.drawFrame(k));
      expect(drawn.equals(Buffer.from(createRenderer(scene).drawFrame(k)))).toBe(true);
    }
  });
});
