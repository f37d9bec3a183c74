/**
 * Frame choice fills rounding gaps from a heap; it must pick exactly what the earlier quadratic scan picked
 * (the widest gap, the earliest among equals), and handle 50,000 frames over a million iterations.
 */
import fc from 'fast-check';
import { chooseFrames, SAMPLE_MODES } from '../../src/engine/frames';
import type { Trajectory } from '../../src/types';

function path(n: number, seed: number): Trajectory {
  const a = new Float64Array(n + 1);
  const b = new Float64Array(n + 1);
  let s = seed;
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let i = 1; i <= n; i++) {
    const decay = Math.exp(-i / (n / 5 + 1));
    a[i] = a[i - 1] + (rnd() - 0.3) * decay;
    b[i] = b[i - 1] + (rnd() - 0.3) * decay;
  }
  return { w: [a, b], loss: new Float64Array(n + 1) };
}

/** The earlier fill: scan every gap for the widest each time (quadratic), kept here as the reference. */
function referenceFill(frames: number[], count: number, measure: (i: number) => number): number[] {
  const out = frames.slice();
  while (out.length < count) {
    let best = -1;
    let width = -1;
    for (let k = 0; k < out.length - 1; k++) {
      const w = measure(out[k + 1]) - measure(out[k]);
      if (out[k + 1] - out[k] >= 2 && w > width) {
        best = k;
        width = w;
      }
    }
    if (best < 0) break;
    const a = out[best];
    const b = out[best + 1];
    const mid = (measure(a) + measure(b)) / 2;
    let lo = a + 1;
    let hi = b - 1;
    while (lo < hi) {
      const m = (lo + hi) >> 1;
      if (measure(m) < mid) lo = m + 1;
      else hi = m;
    }
    out.splice(best + 1, 0, lo);
  }
  return out;
}

test('log frames equal the quadratic reference on random sizes', () => {
  fc.assert(
    fc.property(fc.integer({ min: 3, max: 3000 }), fc.integer({ min: 2, max: 400 }), (last, frames) => {
      const t = path(last, 7);
      const got = chooseFrames(t, { frames, sample: 'log', w0Range: [-1, 1], w1Range: [-1, 1] });
      const count = Math.max(2, Math.min(frames, last + 1));
      if (count === last + 1) return;
      const top = Math.log1p(last);
      const picked: number[] = [0];
      for (let k = 1; k < count - 1; k++) {
        const i = Math.min(last - 1, Math.max(1, Math.round(Math.expm1((k / (count - 1)) * top))));
        if (i > picked[picked.length - 1]) picked.push(i);
      }
      picked.push(last);
      expect(got).toEqual(referenceFill(picked, count, Math.log1p));
    }),
    { numRuns: 200, seed: 42 },
  );
});

test('50,000 frames over a million iterations: exactly that many, increasing, in every mode', () => {
  const t = path(1_000_000, 3);
  for (const sample of SAMPLE_MODES) {
    const got = chooseFrames(t, { frames: 50_000, sample, w0Range: [-1, 1], w1Range: [-1, 1] });
    expect(got).toHaveLength(50_000);
    expect(got[0]).toBe(0);
    expect(got[got.length - 1]).toBe(1_000_000);
    expect(got.every((v, i) => i === 0 || v > got[i - 1])).toBe(true);
  }
});
