/** A standardized run's summary says how its surface's weights relate to the reported ones. */
import { loadData, run, validateRun } from '../../src/index';
import { momentsOf } from '../../src/engine/moments';

test('the summary gives mean and population std of x, and v = (w0 + w1·mean, w1·std) is the surface point', async () => {
  const { summary } = await run({ model: 'linear', data: 'cars', iterations: 50 }, { warn: () => {} });
  const data = loadData(validateRun({ model: 'linear', data: 'cars' }), () => {});
  const m = momentsOf(data.x);
  expect(summary.standardization).toEqual({ mean: m.meanX, std: Math.sqrt(m.varX) });
  // Population std: the square root of the mean squared deviation (dividing by N).
  const n = data.x.length;
  const direct = Math.sqrt(data.x.reduce((s, v) => s + (v - m.meanX) ** 2, 0) / n);
  expect(summary.standardization!.std).toBeCloseTo(direct, 10);
  const unstandardized = await run({ model: 'linear', data: 'cars', iterations: 5, standardize: false }, { warn: () => {} });
  expect(unstandardized.summary.standardization).toBeUndefined();
});
