import { DEFAULTS, outputOf, resolveConfig } from '../src/config';
import { resolve } from 'node:path';
import { usage } from './helpers/usage';
import { messages } from '../src/errors';
import { warningText } from '../src/warnings';


describe('resolveConfig', () => {
  it('fills every default', () => {
    const c = resolveConfig({ model: 'linear' });
    // The descents' settings live in series; --poster becomes outputs.
    const { optimizer, batchSize, momentum, poster, ...rest } = DEFAULTS;
    expect(poster).toBe(false);
    expect(c).toMatchObject({ ...rest, model: 'linear', stills: ['last'], trajectory: false, layout: 'single', sweep: null });
    expect(c.series).toEqual([{ optimizer, batchSize, momentum, lr: undefined, label: 'GD', suffix: '' }]);
    expect(c.outputs).toEqual([]);
    expect(c.standardize).toBeUndefined(); // decided by the data set
  });

  it('names the flag, the value and the rule in one line', () => {
    expect(usage({ model: 'linear', lr: -1 })).toBe('--lr: -1 must be greater than 0');
    expect(usage({ model: 'linear', lr: Infinity })).toBe('--lr: Infinity must be finite');
    expect(usage({ model: 'linear', iterations: 2.5 })).toBe('--iters: 2.5 must be a whole number');
    expect(usage({ model: 'linear', batchSize: 0 })).toBe('--batch-size: 0 must be at least 1');
    expect(usage({ model: 'linear', momentum: 1 })).toBe('--momentum: 1 must be less than 1');
    expect(usage({ model: 'linear', fps: 500 })).toMatch(/^--fps: 500 must be at most 100/);
    expect(usage({ model: 'linear', width: 100 })).toBe('--size: 100 must be at least 160');
    expect(usage({ model: 'linear', optimizer: 'lbfgs' as never })).toMatch(/^--optimizer: "lbfgs" is not one of gd, sgd/);
    expect(usage({ model: 'linear', frame: -1 })).toBe('--frame: -1 must be at least 0');
    expect(usage({ model: 'linear', frame: 'first' as never })).toBe('--frame: "first" is not a whole number of iterations or "last"');
    expect(usage({ model: 'linear', colour: 'red' } as never)).toBe('colour: "red" is not an option mlvis knows');
    expect(usage({ model: 'linear', iters: 10 } as never)).toBe(messages.unknownOption('iters', '10', 'iterations'));
    expect(usage({ model: 'linear', frames: 10, every: 5 })).toBe(messages.framesAndEvery());
    expect(usage({ model: 'linear', panels: ['fit', 'fit'] })).toBe(messages.duplicatePanels(['fit', 'fit']));
  });

  it('rounds odd video sizes to even with a note, and leaves GIF sizes alone', () => {
    const notes: string[] = [];
    const c = resolveConfig({ model: 'linear', out: 'a.mp4', width: 641, height: 361 }, (w) => notes.push(warningText(w)));
    expect([c.width, c.height]).toEqual([640, 360]);
    expect(notes).toEqual([messages.roundedToEven(641, 361, 640, 360)]);
    const g = resolveConfig({ model: 'linear', out: 'a.gif', width: 641, height: 361 });
    expect([g.width, g.height]).toEqual([641, 361]);
  });

  it('tells the format from the extension, any case, and only PNG takes a %d pattern', () => {
    expect(outputOf('x/FIT.GIF')).toEqual({ path: 'x/FIT.GIF', format: 'gif', sequence: false, key: resolve('x/FIT.GIF') });
    expect(outputOf('f/%04d.png').sequence).toBe(true);
    expect(() => outputOf('fit.avi')).toThrow(messages.badFormat('fit.avi'));
    expect(() => outputOf('f/%d.webm')).toThrow(messages.sequenceNotPng('f/%d.webm'));
  });
});
