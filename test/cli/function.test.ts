/**
 * `mlvis function NAME` and `--expr` end to end (in-process): the verdicts name the minimum reached (the exact
 * known points), saddles and unbounded landscapes are told honestly, and bad input is one line and exit 2
 * (a malformed expression: that line, then the expression and a caret under the bad character).
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { messages } from '../../src/errors';
import { FUNCTIONS } from '../../src/engine/functions';
import { FUNCTION_NAMES } from '../../src/engine/expr/ops';
import { OPTIMIZERS, optimizerOf } from '../../src/engine/optimizers';
import type { Summary } from '../../src/summary';
import { mlvis, mlvisInProcess } from '../helpers/cli';

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
  it('shows where a malformed expression goes wrong: the error with its column, the expression, a caret under the bad character', async () => {
    const r = await mlvisInProcess(['function', '--expr', 'x + * y', '--summary', '-']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`mlvis: ${messages.exprUnexpected('"*"', 5, 'expected a number, x, y, pi, e, a function such as sin(x), or "("')}\n  x + * y\n      ^\n`);
  });

  it('the same three lines from a real process, never a stack; a batch job says it in one line with the column', () => {
    const r = mlvis(['function', '--expr', 'sin(x) + foo(y)', '--out', join(dir, 'never.png')]);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')).toEqual([`mlvis: ${messages.exprUnknownName('foo', 10, FUNCTION_NAMES)}`, '  sin(x) + foo(y)', '           ^^^', '']);
    expect(existsSync(join(dir, 'never.png'))).toBe(false);
    const jobs = join(dir, 'bad-expr.json');
    writeFileSync(jobs, JSON.stringify([{ model: 'function', expr: 'x + * y', out: join(dir, 'never.png') }]));
    const b = mlvis(['batch', jobs]);
    expect(b.code).toBe(2);
    expect(b.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(b.stderr).toContain('unexpected "*" at column 5; expected a number');
  });

  it('with --progress json, stderr keeps to the one line', async () => {
    const r = await mlvisInProcess(['function', '--expr', 'x + * y', '--summary', '-', '--progress', 'json']);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  });
  it('a bad --init names the point x,y, not the weights of a model', async () => {
    expect(await usageLine(['rosenbrock', '--init', '1'])).toBe(messages.badInit('1', 'X,Y', '-1.5,2'));
    expect(messages.badInit('1', 'X,Y', '-1.5,2')).toBe('--init: "1" is not two numbers X,Y (for example --init -1.5,2)');
    const r = await mlvisInProcess(['linear', '--init', '1,2,3', '--summary', '-']);
    expect(r.stderr).toBe(`mlvis: ${messages.badInit('1,2,3')}\n`);
    expect(messages.badInit('1,2,3')).toContain('two numbers W0,W1');
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
  it('the minimum reached is named as in the list of minima', async () => {
    const { s } = await summaryOf(['goldstein-price', '--optimizer', 'newton']);
    expect(s.reached).toMatchObject({ kind: 'global', x: 0, y: -1 });
    expect(s.minima!.map((m) => m.name)).toContain(s.reached!.name);
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

describe('a divergence is said for what it was (hostile review)', () => {
  it('a step to where log is not defined is no blow-up: no "stable" rate, the point, the fixes; the summary and the verdict say why', async () => {
    // gd at 0.5 on log(x) + y² from (1, 1): (0.5, 0), then (−0.5, 0), where log(x) is not a number.
    const { s, stderr } = await summaryOf(['--expr', 'log(x)+y^2', '--domain', '0.1:3,-2:2', '--init', '1,1', '--lr', '0.5']);
    expect(s.verdict).toBe('diverged');
    expect(s.diverged).toEqual({ iteration: 2, stable_lr: null, why: 'undefined' });
    expect(s.final).toMatchObject({ x: 0.5, y: 0 });
    expect(stderr).toBe(`mlvis: warning: ${messages.undefinedStep({ code: 'undefinedStep', iteration: 2, lr: 0.5, at: [-0.5, 0], gradient: false })}\n`);
    expect(stderr).not.toMatch(/is stable|without blowing up/);
    expect(s.verdict_text).toBe('left the region where f is defined at iteration 2: it stepped to (-0.5, 0), where f is not defined (not a number)');
  });

  it('sqrt too, at the iteration it stepped out', async () => {
    const { s, stderr } = await summaryOf(['--expr', 'sqrt(x)+y^2', '--domain', '0.1:3,-2:2', '--init', '1,1', '--lr', '0.5']);
    expect(s.diverged!.why).toBe('undefined');
    // x: 1 → 0.75 → 0.4613 → 0.09325 → 0.09325 − 0.25/√0.09325 < 0.
    let x = 1;
    for (let i = 0; i < 4; i++) x -= 0.5 / (2 * Math.sqrt(x));
    expect(x).toBeLessThan(0);
    expect(s.diverged!.iteration).toBe(4);
    expect(stderr).toContain(`it stepped to (${Number(x.toPrecision(4))}, 0), where f is not defined`);
  });

  it('where a smaller rate converges, it is named, checked by running it', async () => {
    const args = ['--expr', 'log(x)+(x-2)^2+y^2', '--domain', '0.1:3,-2:2', '--init', '1,1'];
    const { stderr } = await summaryOf([...args, '--lr', '2']);
    const lr = /Try --lr ([0-9.e-]+) \(checked: the same run converges with it\)/.exec(stderr)![1];
    expect(Number(lr)).toBeLessThan(2);
    const { s } = await summaryOf([...args, '--lr', lr]);
    expect(s.verdict).toBe('converged');
  });

  it('the saddle at a rate that overshoots: the loss rose, and no rate is called stable', async () => {
    const { s, stderr } = await summaryOf(['saddle', '--lr', '5']);
    expect(s.diverged).toEqual({ iteration: 3, stable_lr: null, why: 'blew_up' });
    expect(s.final!.loss).toBeGreaterThan(1e6);
    expect(stderr).toBe(`mlvis: warning: ${messages.unboundedRose(3, 5, 'x² − y² is unbounded below: it has a saddle at (0, 0) and no minimum')}\n`);
    expect(stderr).not.toMatch(/stable|--lr/);
  });

  it('an expression that falls for ever gets no "stable" rate: its loss fell without bound, and the summary says so', async () => {
    for (const lr of [undefined, '5']) {
      const { s, stderr } = await summaryOf(['--expr', '-x^2-y^2', ...(lr ? ['--lr', lr] : [])]);
      expect(s.verdict).toBe('diverged');
      expect(s.diverged!.why).toBe('unbounded');
      expect(s.diverged!.stable_lr).toBeNull();
      expect(s.final!.loss).toBeLessThan(-1e300);
      // The domain ±3's lowest point is a corner: −18.
      expect(stderr).toBe(`mlvis: warning: ${messages.fellWithoutBound(s.diverged!.iteration, s.final!.loss, -18)}\n`);
      expect(stderr).not.toMatch(/stable|--lr/);
    }
  });

  it('the frame’s notice says it left where f is defined, and only the notice differs from a blow-up’s', async () => {
    const { sceneFromOptions } = require('../../src/index') as typeof import('../../src/index');
    const { createRenderer } = require('../../src/render') as typeof import('../../src/render');
    const scene = sceneFromOptions({ model: 'function', expr: 'log(x)+y^2', domain: [[0.1, 3], [-2, 2]], init: [1, 1], lr: 0.5, width: 640, height: 320, out: 'x.png' });
    expect(scene.series[0].diverged).toMatchObject({ iteration: 2, why: 'undefined' });
    const honest = createRenderer(scene).drawFrame(scene.iterations);
    const blewUp = { ...scene, series: [{ ...scene.series[0], diverged: { ...scene.series[0].diverged!, why: 'blew_up' as const } }] };
    const said = createRenderer(blewUp).drawFrame(scene.iterations);
    let changed = 0;
    let lowest = 0;
    for (let i = 0; i < honest.length; i += 4) {
      if (honest[i] === said[i] && honest[i + 1] === said[i + 1] && honest[i + 2] === said[i + 2]) continue;
      changed++;
      lowest = Math.max(lowest, Math.floor(i / 4 / 640));
    }
    expect(changed).toBeGreaterThan(200); // a longer label, not a pixel or two
    expect(lowest).toBeLessThan(0.2 * 320); // the notice at the surface panel's top, nothing else
  });

  it('the monkey saddle overflowing far out (∞ − ∞) is told as unbounded, never as a step where f is undefined', async () => {
    const { s, stderr } = await summaryOf(['monkey-saddle', '--optimizer', 'gd,momentum']);
    expect(s.series!.map((x) => x.diverged?.why)).toEqual(['unbounded', 'unbounded']);
    expect(stderr).not.toContain('where f is defined');
    expect(stderr.match(/the descent left for ever/g)).toHaveLength(2);
  });

  it('x³ + y² has no minimum: no rate is said to converge on it, and "stable" is checked over the whole run', async () => {
    const args = ['--expr', 'x^3+y^2', '--init', '0.1,1'];
    const { s, stderr } = await summaryOf([...args, '--lr', '1.2']);
    expect(s.diverged!.why).toBe('blew_up');
    expect(stderr).not.toContain('converges with it');
    const lr = /--lr ([0-9.]+) is stable \(checked: 1000 iterations without blowing up; not that it converges\)/.exec(stderr)![1];
    const { s: t } = await summaryOf([...args, '--lr', lr]);
    expect(t.diverged).toBeNull();
    expect(t.verdict).not.toBe('converged');
  });

  it('Newton stepping onto log’s pole at x = 0 says f is not defined there (−∞), not that the loss fell', async () => {
    // Newton on log(x) + y² from (1, 1): its first step lands on x = 0, where log is −∞.
    const { s, stderr } = await summaryOf(['--expr', 'log(x)+y^2', '--domain', '0.1:3,-2:2', '--init', '1,1', '--optimizer', 'newton']);
    expect(s.diverged).toEqual({ iteration: 1, stable_lr: null, why: 'undefined' });
    expect(stderr).toBe(`mlvis: warning: ${messages.undefinedStep({ code: 'undefinedStep', iteration: 1, lr: 1, at: [0, 0.5], gradient: false, loss: -Infinity })}\n`);
    expect(stderr).toContain('where f is not defined (f = -∞)');
  });

  it('momentum on the monkey saddle: the lowest loss it fell to is the one named', async () => {
    const { s, stderr } = await summaryOf(['--expr', 'x^3-3*x*y^2', '--domain', '-2:2,-2:2', '--init', '1.5,0.1', '--optimizer', 'momentum', '--trajectory']);
    expect(s.diverged!.why).toBe('unbounded');
    const lowest = Math.min(...s.trajectory!.loss);
    expect(lowest).toBeLessThan(s.final!.loss);
    expect(stderr).toContain(`and on to ${Number(lowest.toPrecision(4)) === lowest ? lowest : lowest.toPrecision(4)})`);
  });

  it('in a race the unbounded warning names its series', async () => {
    const { stderr } = await summaryOf(['saddle', '--optimizer', 'gd,momentum']);
    expect(stderr).toMatch(/^mlvis: warning: GD: the descent left for ever/m);
    expect(stderr).toMatch(/^mlvis: warning: momentum: the descent left for ever/m);
  });
});

describe('a path that barely moved at a default rate set by the steepest curvature is told (hostile review)', () => {
  it('Beale from (0, −4.05): the rate is 1/λmax, and the larger rate printed does what the warning says', async () => {
    const { s, stderr } = await summaryOf(['beale', '--init', '0,-4.05']);
    expect(s.verdict).not.toBe('converged');
    const m = /the path moved only ([0-9.]+)% of the domain's diagonal in 1000 iterations: gd's default --lr ([0-9.e-]+) is set by the steepest curvature over the box around the start and the minima \(λmax = ([0-9.e+]+)\)\. With --lr ([0-9.e-]+) the same run moves ([0-9.]+)% of the diagonal and ends at f = ([0-9.e-]+) \(checked\), though not converged; or let --tune choose the rate/.exec(stderr);
    expect(m).not.toBeNull();
    const [, moved, , lambda, lr, far, loss] = m!;
    expect(Number(moved)).toBeLessThan(1);
    // The default rate is 1/λmax to the digits printed.
    expect(Math.abs(s.lr! * Number(lambda) - 1)).toBeLessThan(1e-3);
    // What the printed rate does, run again: the same numbers.
    const { s: t } = await summaryOf(['beale', '--init', '0,-4.05', '--lr', lr, '--trajectory']);
    expect(t.verdict).not.toBe('diverged');
    expect(Number(t.final!.loss.toPrecision(4))).toBe(Number(loss));
    const tr = t.trajectory!;
    const diagonal = Math.hypot(9, 9);
    const reach = Math.max(...tr.x.map((x, i) => Math.hypot(x - tr.x[0], tr.y[i] - tr.y[0]))) / diagonal;
    expect(Math.abs(reach * 100 - Number(far))).toBeLessThan(0.1);
  });

  it('says nothing where the path moved, or the rate was given', async () => {
    expect((await summaryOf(['beale'])).stderr).not.toContain('path moved only');
    expect((await summaryOf(['beale', '--init', '0,-4.05', '--lr', '0.0000057'])).stderr).not.toContain('path moved only');
  });
});

describe('a descent still going down short of the global minimum is told, as a regression is (newcomer review)', () => {
  it('Rosenbrock at the defaults: the numbers said are the summary\'s and the trajectory\'s', async () => {
    const { s, stderr } = await summaryOf(['rosenbrock', '--trajectory']);
    expect(s.verdict).toBe('still descending');
    const t = s.trajectory!.loss;
    const m = /^mlvis: warning: the descent did not reach a minimum in 1000 iterations: it was still descending \(f fell ([0-9.e-]+) over its last (\d+)\), and it closed ([0-9.]+)% of the gap from the start's f = ([0-9.]+) to the global minimum's f = 0, ending at f = ([0-9.]+)\n$/.exec(stderr);
    expect(m).not.toBeNull();
    const [, fell, over, closed, start, end] = m!;
    const n = t.length - 1;
    expect(Number(start)).toBe(12.5); // f(−1.5, 2) = 2.5² + 100·0.25²
    expect(Number(end)).toBe(Number(t[n].toPrecision(4)));
    expect(Number(closed)).toBeCloseTo(s.gap_closed! * 100, 1);
    expect(Number(fell)).toBe(Number((t[n - Number(over)] - t[n]).toPrecision(4)));
    expect(Number(over)).toBeGreaterThan(0);
  });

  it('says a run that ended above its start so, not a negative share closed (hostile review)', async () => {
    const { s, stderr } = await summaryOf(['rosenbrock', '--optimizer', 'momentum', '--lr', '0.002', '--iters', '5']);
    expect(s.gap_closed!).toBeLessThan(0);
    expect(stderr).toMatch(/it was still descending \(f fell [0-9.]+ over its last \d+\), and it ended above its start: f = 16\.26 against the start's 12\.5 \(the global minimum's f = 0\)\n$/);
    expect(stderr).not.toMatch(/-\d+(\.\d+)?%/);
  });

  it('names the local minimum a path is settling into, with its distance as the verdict has it (hostile review)', async () => {
    const { s, stderr } = await summaryOf(['goldstein-price', '--init', '-0.5,-0.3', '--lr', '1e-5', '--iters', '30']);
    expect(s.verdict).toBe('still descending');
    const distance = /, ([0-9.e-]+) from the nearest known minimum \(−0\.6, −0\.4\)/.exec(s.verdict_text!)![1];
    expect(stderr).toContain(`to the global minimum's f = 3, ending at f = `);
    expect(stderr).toContain(`; the known minimum nearest its end is the local one at (−0.6, −0.4) (f = 30), ${distance} away\n`);
  });

  it('names its series in a race, and says it past 99 % of the gap too, but nothing at a minimum or for many starts', async () => {
    const race = await summaryOf(['rosenbrock', '--optimizer', 'gd,adam', '--iters', '300']);
    expect(race.stderr).toMatch(/^mlvis: warning: GD: the descent did not reach a minimum in 300 iterations/m);
    expect(race.stderr).toMatch(/^mlvis: warning: Adam: the descent did not reach a minimum in 300 iterations/m);
    // Beale at the defaults is still descending, having closed 99.07 % of its gap: not there, and said so.
    const beale = await summaryOf(['beale']);
    expect([beale.s.verdict, beale.s.gap_closed! > 0.99]).toEqual(['still descending', true]);
    expect(beale.stderr).toMatch(/^mlvis: warning: the descent did not reach a minimum in 1000 iterations: .* it closed 99(\.\d+)?% of the gap/);
    expect((await summaryOf(['himmelblau'])).stderr).toBe('');
    // Many starts are judged by the basin each reaches, not one by one.
    expect((await summaryOf(['rosenbrock', '--iters', '300', '--starts', '4'])).stderr).not.toContain('did not reach a minimum');
  });
});

describe('verdict, warning, summary and frame agree; verdicts claim only what was computed (second hostile review)', () => {
  it('x² − y² left for ever: the summary has the divergence from the first iteration that decided it, with no rate, and the run is not cut', async () => {
    const { s, stderr } = await summaryOf(['--expr', 'x^2-y^2', '--lr', '0.25', '--iters', '200', '--trajectory']);
    expect(s.verdict).toBe('diverged');
    const t = s.trajectory!;
    // From the default start, x halves and y grows by 1.5 each step: the first loss a thousand ranges below the start's.
    const range = 9 - -9; // the domain -3:3 squared: x² − y² spans [−9, 9]
    const first = t.loss.findIndex((l) => l < t.loss[0] - 1e3 * range);
    expect(first).toBeGreaterThan(0);
    expect(s.diverged).toEqual({ iteration: first, stable_lr: null, why: 'unbounded' });
    expect(s.verdict_text).toBe(`diverged at iteration ${first}: the loss fell without bound and the path went a thousand times the domain's size away`);
    expect(stderr).toContain(`at iteration ${first} its loss fell far below the domain's lowest`);
    // The run goes on to the iterations asked (its values stay finite): iterations says so.
    expect([s.iterations, s.requested_iterations]).toEqual([200, 200]);
  });

  it('the saddle at its default rate: the iteration named is the first at which it was decided, not the overflow', async () => {
    const { s, stderr } = await summaryOf(['saddle', '--trajectory']);
    const t = s.trajectory!;
    const i = s.diverged!.iteration;
    expect(i).toBeLessThan(30);
    expect(s.iterations).toBeGreaterThan(500);
    expect(t.loss[i]).toBeLessThan(t.loss[0] - 1e3 * 8); // the domain -2:2 squared: x² − y² spans [−4, 4]
    expect(t.loss[i - 1]).toBeGreaterThanOrEqual(t.loss[0] - 1e3 * 8);
    expect(stderr).toContain(`from iteration ${i} it was past every bound of the domain`);
    expect(s.verdict_text).toMatch(new RegExp(`^diverged at iteration ${i}:`));
  });

  it('exp(exp(exp(x))) at its astronomically small default rate did not move: the gradient is said, not called vanishing', async () => {
    const { s } = await summaryOf(['--expr', 'exp(exp(exp(x)))']);
    const x = s.final!.x;
    const g = Math.exp(Math.exp(Math.exp(x))) * Math.exp(Math.exp(x)) * Math.exp(x);
    expect(s.lr).toBeLessThan(1e-300);
    expect(s.verdict).toBe('stalled');
    expect(s.verdict_text).toBe(`stalled: did not move from (${Number(x.toPrecision(4))}, ${Number(s.final!.y.toPrecision(4))}) (f = ${Number(s.final!.loss.toPrecision(4))}); the gradient there is ${Number(g.toPrecision(4))}, not zero, so the steps were too small to leave it`);
    expect(s.verdict_text).not.toMatch(/vanish/);
  });

  it('a cone’s tip: the gradient of sqrt(x² + y²) is not defined at (0, 0), and is not said to vanish', async () => {
    const { s } = await summaryOf(['--expr', 'sqrt(x^2+y^2)', '--init', '0,0']);
    expect(s.verdict).toBe('stalled');
    expect(s.verdict_text).toBe('stalled at (0, 0) (f = 0), where the gradient is not defined (not finite, or not zero arbitrarily near): no minimum or saddle is claimed');
  });

  it('a smooth minimum found by its gradient is still one (the check beside the point does not fire there)', async () => {
    const { s } = await summaryOf(['--expr', '(x-1)^2+2*(y+0.5)^2']);
    expect(s.verdict).toBe('converged');
  });

  it('a domain too large or too small to draw and measure is a usage error, not a crash or a blank panel', async () => {
    expect(await usageLine(['rosenbrock', '--domain=-1e308:1e308,-1e308:1e308'])).toBe(messages.domainTooLarge('x', -1e308, 1e308, 1e300));
    expect(await usageLine(['rosenbrock', '--domain', '0:1e-300,0:1e-300'])).toBe(messages.domainTooSmall('x', 0, 1e-300, 1e-100));
    expect(await usageLine(['booth', '--domain', '1:1.0000000001,3:4'])).toBe(messages.domainTooSmall('x', 1, 1.0000000001, Math.max(1e-100, 1e-6 * 1.0000000001)));
    expect(messages.domainTooLarge('x', -1e308, 1e308, 1e300)).toContain('at most 1e+300 wide');
    // The widest and narrowest allowed still run.
    for (const domain of ['-5e299:5e299,-1:1', '-5e-101:5e-101,-1:1']) expect((await summaryOf(['booth', `--domain=${domain}`, '--iters', '5'])).s.iterations).toBeGreaterThanOrEqual(0);
  });

  it('--iters 0 claims nothing: no verdict (as a regression), a text that says not run, no warning', async () => {
    const { s, stderr } = await summaryOf(['rosenbrock', '--iters', '0']);
    expect(s.verdict).toBeNull();
    expect(s.verdict_text).toBe('not run (0 iterations): it starts at (-1.5, 2) (f = 12.5), 2.693 from the nearest known minimum (1, 1)');
    expect(stderr).toBe('');
    const starts = await summaryOf(['himmelblau', '--starts', '4', '--iters', '0']);
    for (const st of starts.s.starts!) expect(st.verdict).not.toMatch(/stalled|converged|cycling|descending/);
  });

  it('adamw whose weight decay alone overshoots (lr·decay ≥ 2): a smaller --weight-decay is advised, with the rule’s bound', async () => {
    const { s, stderr } = await summaryOf(['rosenbrock', '--optimizer', 'adamw', '--weight-decay', '1e308']);
    expect(s.diverged).toMatchObject({ iteration: 1, stable_lr: null });
    expect(stderr).toBe(`mlvis: warning: ${messages.diverged({ code: 'diverged', iteration: 1, lr: s.lr!, stableLr: NaN, checked: 'rule', decay: { weightDecay: 1e308, below: 2 / s.lr! } })}\n`);
    expect(stderr).toContain('Try a smaller --weight-decay; the rule lr·decay < 2 gives below 160 at this rate');
    expect(stderr).not.toMatch(/smaller --lr/);
    // A decay the rule allows does not diverge on its account.
    const ok = await summaryOf(['rosenbrock', '--optimizer', 'adamw', '--weight-decay', '100']);
    expect(ok.s.diverged).toBeNull();
  });

  it('a gradient not finite at the start: no rate helps, and none is suggested', async () => {
    for (const optimizer of ['gd', 'adam']) {
      const { s, stderr } = await summaryOf(['--expr', 'x^(1/3)+y^2', '--init', '0,1', '--optimizer', optimizer]);
      expect(s.diverged).toEqual({ iteration: 1, stable_lr: null, why: 'undefined' });
      expect(stderr).toBe(`mlvis: warning: ${messages.undefinedStep({ code: 'undefinedStep', iteration: 1, lr: s.lr!, at: [0, 1], gradient: true, atStart: true })}\n`);
      expect(stderr).toContain('no rate helps');
      expect(stderr).not.toMatch(/smaller --lr|stability rule/);
    }
  });
});
