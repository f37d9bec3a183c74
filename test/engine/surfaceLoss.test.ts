/**
 * The logistic surface of many points (binnedLoss): x in 2048 bins with each bin's spread taken to second
 * order, against the exact loss, near the optimum and far out, on x near zero and far from it.
 */
import { logisticModel } from '../../src/engine/logistic';
import { binnedLoss } from '../../src/engine/surfaceLoss';
import { createRng, normal } from '../../src/random';

function classes(n: number, centre: number, spread: number, seed: string) {
  const rng = createRng(seed, 'test');
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const u = normal(rng);
    // A heavy tail: a few points far out make the bins wide.
    x[i] = centre + spread * (i % 100 === 0 ? 6 * u : u);
    y[i] = rng() < 1 / (1 + Math.exp(-2 * u)) ? 1 : 0;
  }
  return { x, y };
}

describe('the binned logistic surface', () => {
  it.each([
    ['x near zero', 0, 1],
    ['x far from zero', 4000, 300],
  ])('is the exact loss to 1e-8 relative near the optimum on 100,000 points, and to 1e-4 far out, %s', (_name, centre, spread) => {
    const { x, y } = classes(100_000, centre, spread, `surface-${centre}`);
    const model = logisticModel(x, y);
    const surface = binnedLoss(model);
    const opt = model.optimum()!;
    const error = (w0: number, w1: number) => Math.abs(surface(w0, w1) - model.loss([w0, w1])) / model.loss([w0, w1]);
    expect(error(opt[0], opt[1])).toBeLessThan(1e-8);
    expect(error(0, 0)).toBeLessThan(1e-8);
    // Through the optimum's boundary, steeper and steeper, and shifted off it: the bins' spread in z grows
    // with the slope, and with it the error of the expansion.
    for (const [k, tolerance] of [[0.3, 1e-8], [3, 1e-8], [30, 1e-6], [300, 1e-4]]) {
      expect(error(k * opt[0], k * opt[1])).toBeLessThan(tolerance);
      expect(error(k * opt[0] + 1, k * opt[1])).toBeLessThan(tolerance);
    }
  });

  it('is the exact loss itself on 4,096 points or fewer', () => {
    const { x, y } = classes(4096, 0, 1, 'small');
    const model = logisticModel(x, y);
    expect(binnedLoss(model)(0.2, -1.5)).toBe(model.loss([0.2, -1.5]));
  });
});
