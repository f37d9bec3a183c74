import { resolve } from 'node:path';
import { resolveConfig, type RunOptions } from '../../src/config';
import { usage } from '../helpers/usage';
import { messages } from '../../src/errors';
import { warningText, type Warning } from '../../src/warnings';


describe('races', () => {
  it('several optimizers are one series each, from the same settings, laid over one surface', () => {
    const c = resolveConfig({ model: 'linear', optimizer: ['gd', 'momentum', 'adam'], lr: 0.05 });
    expect(c.series.map((s) => [s.optimizer, s.lr, s.label, s.suffix])).toEqual([
      ['gd', 0.05, 'GD', '-gd'],
      ['momentum', 0.05, 'momentum', '-momentum'],
      ['adam', 0.05, 'Adam', '-adam'],
    ]);
    expect(c.layout).toBe('overlay');
    expect(c.sweep).toBeNull();
  });

  it('takes a rate per optimizer; the others keep their default', () => {
    const c = resolveConfig({ model: 'linear', optimizer: ['gd', 'adam'], lr: { adam: 0.05 } });
    expect(c.series.map((s) => s.lr)).toEqual([undefined, 0.05]);
  });

  it('refuses rates for optimizers that are not racing, one optimizer twice, and more than six', () => {
    expect(usage({ model: 'linear', optimizer: ['gd', 'adam'], lr: { sgd: 0.1 } })).toBe(messages.lrForAbsentOptimizer('sgd', ['gd', 'adam']));
    expect(usage({ model: 'linear', optimizer: ['gd', 'gd'] })).toBe('--optimizer: ["gd","gd"] names an optimizer twice');
    expect(usage({ model: 'linear', optimizer: ['gd', 'sgd', 'minibatch', 'momentum', 'nesterov', 'adagrad', 'adam'] })).toMatch(/^--optimizer: .* races at most 6 optimizers$/);
  });
});

describe('sweeps', () => {
  it('a list for --lr is one series per value, one file each by default', () => {
    const c = resolveConfig({ model: 'linear', lr: [0.01, 0.1, 0.5], out: 'fit.gif' });
    expect(c.series.map((s) => [s.lr, s.label, s.suffix])).toEqual([
      [0.01, 'lr = 0.01', '-lr0.01'],
      [0.1, 'lr = 0.1', '-lr0.1'],
      [0.5, 'lr = 0.5', '-lr0.5'],
    ]);
    expect(c.sweep).toEqual({ key: 'lr', values: [0.01, 0.1, 0.5] });
    expect(c.layout).toBe('files');
  });

  it('sweeps --momentum and --batch-size too, naming files by the flag', () => {
    const m = resolveConfig({ model: 'linear', optimizer: 'momentum', momentum: [0.5, 0.9], layout: 'grid' });
    expect(m.series.map((s) => [s.momentum, s.suffix])).toEqual([[0.5, '-momentum0.5'], [0.9, '-momentum0.9']]);
    expect(m.layout).toBe('grid');
    const b = resolveConfig({ model: 'linear', optimizer: 'minibatch', batchSize: [4, 16] });
    expect(b.series.map((s) => [s.batchSize, s.label, s.suffix])).toEqual([[4, 'batch size = 4', '-batch-size4'], [16, 'batch size = 16', '-batch-size16']]);
  });

  it('sweeps one setting at a time, never while racing, with distinct values', () => {
    expect(usage({ model: 'linear', lr: [0.1, 0.2], momentum: [0.1, 0.5] })).toBe(messages.twoSweeps(['--lr', '--momentum']));
    expect(usage({ model: 'linear', optimizer: ['gd', 'adam'], lr: [0.1, 0.2] })).toBe(messages.raceAndSweep('--lr'));
    expect(usage({ model: 'linear', lr: [0.1, 0.1] })).toMatch(/lists a value twice/);
    expect(usage({ model: 'linear', lr: [0.1] })).toMatch(/needs at least 2 values to sweep/);
  });

  it('caps what one frame can show', () => {
    const ten = Array.from({ length: 10 }, (_, i) => (i + 1) / 100);
    expect(usage({ model: 'linear', lr: ten, layout: 'grid' })).toBe(messages.tooManyForGrid(10));
    expect(usage({ model: 'linear', lr: ten.slice(0, 7), layout: 'overlay' })).toBe(messages.tooManyToOverlay(7));
    expect(resolveConfig({ model: 'linear', lr: ten }).series).toHaveLength(10);
  });
});

describe('outputs', () => {
  it('several files from one run, each with its format', () => {
    const c = resolveConfig({ model: 'linear', out: ['a.gif', 'a.mp4', 'a.webm', 'a.png', 'f/%03d.png'] });
    expect(c.outputs.map((o) => [o.format, o.sequence])).toEqual([
      ['gif', false],
      ['mp4', false],
      ['webm', false],
      ['png', false],
      ['png', true],
    ]);
  });

  it('refuses two names for one file', () => {
    expect(usage({ model: 'linear', out: ['a.gif', `${resolve('.')}/a.gif`] })).toBe(messages.sameOutputTwice(`${resolve('.')}/a.gif`));
  });

  it('takes a list of stills, checked against the run only when a still is written', () => {
    expect(resolveConfig({ model: 'linear', out: 'a.png', frame: [0, 'last'] }).stills).toEqual([0, 'last']);
    expect(usage({ model: 'linear', out: 'a.png', frame: [0, 5000] })).toBe(messages.frameOutOfRange(5000, 1000));
    expect(() => resolveConfig({ model: 'linear', out: 'a.gif', frame: 5000 })).not.toThrow();
  });
});

describe('library input', () => {
  it('reads own properties only: a polluted prototype adds no option', () => {
    const proto = Object.prototype as Record<string, unknown>;
    proto.ffmpeg = '/tmp/evil';
    try {
      expect(resolveConfig({ model: 'linear', out: 'a.mp4' }).ffmpeg).toBeUndefined();
      const inherited = Object.create({ out: 'x.gif' }) as RunOptions;
      inherited.model = 'linear';
      expect(resolveConfig(inherited).outputs).toEqual([]);
    } finally {
      delete proto.ffmpeg;
    }
  });

  it('says what is wrong with a call that is not an options object', () => {
    expect(usage(null as never)).toBe(messages.optionsNotObject());
  });

  it('warns as data; the words come from one place', () => {
    const got: Warning[] = [];
    resolveConfig({ model: 'linear', momentum: 0.5 }, (w) => got.push(w));
    expect(got).toEqual([{ code: 'optionIgnored', option: '--momentum', reason: 'it applies to --optimizer momentum or nesterov' }]);
    expect(warningText(got[0])).toBe(messages.flagIgnored('--momentum', 'it applies to --optimizer momentum or nesterov'));
  });
});
