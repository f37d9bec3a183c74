/**
 * --compare-standardize's policy on its own (src/pipeline/compareStandardize.ts): when a probe runs, how long
 * it is, and the length read off it. The whole comparison through the pipeline is test/pipeline/compare.test.ts.
 */
import { resolveConfig } from '../../src/index';
import { afterProbe, probeConfig, sideStandardizations, type Probe } from '../../src/pipeline/compareStandardize';
import type { Dataset } from '../../src/types';

const given = resolveConfig({ model: 'linear', compareStandardize: true });
const rows = (n: number) => ({ x: new Float64Array(n) }) as unknown as Dataset;

/** A probe of two sides whose losses fall from 1 to 0 by these per-iteration factors, over `iterations`. */
function probeOf(iterations: number, factors: number[], optimum: number | null = 0): Probe {
  const descents = factors.map((f) => ({ iterations, trajectory: { loss: Float64Array.from({ length: iterations + 1 }, (_, k) => f ** k) } }));
  return { descents, problems: factors.map(() => ({ optimum: optimum === null ? null : { loss: optimum } })) } as unknown as Probe;
}

test('the sides are raw x then standardized x; a run that compares nothing has none', () => {
  expect(sideStandardizations(given)).toEqual([false, true]);
  expect(sideStandardizations(resolveConfig({ model: 'linear' }))).toBeNull();
});

test('a probe runs only when the comparison chooses its length, within 3e7 sample-iterations (10 to 1e6)', () => {
  expect(probeConfig({ model: 'linear', compareStandardize: true, iterations: 50 }, given, rows(100))).toBeNull();
  expect(probeConfig({ model: 'linear' }, resolveConfig({ model: 'linear' }), rows(100))).toBeNull();
  const probe = (n: number) => probeConfig({ model: 'linear', compareStandardize: true }, given, rows(n))!.iterations;
  expect([probe(392), probe(2_000_000), probe(1e8), probe(1)]).toEqual([Math.floor(3e7 / 392), 15, 10, 1_000_000]);
});

test('the run is a tenth longer than the slower side needed for 99 % of its gap, capped by the probe', () => {
  // 0.5^k reaches 1 % at k = 7, 0.9^k at k = 44: 44 * 1.1 = 48.4, so 49.
  expect(afterProbe(given, probeOf(1000, [0.5, 0.9])).iterations).toBe(49);
  expect(afterProbe(given, probeOf(45, [0.5, 0.9])).iterations).toBe(45);
  // A side that never closes 99 % (no known optimum): the whole probe.
  expect(afterProbe(given, probeOf(300, [0.5, 0.9], null)).iterations).toBe(300);
});
