import { descend, type DescentConfig } from '../../src/engine';
import { linearModel } from '../../src/engine/linear';
import { optimizerOf } from '../../src/engine/optimizers';
import { warningText } from '../../src/warnings';
import { createRng, normal, shuffledIndices } from '../../src/random';
import { OPTIMIZERS, type Dataset } from '../../src/types';
import { messages } from '../../src/errors';
import { expectClose } from '../helpers/approx';
import { lineData } from '../helpers/data';


function classData(n: number, seed: string): Dataset {
  const rng = createRng(seed, 'test');
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = i % 2;
    x[i] = (y[i] ? 1 : -1) + normal(rng);
  }
  return { x, y, xName: 'x', yName: 'y', source: 'test', skipped: 0 };
}

const base: DescentConfig = {
  model: 'linear',
  optimizer: 'gd',
  iterations: 200,
  batchSize: 16,
  momentum: 0.9,
  beta1: 0.9,
  eps: 1e-8,
  init: [0, 0],
  standardize: false,
  seed: 'fixed',
};

describe('descend', () => {
  it('gd is exactly w ← w − lr·∇g, with no hidden changes', () => {
    const data = lineData(50, 'gd');
    const run = descend(data, { ...base, lr: 0.05, iterations: 3 });
    const m = linearModel(data.x, data.y);
    const g = new Float64Array(2);
    let w0 = 0;
    let w1 = 0;
    for (let t = 1; t <= 3; t++) {
      m.gradient([w0, w1], g);
      w0 -= 0.05 * g[0];
      w1 -= 0.05 * g[1];
      expect(run.trajectory.w[0][t]).toBe(w0);
      expect(run.trajectory.w[1][t]).toBe(w1);
      expect(run.trajectory.loss[t]).toBe(m.loss([w0, w1]));
    }
  });

  it('sgd follows the original rule, one sample per step in a seeded shuffled order', () => {
    const data = lineData(5, 'sgd');
    const run = descend(data, { ...base, optimizer: 'sgd', lr: 0.1, iterations: 7 });
    const order = shuffledIndices(5, createRng('fixed', 'order'));
    let w0 = 0;
    let w1 = 0;
    for (let t = 1; t <= 5; t++) {
      const i = order[t - 1];
      const r = w1 * data.x[i] + w0 - data.y[i];
      w0 -= 0.1 * r;
      w1 -= 0.1 * r * data.x[i];
      expect(run.trajectory.w[0][t]).toBe(w0);
      expect(run.trajectory.w[1][t]).toBe(w1);
    }
  });

  it('minibatch with B = N is exactly gd', () => {
    const data = lineData(40, 'mb');
    const a = descend(data, { ...base, optimizer: 'minibatch', batchSize: 40, lr: 0.05, iterations: 20 });
    const b = descend(data, { ...base, lr: 0.05, iterations: 20 });
    for (let t = 0; t <= 20; t++) expectClose(a.trajectory.w[1][t], b.trajectory.w[1][t], 1e-12);
  });

  it.each(OPTIMIZERS.map((o) => [o]))('%s lowers the loss on convex problems (default learning rate)', (optimizer) => {
    for (const [model, data] of [['linear', lineData(100, 'cvx')], ['logistic', classData(100, 'cvx')]] as const) {
      const run = descend(data, { ...base, model, optimizer, iterations: 500, standardize: false });
      const l = run.trajectory.loss;
      expect(run.diverged).toBeNull();
      expect(l[l.length - 1]).toBeLessThan(l[0]);
      const gap0 = l[0] - run.optimum!.loss;
      const gap = l[l.length - 1] - run.optimum!.loss;
      expect(gap).toBeLessThan(0.2 * gap0);
    }
  });

  it('gd with the default rate closes the loss gap by about 10⁶ over the run, visibly (not in one step)', () => {
    const run = descend(lineData(100, 'conv'), { ...base, iterations: 1000 });
    const l = run.trajectory.loss;
    const gap = (i: number) => l[i] - run.optimum!.loss;
    expect(gap(1000) / gap(0)).toBeLessThan(1e-5);
    expect(gap(10) / gap(0)).toBeGreaterThan(1e-3); // still on its way after 1% of the run
  });

  it('gd at 1/L converges to the exact optimum', () => {
    const data = lineData(100, 'conv');
    const L = linearModel(data.x, data.y).curvature();
    const run = descend(data, { ...base, lr: 1 / L, iterations: 2000 });
    const last = run.trajectory.w[0].length - 1;
    expectClose(run.trajectory.w[0][last], run.optimum!.w[0], 1e-9);
    expectClose(run.trajectory.w[1][last], run.optimum!.w[1], 1e-9);
  });

  it('the same seed gives an identical trajectory; another seed a different one', () => {
    const data = lineData(60, 'det');
    const a = descend(data, { ...base, optimizer: 'sgd', iterations: 300 });
    const b = descend(data, { ...base, optimizer: 'sgd', iterations: 300 });
    const c = descend(data, { ...base, optimizer: 'sgd', iterations: 300, seed: 'other' });
    expect(Array.from(a.trajectory.w[1])).toEqual(Array.from(b.trajectory.w[1]));
    expect(Array.from(a.trajectory.w[1])).not.toEqual(Array.from(c.trajectory.w[1]));
  });

  it('stops on divergence, names the iteration and a strictly stable rate that a run confirms', () => {
    const data = lineData(100, 'div');
    const m = linearModel(data.x, data.y);
    const bound = 2 / m.curvature();
    const run = descend(data, { ...base, lr: 1.5 * bound, iterations: 1000 });
    expect(run.diverged).not.toBeNull();
    // Strictly below the limit 2/λmax (the limit itself never converges), and verified: it converges.
    const stable = run.diverged!.stable_lr;
    expect(stable).toBeLessThan(bound);
    expect(descend(data, { ...base, lr: stable, iterations: 1000 }).assessment.verdict).toBe('converged');
    expect(run.iterations).toBeLessThan(1000);
    expect(run.iterations).toBe(run.trajectory.w[0].length - 1);
    expect(Number.isFinite(run.trajectory.loss[run.iterations])).toBe(true);
    expect(run.warnings.map(warningText)).toContain(
      messages.diverged({ code: 'diverged', iteration: run.diverged!.iteration, lr: 1.5 * bound, stableLr: stable, checked: 'converges' }),
    );
    // Just below the bound it converges.
    const ok = descend(data, { ...base, lr: 0.95 * bound, iterations: 1000 });
    expect(ok.diverged).toBeNull();
  });

  it('--standardize trains on z but reports weights in the data units', () => {
    const data = lineData(100, 'std', 1000);
    const auto = descend(data, { ...base, standardize: true, iterations: 500 });
    // On z the Hessian is 2·I: λmin = λmax = 2, so the default is min(1/2, ln(10⁶)/(500·2)).
    expect(auto.lr).toBeCloseTo(Math.min(0.5, Math.log(1e6) / (500 * 2)), 12);
    // At lr = 1/2 gd on z lands on the optimum in one step.
    const run = descend(data, { ...base, standardize: true, init: [-2, 5], iterations: 3, lr: 0.5 });
    expect(run.trajectory.w[0][0]).toBeCloseTo(-2, 9);
    expect(run.trajectory.w[1][0]).toBeCloseTo(5, 9);
    const last = run.trajectory.w[0].length - 1;
    expectClose(run.trajectory.w[1][last], run.optimum!.w[1], 1e-9);
    expectClose(run.trajectory.w[0][last], run.optimum!.w[0], 1e-9);
    expectClose(run.trajectory.loss[last], run.optimum!.loss, 1e-9);
    // Without standardizing, plain gd crawls along the valley of x far from 0, and says how to fix it.
    const raw = descend(lineData(100, 'std', 10), { ...base, iterations: 1000 });
    expect(raw.assessment).toMatchObject({ verdict: 'stalled', cause: 'illConditioned' });
    expect(raw.warnings.map(warningText).some((w) => w.includes('Add --standardize'))).toBe(true);
  });

  it('reports separable logistic data as having no optimum', () => {
    const x = Float64Array.from([1, 2, 3, 4, 5, 6]);
    const y = Float64Array.from([0, 0, 0, 1, 1, 1]);
    const run = descend({ x, y, xName: 'x', yName: 'y', source: 't', skipped: 0 }, { ...base, model: 'logistic' });
    expect(run.optimum).toBeNull();
    expect(run.warnings.map(warningText)).toContain(messages.separable());
    expect(run.diverged).toBeNull();
  });

  it('every optimizer builds a step function', () => {
    const data = lineData(10, 'x');
    const m = linearModel(data.x, data.y);
    for (const o of OPTIMIZERS) {
      const step = optimizerOf(o).createStep(m, { lr: 0.01, batchSize: 4, momentum: 0.9, beta1: 0.9, beta2: 0.999, eps: 1e-8 }, createRng('s', 'o'));
      const w = new Float64Array([0, 0]);
      step(w, 1);
      expect(w[0] !== 0 || w[1] !== 0).toBe(true);
    }
  });
});

describe('divergence detection', () => {
  it('reports an overflowing linear loss as infinite, never as 0', () => {
    const data = lineData(20, 'ovf');
    const m = linearModel(data.x, data.y);
    expect(m.loss([1e201, 1e201])).toBe(Infinity);
    const run = descend(data, { ...base, lr: 1e200, iterations: 5 });
    expect(run.diverged!.iteration).toBe(1);
    expect(run.iterations).toBe(0);
  });

  it('catches a logistic descent that wanders off (the cross-entropy grows only linearly)', () => {
    // sgd at a huge rate pushes the weights out along the separating direction, where the loss keeps rising.
    const run = descend(classData(100, 'osc'), { ...base, model: 'logistic', optimizer: 'gd', lr: 2000, iterations: 300 });
    expect(run.diverged).not.toBeNull();
    expect(run.trajectory.loss[run.iterations]).toBeGreaterThan(10 * Math.LN2);
  });

  it('warns when an oversized step cycles without converging (bounded, so not a divergence)', () => {
    const run = descend(classData(100, 'osc'), { ...base, model: 'logistic', optimizer: 'nesterov', lr: 50, iterations: 300 });
    expect(run.diverged).toBeNull();
    const l = run.trajectory.loss;
    expect(l[300]).toBeGreaterThan(5 * l[0]);
    expect(run.assessment.verdict).toBe('cycling');
    expect(run.assessment.gapClosed).toBeLessThan(0);
    expect(run.warnings.map(warningText).some((w) => w.includes('ended higher than it started') && w.includes('the loss keeps bouncing'))).toBe(true);
  });

  it('does not call noise around a perfect start a divergence', () => {
    const x = Float64Array.from({ length: 50 }, (_, i) => i / 25);
    const y = x.map((v) => 3 * v + 4);
    const run = descend({ x, y, xName: 'x', yName: 'y', source: 't', skipped: 0 }, { ...base, optimizer: 'adam', init: [4, 3], iterations: 50 });
    expect(run.diverged).toBeNull();
  });

  it('suggests a rate for adam that then works', () => {
    const data = lineData(100, 'adam');
    const run = descend(data, { ...base, optimizer: 'adam', lr: 1e6, iterations: 300 });
    expect(run.diverged).not.toBeNull();
    const again = descend(data, { ...base, optimizer: 'adam', lr: run.diverged!.stable_lr, iterations: 300 });
    expect(again.diverged).toBeNull();
  });

  it('--standardize reports the start exactly as given', () => {
    const run = descend(lineData(30, 'std0', 4000), { ...base, standardize: true, init: [0.3, 0.7], iterations: 0 });
    expect(run.trajectory.w[0][0]).toBe(0.3);
    expect(run.trajectory.w[1][0]).toBe(0.7);
  });
});

describe('divergence is not overshoot', () => {
  it('heavy ball that peaks above ten times its start but converges is not called diverged', () => {
    const data = lineData(100, 'mom');
    const m = linearModel(data.x, data.y);
    const lr = 3.7 / m.curvature(); // below the heavy-ball limit 2(1+β)/L = 3.8/L: stable, but overshoots
    const run = descend(data, { ...base, optimizer: 'momentum', lr, iterations: 400 });
    const l = run.trajectory.loss;
    expect(Math.max(...l)).toBeGreaterThan(10 * l[0]); // it does overshoot that far
    expect(run.diverged).toBeNull();
    expectClose(l[400], run.optimum!.loss, 1e-6);
  });

  it('suggests a rate below the one that failed, never above it', () => {
    for (const optimizer of OPTIMIZERS) {
      const run = descend(classData(100, 'osc'), { ...base, model: 'logistic', optimizer, lr: 2000, iterations: 300 });
      if (run.diverged) expect(run.diverged.stable_lr).toBeLessThan(2000);
    }
    const run = descend(classData(100, 'osc'), { ...base, model: 'logistic', lr: 2000, iterations: 300 });
    expect(run.diverged!.stable_lr).toBeLessThan(2000);
  });
});
