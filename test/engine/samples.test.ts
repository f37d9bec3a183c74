/**
 * The sample log of sgd and minibatch: the indices each update used, checked by replaying the update rules
 * by hand with them (bit for bit), and against the seeded shuffle the optimizers draw from.
 */
import { descend, descendOn, referenceSettings, setUpProblem, type DescentConfig, type SampledObjective } from '../../src/engine';
import { linearModel } from '../../src/engine/linear';
import { optimizerOf } from '../../src/engine/optimizers';
import { MAX_SAMPLE_LOG, sampleLogFor, samplesOfUpdate } from '../../src/engine/samples';
import { createRng, normal, shuffledIndices } from '../../src/random';
import type { Dataset } from '../../src/types';
import { expectClose } from '../helpers/approx';

function lineData(n: number): Dataset {
  const rng = createRng('samples', 'test');
  const x = Float64Array.from({ length: n }, () => 2 * rng());
  const y = Float64Array.from(x, (v) => 3 * v + 4 + 0.5 * normal(rng));
  return { x, y, xName: 'x', yName: 'y', source: 'test', skipped: 0 };
}

const base: DescentConfig = { model: 'linear', optimizer: 'sgd', lr: 0.05, iterations: 130, batchSize: 8, momentum: 0.9, beta1: 0.9, eps: 1e-8, init: [0, 0], standardize: false, seed: 'log' };

/** The order the optimizers draw from: a fresh seeded permutation each epoch. */
function epochs(n: number, draws: number, seed: string): number[] {
  const rng = createRng(seed, 'order');
  const out: number[] = [];
  while (out.length < draws) out.push(...shuffledIndices(n, rng));
  return out.slice(0, draws);
}

describe('the sample log', () => {
  const data = lineData(50);
  const m = linearModel(data.x, data.y);

  it('sgd: update t used sample indices[t − 1]; replaying w ← w − α·eᵢ·φᵢ with it gives the path bit for bit', () => {
    const run = descend(data, base);
    const log = run.samples!;
    expect(log.batch).toBe(1);
    expect(log.indices).toHaveLength(130);
    // 130 draws cross two epochs: the same seeded shuffles the optimizer drew (same rng use as without a log).
    expect(Array.from(log.indices)).toEqual(epochs(50, 130, 'log'));
    let [w0, w1] = [0, 0];
    for (let t = 1; t <= 130; t++) {
      const [i] = samplesOfUpdate(log, t);
      const e = w1 * data.x[i] + w0 - data.y[i];
      w0 -= 0.05 * e * 1;
      w1 -= 0.05 * e * data.x[i];
      expect(run.trajectory.w[0][t]).toBe(w0);
      expect(run.trajectory.w[1][t]).toBe(w1);
    }
  });

  it('minibatch: update t used the t-th run of `batch` draws; replaying the batch mean gradient gives the path', () => {
    const run = descend(data, { ...base, optimizer: 'minibatch', iterations: 20 });
    const log = run.samples!;
    expect(log.batch).toBe(8);
    expect(Array.from(log.indices)).toEqual(epochs(50, 160, 'log'));
    const w = new Float64Array(2);
    for (let t = 1; t <= 20; t++) {
      const g = [0, 0];
      for (const i of samplesOfUpdate(log, t)) {
        const e = m.sampleError(i, w);
        g[0] += e;
        g[1] += e * data.x[i];
      }
      const scale = (0.05 * 2) / 8;
      w[0] -= scale * g[0];
      w[1] -= scale * g[1];
      expect(run.trajectory.w[0][t]).toBe(w[0]);
      expect(run.trajectory.w[1][t]).toBe(w[1]);
    }
  });

  it('listening changes nothing: a step with a draw hook moves the weights exactly as one without', () => {
    for (const name of ['sgd', 'minibatch'] as const) {
      const p = { lr: 0.05, batchSize: 8, momentum: 0.9, beta1: 0.9, beta2: 0.999, eps: 1e-8 };
      const heard: number[] = [];
      const a = optimizerOf(name).createStep(m, p, createRng('s', 'order'));
      const b = optimizerOf(name).createStep(m, p, createRng('s', 'order'), (i) => heard.push(i));
      const [wa, wb] = [new Float64Array(2), new Float64Array(2)];
      for (let t = 1; t <= 40; t++) {
        a(wa, t);
        b(wb, t);
      }
      expect(Array.from(wb)).toEqual(Array.from(wa));
      expect(heard).toHaveLength(name === 'sgd' ? 40 : 320);
    }
  });

  it('keeps only the updates performed when the descent diverges', () => {
    const run = descend(data, { ...base, lr: 50, iterations: 100 });
    expect(run.diverged).not.toBeNull();
    expect(run.samples!.indices).toHaveLength(run.iterations);
  });

  it('is absent where there is nothing to single out or too much to keep', () => {
    expect(descend(data, { ...base, optimizer: 'gd' }).samples).toBeNull();
    expect(descend(data, { ...base, optimizer: 'momentum' }).samples).toBeNull();
    // A batch of every sample is gd in another summation order.
    expect(descend(data, { ...base, optimizer: 'minibatch', batchSize: 50 }).samples).toBeNull();
    expect(sampleLogFor(32, 100, Math.floor(MAX_SAMPLE_LOG / 32) + 1)).toBeNull();
    expect(sampleLogFor(undefined, 100, 10)).toBeNull();
    expect(sampleLogFor(4, 100, 10)!.indices).toHaveLength(40);
  });

  it('samplesOfUpdate is empty outside the updates logged', () => {
    const log = { batch: 2, indices: Int32Array.from([5, 6, 7, 8]) };
    expect(Array.from(samplesOfUpdate(log, 2))).toEqual([7, 8]);
    expect(samplesOfUpdate(log, 0)).toHaveLength(0);
    expect(samplesOfUpdate(log, 3)).toHaveLength(0);
  });
});

describe('the reference path of --reference-path', () => {
  const data = lineData(50);
  const problem = setUpProblem(data, { model: 'linear', standardize: false, init: [0, 0] });
  const m = problem.trained as SampledObjective;

  it("is gd at the rate the stochastic step averages to: sgd's mean step over the samples is a gd step at α/2", () => {
    const sgd = descendOn(problem, base);
    const s = referenceSettings(problem, sgd, base)!;
    expect(s.optimizer).toBe('gd');
    expect(s.lr).toBe(0.05 / 2);
    const w = [1.5, -0.5];
    const mean = [0, 0];
    for (let i = 0; i < 50; i++) {
      const e = m.sampleError(i, w);
      mean[0] += (0.05 * e) / 50;
      mean[1] += (0.05 * e * data.x[i]) / 50;
    }
    const g = new Float64Array(2);
    m.gradient(w, g);
    expectClose(mean[0], s.lr! * g[0], 1e-12);
    expectClose(mean[1], s.lr! * g[1], 1e-12);
  });

  it('minibatch keeps its rate; optimizers that do not sample have none', () => {
    const mb = descendOn(problem, { ...base, optimizer: 'minibatch' });
    expect(referenceSettings(problem, mb, { ...base, optimizer: 'minibatch' })!.lr).toBe(0.05);
    const gd = descendOn(problem, { ...base, optimizer: 'gd' });
    expect(referenceSettings(problem, gd, { ...base, optimizer: 'gd' })).toBeNull();
  });
});
