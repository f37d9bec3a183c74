/**
 * Standardization as a reparametrization owned by the regression: weights map to standardized x and back
 * (round trip to rounding), the trained objective has the same loss at corresponding weights, and a problem
 * set up with --standardize trains it and reports every weight in the data's units.
 */
import { descendOn, setUpProblem } from '../../src/engine';
import { linearModel } from '../../src/engine/linear';
import { logisticModel } from '../../src/engine/logistic';
import { momentsOf } from '../../src/engine/moments';
import { expectClose } from '../helpers/approx';
import { lineData } from '../helpers/data';

// x far from 0 and narrow: the case standardizing is for.
const data = lineData(80, 'standardize', 50);
const labels = Float64Array.from(data.x, (v, i) => (data.y[i] > 3 * v + 4 ? 1 : 0));
const WEIGHTS = [[0, 0], [4, 3], [-1e3, 2e-2], [123.456, -7.5e4], [1e-9, 1e9]];

describe.each([
  ['linear', () => linearModel(data.x, data.y)],
  ['logistic', () => logisticModel(data.x, labels)],
] as const)('%s: standardize()', (_name, create) => {
  const objective = create();
  const r = objective.standardize!();
  const { meanX, varX } = momentsOf(data.x);

  it('records the mean and the spread of x for the summary', () => {
    expect(r.summary).toEqual({ standardization: { mean: meanX, std: Math.sqrt(varX) } });
  });

  it.each(WEIGHTS)('toReported(toTrained(w)) returns w = (%d, %d) to rounding, and the other way round', (a, b) => {
    const w = [a, b];
    const back = r.toReported(r.toTrained(w));
    // Relative to the size of the terms the maps add: w0 + w1·mean.
    const scale = Math.abs(a) + Math.abs(b) * Math.abs(meanX);
    expectClose(back[0], a, 1e-14 * Math.max(1, scale));
    expectClose(back[1], b, 1e-14 * Math.max(1, Math.abs(b)));
    const v = r.toTrained(r.toReported(w));
    expectClose(v[0], a, 1e-14 * Math.max(1, Math.abs(a) + Math.abs(b)));
    expectClose(v[1], b, 1e-14 * Math.max(1, Math.abs(b)));
  });

  it('the trained objective is the same loss at corresponding weights: on z = (x − mean)/std, with v1 = w1·std', () => {
    for (const w of WEIGHTS.slice(0, 3)) {
      const v = r.toTrained(w);
      expectClose(v[1], w[1] * Math.sqrt(varX), 1e-15);
      expectClose(v[0], w[0] + w[1] * meanX, 1e-15);
      expectClose(r.trained.loss(v), objective.loss(w), 1e-12);
    }
    // The trained objective is a regression on standardized x: its x has mean 0 and spread 1.
    const z = momentsOf((r.trained as ReturnType<typeof create>).x);
    expectClose(z.meanX, 0, 1e-14);
    expectClose(z.varX, 1, 1e-14);
  });

  it('writes into `out` when given, also when it is the input itself', () => {
    const w = Float64Array.of(4, 3);
    const expected = r.toTrained([4, 3]);
    expect(r.toTrained(w, w)).toBe(w);
    expect(Array.from(w)).toEqual(Array.from(expected));
    const out = new Float64Array(2);
    expect(r.toReported(w, out)).toBe(out);
  });
});

describe('a standardized problem', () => {
  it('trains the reparametrized objective from the mapped start, and reports the start exactly as given', () => {
    const problem = setUpProblem(data, { model: 'linear', standardize: true, init: [1, 2] });
    const r = problem.reparametrization!;
    expect(problem.trained).toBe(r.trained);
    expect(problem.trainInit).toEqual(Array.from(r.toTrained([1, 2])));
    const d = descendOn(problem, { optimizer: 'gd', iterations: 200, seed: 's' });
    expect([d.trajectory.w[0][0], d.trajectory.w[1][0]]).toEqual([1, 2]);
    // Every later point is the trained iterate mapped back: the round trip reproduces the reported one.
    const v = r.toTrained([d.trajectory.w[0][200], d.trajectory.w[1][200]]);
    const back = r.toReported(v);
    expectClose(back[0], d.trajectory.w[0][200], 1e-12);
    expectClose(back[1], d.trajectory.w[1][200], 1e-12);
    expect(d.assessment.verdict).toBe('converged');
    expectClose(d.trajectory.w[1][200], problem.optimum!.w[1], 1e-6);
  });

  it('an unstandardized problem has none: it trains and reports the same objective', () => {
    const problem = setUpProblem(data, { model: 'linear', standardize: false, init: [1, 2] });
    expect(problem.reparametrization).toBeNull();
    expect(problem.trained).toBe(problem.objective);
  });
});
