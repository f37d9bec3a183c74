/**
 * Verdicts and gap_closed come from the optimality gap, not from the starting loss: the same cycle from two
 * starts is "cycling" both times, a start at the optimum is no failure, a stall names its cause, and every
 * suggested rate or iteration count works when tried.
 */
import { descend, linearModel, type DescentConfig } from '../../src/engine';
import { warningText } from '../../src/warnings';
import { createRng, normal } from '../../src/random';
import { loadData, validateRun } from '../../src/index';
import type { Dataset } from '../../src/types';
import { lineData } from '../helpers/data';

const base: DescentConfig = { model: 'linear', optimizer: 'gd', iterations: 1000, batchSize: 32, momentum: 0.9, beta1: 0.9, eps: 1e-8, seed: 's', init: [0, 0], standardize: true };


describe('gap_closed', () => {
  it('is (start gap − end gap) / start gap, from the exact optimum', () => {
    const data = lineData(50, 'g');
    const run = descend(data, { ...base, lr: 0.01, iterations: 30 });
    const l = run.trajectory.loss;
    const opt = run.optimum!.loss;
    expect(run.assessment.gapClosed).toBeCloseTo((l[0] - l[30]) / (l[0] - opt), 12);
    expect(run.assessment.gapClosed!).toBeGreaterThan(0);
    expect(run.assessment.gapClosed!).toBeLessThan(0.99);
  });

  it('is null, with no verdict, when the loss has no finite minimum', () => {
    const x = Float64Array.from([1, 2, 3, 4, 5, 6]);
    const y = Float64Array.from([0, 0, 0, 1, 1, 1]);
    const run = descend({ x, y, xName: 'x', yName: 'y', source: 't', skipped: 0 }, { ...base, model: 'logistic' });
    expect(run.assessment).toEqual({ gapClosed: null, verdict: null, distance: null });
  });
});

describe('verdicts from the optimality gap', () => {
  const penguins = loadData(validateRun({ model: 'logistic', data: 'penguins' }), () => {});

  it('calls the same bouncing cycle "cycling" whichever start it was reached from', () => {
    const first = descend(penguins, { ...base, model: 'logistic', lr: 40, iterations: 1000 });
    expect(first.assessment.verdict).toBe('cycling');
    // Start a second run on the first one's cycle: a start with a loss far above the first run's start.
    const k = 700;
    const init: [number, number] = [first.trajectory.w[0][k], first.trajectory.w[1][k]];
    const second = descend(penguins, { ...base, model: 'logistic', lr: 40, iterations: 1000, init });
    expect(second.trajectory.loss[0]).toBeGreaterThan(2 * first.trajectory.loss[0]);
    expect(second.assessment.verdict).toBe('cycling');
    expect(second.diverged).toBeNull();
    for (const run of [first, second]) {
      expect(run.warnings.map(warningText).some((w) => w.includes('the loss keeps bouncing'))).toBe(true);
    }
  });

  it('does not warn about adam started at the optimum', () => {
    const data = lineData(80, 'opt');
    const probe = descend(data, { ...base, iterations: 0 });
    const init = probe.optimum!.w as unknown as [number, number];
    const run = descend(data, { ...base, optimizer: 'adam', init: [init[0], init[1]], iterations: 300 });
    expect(run.assessment.verdict).toBe('converged');
    expect(run.warnings).toEqual([]);
  });

  it('names a rate far below the stable one and suggests a verified larger one', () => {
    const data = lineData(80, 'slow');
    const run = descend(data, { ...base, lr: 1e-4 });
    expect(run.assessment).toMatchObject({ verdict: 'stalled', cause: 'smallRate' });
    const w = run.warnings.find((x) => x.code === 'notConverged')!;
    expect(w.code === 'notConverged' && w.suggestedLr).toBeGreaterThan(1e-4);
    const lr = w.code === 'notConverged' ? w.suggestedLr! : NaN;
    expect(descend(data, { ...base, lr }).assessment.verdict).toBe('converged');
  });

  it('says about how many iterations a slow but steady run needs, and that many suffice', () => {
    // x in [3, 5] unstandardized: condition number about 1e3, momentum at 1/L needs a few hundred steps.
    const data = lineData(80, 'few', 3);
    const lr = 1 / linearModel(data.x, data.y).curvature();
    const slow = { ...base, standardize: false, optimizer: 'momentum' as const, lr, momentum: 0.5 };
    const run = descend(data, { ...slow, iterations: 100 });
    expect(run.assessment).toMatchObject({ verdict: 'stalled', cause: 'fewIterations' });
    const w = run.warnings.find((x) => x.code === 'notConverged')!;
    const more = w.code === 'notConverged' ? w.suggestedIterations! : NaN;
    expect(more).toBeGreaterThan(100);
    expect(warningText(w)).toContain(`Try --iters ${more}`);
    expect(descend(data, { ...slow, iterations: more }).assessment.verdict).toBe('converged');
  });

  it('verifies the rate it suggests after a cycling momentum run on logistic data', () => {
    const run = descend(penguins, { ...base, model: 'logistic', optimizer: 'momentum', lr: 30 });
    expect(['cycling', 'diverged']).toContain(run.assessment.verdict);
    const w = run.warnings.find((x) => x.code === 'notConverged' || x.code === 'diverged')!;
    const lr = w.code === 'notConverged' ? w.suggestedLr! : w.code === 'diverged' ? w.stableLr : NaN;
    expect(lr).toBeLessThan(30);
    expect(descend(penguins, { ...base, model: 'logistic', optimizer: 'momentum', lr }).assessment.verdict).toBe('converged');
  });
});

describe('every number a warning suggests works when followed (the cases a hostile review found)', () => {
  const penguins = loadData(validateRun({ model: 'logistic', data: 'penguins' }), () => {});
  const cars = loadData(validateRun({ model: 'linear', data: 'cars' }), () => {});
  const synthetic = loadData(validateRun({ model: 'linear' }), () => {});
  const cases: [string, Dataset, Partial<DescentConfig>][] = [
    ['momentum 0.99 in 200 steps', synthetic, { optimizer: 'momentum', momentum: 0.99, iterations: 200, standardize: false }],
    ['a start at 1e8 in 50 steps', synthetic, { init: [1e8, -1e8], iterations: 50, standardize: false }],
    ['minibatch at a tiny rate', synthetic, { optimizer: 'minibatch', lr: 0.002, standardize: false }],
    ['adagrad at 1e-6', synthetic, { optimizer: 'adagrad', lr: 1e-6, standardize: false }],
    ['rmsprop from far away', synthetic, { optimizer: 'rmsprop', init: [-50, 50], standardize: false }],
    ['gd on cars at 1e-4', cars, { lr: 1e-4 }],
    ['momentum on penguins at 30', penguins, { model: 'logistic', optimizer: 'momentum', lr: 30 }],
    ['logistic sgd after one step', penguins, { model: 'logistic', optimizer: 'sgd', iterations: 1 }],
  ];
  it.each(cases)('%s', (_name, data, over) => {
    const config = { ...base, ...over } as DescentConfig;
    const run = descend(data, config);
    for (const w of run.warnings) {
      if (w.code === 'notConverged' && w.suggestedLr !== undefined) {
        expect(descend(data, { ...config, lr: w.suggestedLr }).assessment.verdict).toBe('converged');
      }
      if (w.code === 'notConverged' && w.suggestedIterations !== undefined) {
        expect(descend(data, { ...config, iterations: w.suggestedIterations }).assessment.verdict).toBe('converged');
      }
      if (w.code === 'diverged') expect(descend(data, { ...config, lr: w.stableLr }).assessment.verdict).toBe('converged');
      // A rate is never suggested that the run just used.
      if (w.code === 'notConverged') expect(w.suggestedLr).not.toBe(run.lr);
    }
  });
});

test('sgd ending at its noise floor gets one verdict whatever the start', () => {
  const data = loadData(validateRun({ model: 'linear' }), () => {});
  const verdicts = [[0, 0], [4, 3], [4.3, 2.85], [-50, 50]].map(
    (init) => descend(data, { ...base, optimizer: 'sgd', standardize: false, init: init as [number, number] }).assessment.verdict,
  );
  expect(new Set(verdicts).size).toBe(1);
});
