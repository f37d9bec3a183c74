import { createRng, normal } from '../../src/random';
import type { Dataset } from '../../src/types';

/** n seeded points on y = 3x + 4 with noise 0.5, x uniform in [offset, offset + 2]. */
export function lineData(n: number, seed: string, offset = 0): Dataset {
  const rng = createRng(seed, 'test');
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = offset + 2 * rng();
    y[i] = 3 * x[i] + 4 + 0.5 * normal(rng);
  }
  return { x, y, xName: 'x', yName: 'y', source: 'test', skipped: 0 };
}
