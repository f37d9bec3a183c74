/**
 * A basins run through the pipeline's own stages: Himmelblau's four minima each get their basin, a start
 * placed exactly at a minimum reports it at iteration 0, every claimed minimum is where the path ended, random
 * starts are decided by the seed, and a landscape without known minima claims none.
 */
import { resolveConfig, loadData, train, type RunOptions } from '../../src/index';
import { descendStarts, startCounts, type StartsRun } from '../../src/pipeline/starts';
import { startsSummary } from '../../src/pipeline/startsSummary';
import { foundMinima, startsScene } from '../../src/pipeline/startsScene';

function startsOf(options: Omit<RunOptions, 'model'>): { run: StartsRun; config: ReturnType<typeof resolveConfig>; problem: ReturnType<typeof train>['problem'] } {
  const config = resolveConfig({ model: 'function', ...options });
  const data = loadData(config, () => {});
  const { problem, descents } = train(config, data);
  return { run: descendStarts(config, problem, descents[0]), config, problem };
}

describe('Himmelblau from a 40×40 grid', () => {
  const { run, config, problem } = startsOf({ function: 'himmelblau', starts: 'grid:40', lr: 0.01 });
  const names = run.minima.map((p) => p.name ?? '');

  it('sends starts to each of the four minima, one rate for all', () => {
    const { perMinimum, none } = startCounts(run);
    expect(run.minima).toHaveLength(4);
    expect(perMinimum.reduce((a, b) => a + b, 0) + none).toBe(1600);
    // Each basin is about a quarter of the domain.
    for (const c of perMinimum) expect(c).toBeGreaterThan(300);
    expect(none).toBeLessThan(40);
    expect(run.lr).toBe(0.01);
  });

  it('claims a minimum only where the path ended on it (within a thousandth of the domain)', () => {
    const scale = problem.landscape!.scale;
    for (let s = 0; s < run.x.length; s++) {
      const k = run.minimum[s];
      if (k < 0) continue;
      const t = run.paths[s];
      const last = t.loss.length - 1;
      const m = run.minima[k].w;
      expect(Math.hypot(t.w[0][last] - m[0], t.w[1][last] - m[1])).toBeLessThanOrEqual(1e-3 * scale);
      expect(run.verdicts[s]).toBe('converged');
      expect(run.reachedAt[s]).toBeGreaterThanOrEqual(0);
      expect(run.reachedAt[s]).toBeLessThanOrEqual(1000);
    }
  });

  it('sends a start near each minimum to that minimum', () => {
    for (let k = 0; k < 4; k++) {
      const m = run.minima[k].w;
      let nearest = -1;
      for (let s = 0; s < run.x.length; s++) if (nearest < 0 || Math.hypot(run.x[s] - m[0], run.y[s] - m[1]) < Math.hypot(run.x[nearest] - m[0], run.y[nearest] - m[1])) nearest = s;
      expect(names[run.minimum[nearest]]).toBe(names[k]);
    }
  });

  it('summarizes each start and the counts, keeping the fields every summary has', () => {
    const s = startsSummary(config, problem, run);
    expect(s).toMatchObject({ model: 'function', optimizer: 'gd', lr: 0.01, schedule: 'constant', requested_iterations: 1000, seed: 'mlvis', layout: 'overlay', start_placement: 'grid:40' });
    expect(s.function).toMatchObject({ name: 'himmelblau' });
    expect(s.minima).toHaveLength(8);
    expect(s.starts).toHaveLength(1600);
    expect(s.starts![0]).toEqual({ x: -5, y: -5, reached: expect.any(String), iterations: expect.any(Number), final_loss: expect.any(Number), verdict: 'converged' });
    const { perMinimum, none } = startCounts(run);
    expect(s.counts!.map((c) => [c.minimum, c.count])).toEqual(names.map((n, k) => [n === '' ? expect.any(String) : n, perMinimum[k]]));
    expect(s.none_reached).toBe(none);
    for (const c of s.counts!) expect(s.starts!.filter((x) => x.reached === c.minimum)).toHaveLength(c.count);
    expect(s.starts!.filter((x) => x.reached === null)).toHaveLength(none);
  });
});

describe('a start exactly at a minimum', () => {
  it('reports that minimum, reached at iteration 0', () => {
    const { run } = startsOf({ function: 'himmelblau', starts: 'grid:11', iterations: 200 });
    const s = Array.from(run.x).findIndex((v, i) => v === 3 && run.y[i] === 2);
    expect(s).toBeGreaterThanOrEqual(0);
    expect(run.minima[run.minimum[s]].w).toEqual([3, 2]);
    expect(run.reachedAt[s]).toBe(0);
    expect(run.finalLoss[s]).toBe(0);
  });
});

describe('random starts', () => {
  it('are decided by --seed: the same seed gives the same starts and outcomes, another seed other starts', () => {
    const a = startsOf({ function: 'himmelblau', starts: 50, lr: 0.01, iterations: 300, seed: 'one' }).run;
    const b = startsOf({ function: 'himmelblau', starts: 50, lr: 0.01, iterations: 300, seed: 'one' }).run;
    const c = startsOf({ function: 'himmelblau', starts: 50, lr: 0.01, iterations: 300, seed: 'two' }).run;
    expect(Array.from(a.x)).toEqual(Array.from(b.x));
    expect(Array.from(a.minimum)).toEqual(Array.from(b.minimum));
    expect(Array.from(a.finalLoss)).toEqual(Array.from(b.finalLoss));
    expect(Array.from(a.x)).not.toEqual(Array.from(c.x));
  });
});

describe('no known minima', () => {
  it('an expression: no listed minimum is claimed; a start counts as reaching "a minimum" only where its verdict confirmed one', () => {
    const { run, config, problem } = startsOf({ expr: 'x^2 + y^2', starts: 'grid:5', iterations: 300 });
    expect(run.minima).toHaveLength(0);
    expect(Array.from(run.minimum)).toEqual(new Array(25).fill(-1));
    // The descents converged (gradient and curvature confirm the minimum at the origin): each is counted as
    // a minimum found, exactly the starts whose verdict says converged, and every one ends at the origin.
    const converged = run.verdicts.map((v, i) => (v === 'converged' ? i : -1)).filter((i) => i >= 0);
    expect(converged.length).toBeGreaterThan(20);
    expect(Array.from(run.otherMinimum).flatMap((o, i) => (o ? [i] : []))).toEqual(converged);
    for (const i of converged) {
      const p = run.paths[i];
      const last = p.loss.length - 1;
      expect(Math.hypot(p.w[0][last], p.w[1][last])).toBeLessThan(1e-3);
    }
    const s = startsSummary(config, problem, run);
    expect(s.counts).toEqual([]);
    expect(s.other_minimum).toBe(converged.length);
    expect(s.none_reached).toBe(25 - converged.length);
    expect(s.minima).toBeNull();
  });

  it('the saddle (no minimum at all): every start reaches none', () => {
    const { run } = startsOf({ function: 'saddle', starts: 'grid:4', iterations: 100 });
    expect(Array.from(run.minimum)).toEqual(new Array(16).fill(-1));
    expect(new Set(run.verdicts).has('converged')).toBe(false);
  });

  it('a start where an expression is not defined descends nowhere and reaches nothing', () => {
    const { run } = startsOf({ expr: 'log(x) + y^2', domain: [[-1, 3], [-1, 1]], starts: 'grid:3', iterations: 50 });
    expect(run.verdicts[0]).toBe('undefined');
    expect(run.minimum[0]).toBe(-1);
    expect(Number.isNaN(run.finalLoss[0])).toBe(true);
  });
});

describe('Rastrigin: a local minimum that is not listed counts as one', () => {
  const { run, config, problem } = startsOf({ function: 'rastrigin', starts: 'grid:8' });
  const last = (s: number) => {
    const p = run.paths[s];
    const i = p.loss.length - 1;
    return [p.w[0][i], p.w[1][i]];
  };

  it('a start whose verdict converged to an unlisted minimum is marked, with the iteration it arrived, at a lattice point other than (0, 0)', () => {
    const others = Array.from(run.otherMinimum.keys()).filter((s) => run.otherMinimum[s] === 1);
    expect(others.length).toBeGreaterThan(40);
    for (const s of others) {
      expect(run.verdicts[s]).toBe('converged');
      expect(run.minimum[s]).toBe(-1);
      expect(run.reachedAt[s]).toBeGreaterThanOrEqual(0);
      const [x, y] = last(s);
      // Rastrigin's local minima sit within 0.01·|n| of the integer points (n, m), (n, m) ≠ (0, 0).
      expect(Math.abs(x - Math.round(x))).toBeLessThan(0.05);
      expect(Math.abs(y - Math.round(y))).toBeLessThan(0.05);
      expect(Math.round(x) !== 0 || Math.round(y) !== 0).toBe(true);
    }
  });

  it('the summary counts them as other_minimum, apart from none_reached, and the three add up to every start', () => {
    const s = startsSummary(config, problem, run);
    const { perMinimum, other, none } = startCounts(run);
    expect(s.other_minimum).toBe(other);
    expect(s.none_reached).toBe(none);
    expect(perMinimum.reduce((a, b) => a + b, 0) + other + none).toBe(64);
    expect(other).toBe(Array.from(run.otherMinimum).filter((v) => v === 1).length);
    // A start that reached no minimum is one whose verdict did not converge to any.
    for (let i = 0; i < 64; i++) if (run.minimum[i] < 0 && !run.otherMinimum[i]) expect(run.verdicts[i]).not.toBe('converged');
  });
});

describe('minima found by the verdicts (an expression\'s two wells)', () => {
  const { run, config, problem } = startsOf({ expr: 'x^4 - 2*x^2 + y^2', starts: 'grid:6', lr: 0.02, iterations: 400 });

  it('are each one minimum, lowest first, at (-1, 0) and (1, 0), with the starts that ended there', () => {
    const found = foundMinima(run, problem.landscape!.scale);
    expect(found).toHaveLength(2);
    const byX = [...found].sort((a, b) => a.x - b.x);
    expect(byX[0].x).toBeCloseTo(-1, 4);
    expect(byX[1].x).toBeCloseTo(1, 4);
    for (const f of found) expect(Math.abs(f.y)).toBeLessThan(1e-4);
    // Every start converged (the wells are the only minima); a start left of x = 0 ends in the left well.
    expect(found[0].members.length + found[1].members.length).toBe(36);
    for (const s of byX[0].members) expect(run.x[s]).toBeLessThan(0);
    for (const s of byX[1].members) expect(run.x[s]).toBeGreaterThan(0);
  });

  it('are marked and coloured as landmarks named "found", each start pointing at its own', () => {
    const scene = startsScene(config, problem, run);
    const marks = scene.surface.landmarks;
    expect(marks.map((m) => m.name).sort()).toEqual(['(-1, 0) found', '(1, 0) found']);
    // Neither global nor local is claimed: whether they are is not known.
    expect(marks.every((m) => m.kind === 'found')).toBe(true);
    const starts = scene.starts!;
    for (let s = 0; s < 36; s++) expect(marks[starts.landmark[s]].u * run.x[s]).toBeGreaterThan(0);
    expect(Array.from(starts.otherMinimum ?? [])).toEqual(new Array(36).fill(0));
    // The summary still counts them as other_minimum: no listed minimum is claimed. Each start names the
    // found minimum it reached, as the picture does (newcomer review: all were null, with iterations given).
    const summary = startsSummary(config, problem, run);
    expect(summary.other_minimum).toBe(36);
    expect(summary.counts).toEqual([]);
    for (let s = 0; s < 36; s++) expect(summary.starts![s].reached).toBe(run.x[s] < 0 ? '(-1, 0) found' : '(1, 0) found');
  });

  it('two found minima that read alike to three digits get the digits that tell them apart (hostile review)', () => {
    const { foundNames } = require('../../src/pipeline/startsScene') as typeof import('../../src/pipeline/startsScene');
    const at = (x: number, y: number) => ({ x, y, loss: 0, members: [] });
    expect(foundNames([at(100, 0), at(100.2, 0)], 1)).toEqual(['(100, 0) found', '(100.2, 0) found']);
    expect(foundNames([at(-1, 1e-9), at(1, 0)], 2)).toEqual(['(-1, 0) found', '(1, 0) found']);
    expect(foundNames([at(1.23456, 2), at(1.23457, 2)], 1)).toEqual(['(1.23456, 2) found', '(1.23457, 2) found']);
  });
});
