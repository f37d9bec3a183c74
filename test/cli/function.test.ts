/**
 * `mlvis function NAME` and `--expr` end to end (in-process): the verdicts name the minimum reached (the exact
 * known points), saddles and unbounded landscapes are told honestly, and bad input is one line and exit 2.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { messages } from '../../src/errors';
import { FUNCTIONS } from '../../src/engine/functions';
import { OPTIMIZERS, optimizerOf } from '../../src/engine/optimizers';
import type { Summary } from '../../src/summary';
import { mlvisInProcess } from '../helpers/cli';

const dir = mkdtempSync(join(tmpdir(), 'mlvis-function-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function summaryOf(args: string[]): Promise<{ s: Summary; stderr: string }> {
  const r = await mlvisInProcess(['function', ...args, '--summary', '-']);
  expect([r.code, r.stderr]).toEqual([0, expect.any(String)]);
  return { s: JSON.parse(r.stdout) as Summary, stderr: r.stderr };
}

async function usageLine(args: string[]): Promise<string> {
  const r = await mlvisInProcess(['function', ...args, '--summary', '-']);
  expect(r.code).toBe(2);
  expect(r.stderr.split('\n')).toHaveLength(2); // one line and its newline
  return r.stderr.replace(/^mlvis: /, '').trimEnd();
}

describe('verdicts against the known points', () => {
  it('Rosenbrock with adam reaches the global minimum (1, 1), named, at an iteration', async () => {
    const { s } = await summaryOf(['rosenbrock', '--optimizer', 'adam', '--lr', '0.02', '--iters', '3000']);
    expect(s.model).toBe('function');
    expect(s.standardize).toBe(false);
    expect(s.function).toMatchObject({ name: 'rosenbrock', title: 'Rosenbrock', domain: { x: [-2, 2], y: [-1, 3] } });
    expect(s.minima).toEqual([{ x: 1, y: 1, loss: 0, kind: 'global', name: '(1, 1)' }]);
    expect(s.verdict).toBe('converged');
    expect(s.reached).toMatchObject({ kind: 'global', name: '(1, 1)', x: 1, y: 1, loss: 0 });
    expect(s.reached!.iteration).toBeGreaterThan(0);
    expect(Math.abs(s.final!.x - 1)).toBeLessThan(1e-3);
    expect(Math.abs(s.final!.y - 1)).toBeLessThan(1e-3);
    expect(s.verdict_text).toMatch(/global minimum \(1, 1\)/);
  });

  it('plain gd on Rosenbrock at its stable rate is honestly still descending, with no minimum claimed', async () => {
    const { s } = await summaryOf(['rosenbrock']);
    expect(s.verdict).toBe('still descending');
    expect(s.reached).toBeNull();
    expect(s.gap_closed).toBeGreaterThan(0);
    expect(s.gap_closed).toBeLessThan(0.99);
  });

  it.each([
    ['2,1', '(3, 2)'],
    ['-2,2', '(-2.805, 3.131)'],
    ['-2,-2', '(-3.779, -3.283)'],
    ['2,-1', '(3.584, -1.848)'],
  ])('Himmelblau from %s reaches the minimum of its quadrant, %s', async (init, name) => {
    const { s } = await summaryOf(['himmelblau', '--init', init, '--optimizer', 'adam']);
    expect(s.verdict).toBe('converged');
    expect(s.reached).toMatchObject({ kind: 'global', name });
  });

  it('a race names what each optimizer reached', async () => {
    const { s } = await summaryOf(['himmelblau', '--init', '0,0', '--optimizer', 'gd,adam']);
    expect(s.series!.map((x) => [x.label, x.verdict, x.reached?.name])).toEqual([
      ['GD', 'converged', '(3, 2)'],
      ['Adam', 'converged', '(3, 2)'],
    ]);
  });

  it('a start on the saddle’s stable line stops at the saddle, and the verdict says so', async () => {
    const { s } = await summaryOf(['saddle', '--init', '1,0']);
    expect(s.optimum).toBeNull();
    expect(s.verdict).toBe('saddle');
    expect(s.reached).toMatchObject({ kind: 'saddle', name: '(0, 0)' });
    expect(s.verdict_text).toMatch(/saddle at \(0, 0\).*curves down along \(0, 1\)/);
  });

  it('a start off it leaves for ever: no learning rate is suggested, the cause is named', async () => {
    const { s, stderr } = await summaryOf(['saddle', '--init', '1,0.01', '--lr', '0.5']);
    expect(s.verdict).toBe('diverged');
    expect(stderr).toContain(messages.unbounded(s.diverged!.iteration, 'x² − y² is unbounded below: it has a saddle at (0, 0) and no minimum'));
    expect(stderr).not.toMatch(/--lr/);
    expect(s.diverged!.stable_lr).toBeNull();
  });

  it('an expression has no known minimum: converged only where the Hessian confirms a minimum', async () => {
    const { s } = await summaryOf(['--expr', '(x-1)^2 + 2*(y+0.5)^2', '--optimizer', 'adam', '--lr', '0.05', '--iters', '2000']);
    expect(s.function).toMatchObject({ name: 'expr', formula: '(x-1)^2 + 2*(y+0.5)^2', domain: { x: [-3, 3], y: [-3, 3] } });
    expect(s.minima).toBeNull();
    expect(s.optimum).toBeNull();
    expect(s.verdict).toBe('converged');
    expect(s.reached).toBeNull();
    expect(Math.abs(s.final!.x - 1)).toBeLessThan(1e-4);
    expect(Math.abs(s.final!.y + 0.5)).toBeLessThan(1e-4);
  });

  it('Newton on the ill-conditioned quadratic lands on the minimum in one step; --condition and --angle are reported', async () => {
    const { s } = await summaryOf(['quadratic', '--condition', '100', '--angle', '45', '--optimizer', 'newton', '--iters', '3']);
    expect(s.function).toMatchObject({ name: 'quadratic', condition: 100, angle: 45 });
    expect(Math.hypot(s.final!.x, s.final!.y)).toBeLessThan(1e-12);
    expect(s.verdict).toBe('converged');
  });

  it('every built-in function runs by default to a verdict and a finite end', async () => {
    for (const name of FUNCTIONS) {
      const { s } = await summaryOf([name, '--iters', '200']);
      expect([name, typeof s.verdict]).toEqual([name, 'string']);
      expect([name, Number.isFinite(s.final!.loss) || s.verdict === 'diverged']).toEqual([name, true]);
    }
  });
});

describe('bad input: one line, exit 2', () => {
  it('names the functions and the likely one', async () => {
    expect(await usageLine(['rosenbrok'])).toBe(messages.unknownFunction('rosenbrok', FUNCTIONS, 'rosenbrock'));
  });
  it('asks for a function or an expression, not neither or both', async () => {
    expect(await usageLine([])).toBe(messages.functionNeedsName());
    expect(await usageLine(['rosenbrock', '--expr', 'x^2'])).toBe(messages.functionAndExpr('rosenbrock'));
  });
  it('refuses the optimizers that sample data, and the fit panel', async () => {
    expect(await usageLine(['rosenbrock', '--optimizer', 'sgd'])).toBe(messages.noSamples('sgd', OPTIMIZERS.filter((n) => !optimizerOf(n).stochastic)));
    expect(await usageLine(['rosenbrock', '--optimizer', 'gd,minibatch'])).toBe(messages.noSamples('minibatch', OPTIMIZERS.filter((n) => !optimizerOf(n).stochastic)));
    expect(await usageLine(['rosenbrock', '--panels', 'surface,fit', '--out', join(dir, 'x.gif')])).toBe(messages.noFitPanel());
  });
  it('shows where a malformed expression goes wrong', async () => {
    expect(await usageLine(['--expr', 'x^2 + )y'])).toMatch(/^--expr: unexpected "\)" at column 7: x\^2 \+ ⟦\)⟧y/);
  });
  it('a bad --domain', async () => {
    expect(await usageLine(['rosenbrock', '--domain', '-2:2'])).toBe(messages.badDomain('-2:2'));
  });
});

describe('options that cannot change a function run are named', () => {
  it('data options, and the quadratic’s settings on another function', async () => {
    const { stderr } = await summaryOf(['rosenbrock', '--data', 'cars', '--condition', '5', '--iters', '10']);
    expect(stderr).toContain('--data is ignored: a function has no data');
    expect(stderr).toContain('--condition is ignored: it applies to mlvis function quadratic');
  });
  it('--compare-standardize: ignored, and so one series, not a raw and a standardized side', async () => {
    const { s, stderr } = await summaryOf(['rosenbrock', '--compare-standardize', '--iters', '10']);
    expect(stderr).toContain('--compare-standardize is ignored: a function has no data');
    // One descent: the summary's single-run form (no series list), at the function's own start.
    expect(s.series).toBeUndefined();
    expect((s as unknown as { optimizer: string }).optimizer).toBe('gd');
  });
  it('and the function options on a model of data', async () => {
    const r = await mlvisInProcess(['linear', '--expr', 'x^2', '--iters', '10', '--summary', '-']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('--expr is ignored: it applies to mlvis function');
  });
});

describe('mlvis functions', () => {
  it('lists every function with its formula, domain, start and known points', async () => {
    const r = await mlvisInProcess(['functions']);
    expect(r.code).toBe(0);
    for (const name of FUNCTIONS) expect(r.stdout).toMatch(new RegExp(`^${name}  `, 'm'));
    expect(r.stdout).toContain('minima: global (3, 2) f=0; global (-2.805, 3.131) f=0; global (-3.779, -3.283) f=0; global (3.584, -1.848) f=0');
    expect(r.stdout).toContain('no minimum: x² − y² is unbounded below');
  });
});

describe('no verdict claims what the end point is not (hostile review)', () => {
  it('a crawl along an ill-conditioned bowl is still descending, not a minimum of its own', async () => {
    const { s } = await summaryOf(['quadratic', '--condition', '1000']);
    expect(s.verdict).toBe('still descending');
    expect(s.reached).toBeNull();
  });

  it('momentum on Rosenbrock, short of (1, 1), claims no minimum', async () => {
    const { s } = await summaryOf(['rosenbrock', '--optimizer', 'momentum']);
    expect(s.verdict).not.toBe('converged');
    expect(s.reached).toBeNull();
  });

  it('Lion bouncing at the three-hump camel’s global minimum has reached it, by name', async () => {
    const { s } = await summaryOf(['three-hump-camel', '--optimizer', 'lion']);
    expect(s.verdict).toBe('converged');
    expect(s.reached).toMatchObject({ kind: 'global', name: '(0, 0)' });
  });

  it('Newton landing on Booth’s minimum in one step has reached it at iteration 1', async () => {
    const { s } = await summaryOf(['booth', '--optimizer', 'newton', '--iters', '1']);
    expect(s.verdict).toBe('converged');
    expect(s.reached).toMatchObject({ name: '(1, 3)', iteration: 1 });
  });

  it('a far start that comes towards the domain is no blow-up', async () => {
    const { s } = await summaryOf(['rosenbrock', '--init', '1e6,1e6']);
    expect(s.verdict).not.toBe('diverged');
  });

  it('every converged run of every function and optimizer ends at the point it names', async () => {
    const { FUNCTION_REGISTRY } = require('../../src/engine/functions') as typeof import('../../src/engine/functions');
    const optimizers = OPTIMIZERS.filter((n) => !optimizerOf(n).stochastic);
    for (const name of FUNCTIONS) {
      const { x, y } = FUNCTION_REGISTRY[name].domain;
      const diagonal = Math.hypot(x[1] - x[0], y[1] - y[0]);
      const { s } = await summaryOf([name, '--optimizer', optimizers.slice(0, 6).join(','), '--iters', '300']);
      const { s: t } = await summaryOf([name, '--optimizer', optimizers.slice(6).join(','), '--iters', '300']);
      for (const x of [...s.series!, ...t.series!]) {
        if (x.verdict !== 'converged' || !x.reached) continue;
        expect([name, x.label, Math.hypot(x.final.x - x.reached.x, x.final.y - x.reached.y) <= 1e-2 * diagonal]).toEqual([name, x.label, true]);
      }
    }
  }, 60_000);
});

describe('more from the hostile review', () => {
  it('Newton leaving a saddle is told it left for ever, as gd is', async () => {
    const { s, stderr } = await summaryOf(['saddle', '--optimizer', 'newton']);
    expect(s.verdict).toBe('diverged');
    expect(stderr).toMatch(/the descent left for ever/);
  });
  it('an expression defined nowhere on the domain is one line, without an --init it did not give', async () => {
    expect(await usageLine(['--expr', 'sqrt(-1)'])).toBe(messages.nowhereFinite('sqrt(-1)', { x: [-3, 3], y: [-3, 3] }));
  });
  it('--seed on a function says it changes nothing', async () => {
    const { stderr } = await summaryOf(['booth', '--seed', 'x', '--iters', '10']);
    expect(stderr).toContain('--seed is ignored: a function has no randomness to seed');
  });
  it('names written with one minus sign', async () => {
    const { s } = await summaryOf(['goldstein-price', '--iters', '10']);
    expect(s.minima!.map((m) => m.name).join(' ')).not.toMatch(/\u2212/);
  });
  it('a grid of an lr sweep marks every known point in each cell', async () => {
    const { sceneFromOptions } = require('../../src/index') as typeof import('../../src/index');
    const { createRenderer } = require('../../src/render') as typeof import('../../src/render');
    const scene = sceneFromOptions({ model: 'function', function: 'himmelblau', optimizer: 'adam', lr: [0.01, 0.02], layout: 'grid', width: 640, height: 320, out: 'x.gif' });
    const full = createRenderer(scene).drawFrame(0);
    const bare = createRenderer({ ...scene, surface: { ...scene.surface, landmarks: [] } }).drawFrame(0);
    let changed = 0;
    for (let i = 0; i < full.length; i += 4) if (full[i] !== bare[i] || full[i + 1] !== bare[i + 1]) changed++;
    expect(changed).toBeGreaterThan(300); // 8 marks in each of 2 cells, not the optimum's star alone
  });
});
