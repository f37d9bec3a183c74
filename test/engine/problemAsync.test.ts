/**
 * The exact logistic optimum is found a Newton pass at a time when the run can be stopped: the same weights
 * to the bit as the one-call solve, and a stop between passes is heard.
 */
import { setUpProblem, setUpProblemAsync } from '../../src/engine';
import { syntheticDataset } from '../../src/data/synthetic';

const data = syntheticDataset('logistic', 5_000, 1, 'async');
const stopped = () => new Error('stopped');

test('gives the optimum of setUpProblem, bit for bit, standardized or not', async () => {
  for (const standardize of [false, true]) {
    const c = { model: 'logistic' as const, standardize, init: [0, 0] as [number, number] };
    const a = setUpProblem(data, c);
    const b = await setUpProblemAsync(data, c, undefined, stopped);
    expect(b.optimum!.w).toEqual(a.optimum!.w);
    expect(b.optimum!.loss).toBe(a.optimum!.loss);
    expect(b.trained.minCurvature()).toBe(a.trained.minCurvature());
  }
});

test('hears a stop between Newton passes', async () => {
  const c = new AbortController();
  // Fired from the first turn of the event loop, i.e. after the first pass at the latest.
  setImmediate(() => c.abort());
  await expect(setUpProblemAsync(data, { model: 'logistic', standardize: true, init: [0, 0] }, c.signal, stopped)).rejects.toThrow('stopped');
});
