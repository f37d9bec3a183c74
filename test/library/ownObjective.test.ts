/**
 * The README's "An objective of your own" snippet, run as written (imports from the package's root): the
 * objective descends to its known minimum, and the README still shows this code.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setUpObjective, descendOn } from '../../src';

const README = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');

test('a caller objective, as the README writes it, reaches its known minimum and is judged converged there', () => {
  const problem = setUpObjective({ dim: 2, weightNames: ['a', 'b'], minima: { kind: 'points', points: [{ w: [1, -2], loss: 0, kind: 'global' }] },
    loss: (w) => (w[0] - 1) ** 2 + 10 * (w[1] + 2) ** 2,
    gradient: (w, out) => { out[0] = 2 * (w[0] - 1); out[1] = 20 * (w[1] + 2); } }, [4, 3]);
  const d = descendOn(problem, { optimizer: 'adam', iterations: 500, seed: '1' });
  const last = d.trajectory.loss.length - 1;
  expect(Math.abs(d.trajectory.w[0][last] - 1)).toBeLessThan(1e-2);
  expect(Math.abs(d.trajectory.w[1][last] + 2)).toBeLessThan(1e-2);
  expect(d.trajectory.loss[last]).toBeLessThan(d.trajectory.loss[0] * 1e-4);
  expect(d.assessment.verdict).toBe('converged');
  // The README shows the same calls.
  expect(README).toContain("loss: (w) => (w[0] - 1) ** 2 + 10 * (w[1] + 2) ** 2,");
  expect(README).toContain("const d = descendOn(problem, { optimizer: 'adam', iterations: 500, seed: '1' });");
});
