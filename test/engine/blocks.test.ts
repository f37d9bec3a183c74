/**
 * Sums over rows in fixed blocks (src/engine/blocks.ts): data of one block sums exactly as the one loop it
 * replaced, and more data as those loops over each block, added in block order.
 */
import { BLOCK_ROWS, blockCompensatedSum, blockCount, sequentialPass } from '../../src/engine/blocks';
import { logisticModel } from '../../src/engine/logistic';
import { createRng, normal } from '../../src/random';

/** The logistic pass as one loop over rows [start, end), as logisticModel computed it before blocks. */
function oneLoop(x: Float64Array, y: Float64Array, start: number, end: number, w0: number, w1: number): [number, number, number] {
  let s = 0;
  let g0 = 0;
  let g1 = 0;
  for (let i = start; i < end; i++) {
    const z = w1 * x[i] + w0;
    const e = Math.exp(-Math.abs(z));
    s += (z > 0 ? z + Math.log1p(e) : Math.log1p(e)) - y[i] * z;
    const err = (z >= 0 ? 1 / (1 + e) : e / (1 + e)) - y[i];
    g0 += err;
    g1 += err * x[i];
  }
  return [s, g0, g1];
}

function data(n: number, seed: string) {
  const rng = createRng(seed, 'test');
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = 3 * normal(rng);
    y[i] = rng() < 1 / (1 + Math.exp(-x[i])) ? 1 : 0;
  }
  return { x, y };
}

const WEIGHTS = [[0, 0], [0.3, -1.2], [-40, 3], [800, -900], [1e-300, 0]] as const;

describe('block sums', () => {
  it('cut n rows into ceil(n / 2^16) blocks, one at least', () => {
    expect(BLOCK_ROWS).toBe(65536);
    expect([0, 1, 65536, 65537, 1_000_000].map(blockCount)).toEqual([1, 1, 1, 2, 16]);
  });

  it('give the one-loop pass to the bit on one block (the chunked kernel changes no rounding)', () => {
    // 1,500 rows: chunks of 512 with a ragged end.
    const { x, y } = data(1500, 'one');
    const m = logisticModel(x, y);
    const g = new Float64Array(2);
    for (const [w0, w1] of WEIGHTS) {
      const [s, g0, g1] = oneLoop(x, y, 0, x.length, w0, w1);
      expect(m.loss([w0, w1])).toBe(s / x.length);
      m.gradient([w0, w1], g);
      expect(g[0]).toBe(g0 / x.length);
      expect(g[1]).toBe(g1 / x.length);
    }
  });

  it('add each block’s one-loop sums in block order on more rows', () => {
    const n = 2 * BLOCK_ROWS + 1234;
    const { x, y } = data(n, 'three');
    const m = logisticModel(x, y);
    const g = new Float64Array(2);
    for (const [w0, w1] of WEIGHTS) {
      const sums = [0, 1, 2].map((b) => oneLoop(x, y, b * BLOCK_ROWS, Math.min(n, (b + 1) * BLOCK_ROWS), w0, w1));
      const total = (k: number) => sums[0][k] + sums[1][k] + sums[2][k];
      expect(m.loss([w0, w1])).toBe(total(0) / n);
      m.gradient([w0, w1], g);
      expect(g[0]).toBe(total(1) / n);
      expect(g[1]).toBe(total(2) / n);
    }
  });

  it('compensate across blocks: what one block rounds away, the next gets back', () => {
    // Blocks' (sum, compensation) pairs: 1e16 and two 1s, which plain addition drops one at a time.
    const partials = Float64Array.of(1e16, 0, 1, 0, 1, 0);
    expect(partials[0] + partials[2] + partials[4]).toBe(1e16);
    expect(blockCompensatedSum(partials, 2, 3, 0)).toBe(1e16 + 2);
    // One block: its sum plus its compensation, as one compensated loop ends.
    expect(blockCompensatedSum(Float64Array.of(0.5, 1e-17), 2, 1, 0)).toBe(0.5 + 1e-17);
  });

  it('run the Newton passes on standardized x row by row, as on a standardized copy', () => {
    const { x, y } = data(3000, 'newton');
    const mean = 0.25;
    const sd = 2.5;
    const z = x.map((v) => (v - mean) / sd);
    const onX = sequentialPass('newtonPass', x, y).run(Float64Array.of(0.1, 0.7, mean, sd));
    const onZ = sequentialPass('newtonPass', z, y).run(Float64Array.of(0.1, 0.7, 0, 1));
    expect(Array.from(onX)).toEqual(Array.from(onZ));
  });
});
