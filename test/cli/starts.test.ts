/**
 * --starts and --layout basins from the command line (in-process) and in batch jobs: the summary's starts and
 * counts, the same bytes for the same seed, and every bad value or combination refused with one line naming
 * both flags, exit 2, before any work.
 */
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readJobs } from '../../src/batch';
import { messages, MlvisError } from '../../src/errors';
import { mlvisInProcess, summaryOf, usageLine } from '../helpers/cli';

const dir = mkdtempSync(join(tmpdir(), 'mlvis-starts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));



describe('the summary of a basins run', () => {
  it('lists every start with the minimum it reached, and counts per minimum', async () => {
    const { s, stderr } = await summaryOf(['function', 'himmelblau', '--starts', 'grid:12', '--layout', 'basins', '--lr', '0.01', '--iters', '400']);
    expect(stderr).toBe('');
    expect(s).toMatchObject({ model: 'function', optimizer: 'gd', lr: 0.01, requested_iterations: 400, layout: 'basins', start_placement: 'grid:12', seed: 'mlvis' });
    expect(s.function).toMatchObject({ name: 'himmelblau' });
    expect(s.minima).toHaveLength(8);
    expect(s.starts).toHaveLength(144);
    expect(s.starts![0]).toMatchObject({ x: -5, y: -5 });
    expect(s.starts![143]).toMatchObject({ x: 5, y: 5 });
    expect(s.counts!.map((c) => c.minimum)).toEqual(['(3, 2)', '(-2.805, 3.131)', '(-3.779, -3.283)', '(3.584, -1.848)']);
    for (const c of s.counts!) {
      expect(c.count).toBeGreaterThan(20);
      expect(s.starts!.filter((x) => x.reached === c.minimum)).toHaveLength(c.count);
    }
    expect(s.counts!.reduce((a, c) => a + c.count, 0) + s.none_reached!).toBe(144);
    // A start that reached a minimum says when, and its loss is that minimum's (0) within the verdict's tolerance.
    for (const x of s.starts!) {
      if (x.reached === null) expect(x.iterations).toBeNull();
      else {
        expect(x.iterations).toEqual(expect.any(Number));
        expect(x.final_loss!).toBeLessThan(1e-3);
      }
    }
  });

  it('takes a run at the default rate, and warns that --seed decides nothing for a grid', async () => {
    const { s, stderr } = await summaryOf(['function', 'himmelblau', '--starts', 'grid:3', '--iters', '50', '--seed', 'x']);
    expect(s.layout).toBe('overlay');
    expect(s.lr).toBeGreaterThan(0);
    expect(stderr).toMatch(/--seed is ignored: .*a grid of starts none/);
  });

  it('random starts: --seed decides them, no warning', async () => {
    const a = await summaryOf(['function', 'himmelblau', '--starts', '20', '--iters', '100', '--seed', 'a']);
    const b = await summaryOf(['function', 'himmelblau', '--starts', '20', '--iters', '100', '--seed', 'a']);
    const c = await summaryOf(['function', 'himmelblau', '--starts', '20', '--iters', '100', '--seed', 'c']);
    expect(a.stderr).toBe('');
    expect(a.s.starts).toEqual(b.s.starts);
    expect(a.s.starts).not.toEqual(c.s.starts);
    expect(a.s.start_placement).toBe('20');
  });

  it('draws the same bytes for the same seed', async () => {
    const files = ['a.png', 'b.png'].map((f) => join(dir, f));
    for (const f of files) {
      const r = await mlvisInProcess(['function', 'himmelblau', '--starts', '30', '--layout', 'basins', '--iters', '200', '--size', '480x240', '--out', f]);
      expect(r.code).toBe(0);
    }
    expect(readFileSync(files[0]).equals(readFileSync(files[1]))).toBe(true);
  });
});

describe('what --starts draws', () => {
  it('the loss surface alone: --panels is named as having no effect; --layout overlay is taken', async () => {
    const out = join(dir, 'o.png');
    const r = await mlvisInProcess(['function', 'himmelblau', '--starts', '5', '--iters', '20', '--panels', 'surface,loss', '--layout', 'overlay', '--size', '480x240', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stderr.split('\n')[0]).toBe('mlvis: warning: --panels is ignored: --starts draws only the loss surface');
    expect(r.stderr).not.toMatch(/--layout/);
    expect(existsSync(out)).toBe(true);
  });
});

describe('refused, one line, exit 2, nothing written', () => {
  it.each(['1', '10001', 'grid:1', 'grid:101', 'abc', 'grid:', '2.5', 'grid:4x4'])('--starts %s', async (value) => {
    const line = await usageLine(['function', 'himmelblau', '--starts', value]);
    expect(line).toMatch(/^--starts: /);
    expect(line).toContain(messages.startsIs());
  });

  it.each([
    [['--optimizer', 'gd,adam'], messages.startsWith('several --optimizer', 'a race puts several optimizers on one surface, --starts many starts of one')],
    [['--lr', '0.01,0.1'], messages.startsWith('a list for --lr', 'a sweep varies a setting from one start, --starts varies the start')],
    [['--init', '1,1'], messages.startsWith('--init', '--starts places the starts over the domain (give --domain to move them)')],
    [['--layout', 'grid'], messages.startsLayout('grid')],
    [['--view', '3d'], messages.startsWith('--view 3d', 'the starts are coloured on the 2-D surface')],
  ])('--starts with %j', async (extra, message) => {
    const out = join(dir, 'never.png');
    expect(await usageLine(['function', 'himmelblau', '--starts', '10', ...extra, '--out', out])).toBe(message);
    expect(existsSync(out)).toBe(false);
  });

  it('too many iterates to keep: starts × iterations is bounded', async () => {
    expect(await usageLine(['function', 'himmelblau', '--starts', '10000', '--iters', '2000'])).toBe(messages.startsTooLong(10000, 2000, 1199));
    expect(await usageLine(['function', 'himmelblau', '--starts', 'grid:100', '--iters', '1200'])).toBe(messages.startsTooLong(10000, 1200, 1199));
  });

  it('--layout basins without --starts', async () => {
    expect(await usageLine(['function', 'himmelblau', '--layout', 'basins'])).toBe(messages.basinsNeedStarts());
  });

  it('--starts on a regression', async () => {
    expect(await usageLine(['linear', '--starts', '10'])).toBe(messages.startsNeedFunction());
  });

  it('--starts where an expression is defined at no start', async () => {
    // Defined between x = 0.1 and 0.9 (its usual start, x = 0.2, too), but at none of the grid's corners.
    const expr = 'log(0.9 - x) + log(x - 0.1)';
    expect(await usageLine(['function', '--expr', expr, '--domain', '0:1,0:1', '--starts', 'grid:2'])).toBe(messages.noStartDefined(expr));
  });
});

describe('in a batch job, the same spellings', () => {
  it('takes "starts": 200 and "starts": "grid:40", and refuses "grid:500"', () => {
    const jobs = readJobs(JSON.stringify([{ model: 'function', function: 'himmelblau', starts: 200 }, { model: 'function', function: 'himmelblau', starts: 'grid:40', layout: 'basins' }, { model: 'function', function: 'himmelblau', starts: '300' }]), '/base', 'jobs.json');
    expect(jobs.map((j) => j.options.starts)).toEqual([200, 'grid:40', 300]);
    expect(jobs[1].options.layout).toBe('basins');
    try {
      readJobs(JSON.stringify([{ model: 'function', function: 'himmelblau', starts: 'grid:500' }]), '/base', 'jobs.json');
      throw new Error('expected a refusal');
    } catch (e) {
      expect((e as MlvisError).exitCode).toBe(2);
      expect((e as Error).message).toContain(`jobs[0].starts: "grid:500" ${messages.startsIs()}`);
    }
  });
});
