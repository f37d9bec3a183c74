/**
 * The eigen-decomposition the landscape verdicts read signs of curvature from: A·v = λ·v to rounding for
 * every pair, orthonormal vectors, ascending values.
 */
import { eigen2 } from '../../src/engine/objective';
import { symmetricEigen } from '../../src/engine/symmetricEigen';
import { createRng, normal } from '../../src/random';

describe('symmetricEigen', () => {
  it.each([2, 3, 6, 12])('decomposes a random symmetric %i × %i matrix', (n) => {
    const rng = createRng(`eigen${n}`, 'test');
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = i; j < n; j++) a[i * n + j] = a[j * n + i] = normal(rng);
    const { values, vectors } = symmetricEigen(a, n);
    const size = Math.max(...values.map(Math.abs));
    for (let e = 0; e < n; e++) {
      if (e > 0) expect(values[e]).toBeGreaterThanOrEqual(values[e - 1]);
      for (let i = 0; i < n; i++) {
        let av = 0;
        for (let j = 0; j < n; j++) av += a[i * n + j] * vectors[e][j];
        expect(Math.abs(av - values[e] * vectors[e][i])).toBeLessThan(1e-12 * size);
      }
      for (let f = 0; f < n; f++) {
        const dot = vectors[e].reduce((s, x, k) => s + x * vectors[f][k], 0);
        expect(Math.abs(dot - (e === f ? 1 : 0))).toBeLessThan(1e-12);
      }
    }
  });

  it('agrees with the closed form for 2 × 2', () => {
    const h = [3, -1.5, -1.5, 7];
    const [lo, hi] = eigen2(h);
    const { values } = symmetricEigen(h, 2);
    expect(values[0]).toBeCloseTo(lo, 13);
    expect(values[1]).toBeCloseTo(hi, 13);
  });

  it('refuses a size that does not fit the matrix', () => {
    expect(() => symmetricEigen([1, 2, 3], 2)).toThrow('invalid size');
  });
});
