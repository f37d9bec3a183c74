import { validateRun, messages, MlvisError, type RunOptions } from '../../src/index';
import { toRunOptions } from '../../src/cli';
import { outputOf } from '../../src/config';

function refused(options: RunOptions, summaryPath?: string): string {
  try {
    validateRun(options, summaryPath);
  } catch (e) {
    expect((e as MlvisError).exitCode).toBe(2);
    return (e as Error).message;
  }
  throw new Error('expected the run to be refused');
}

describe('files that would overwrite each other are refused before any work', () => {
  it('sees through a still list, a %d pattern and a sweep suffix', () => {
    expect(refused({ model: 'linear', out: 'x.png', frame: [0, 'last'] }, 'x-0.png')).toBe(messages.summaryIsOutput('x-0.png'));
    expect(refused({ model: 'linear', out: 'f/%02d.png' }, 'f/00.png')).toBe(messages.summaryIsOutput('f/00.png'));
    expect(refused({ model: 'linear', out: ['f/%d.png', 'f/3.png'] })).toBe(messages.sameOutputTwice('f/3.png'));
    expect(refused({ model: 'linear', lr: [0.1, 0.2], out: 's.gif' }, 's-lr0.2.gif')).toBe(messages.summaryIsOutput('s-lr0.2.gif'));
    expect(refused({ model: 'linear', data: 'd-0.png', out: 'd.png', frame: [0, 5] })).toBe(messages.outputIsInput('d-0.png'));
  });

  it('lets distinct names through', () => {
    expect(() => validateRun({ model: 'linear', out: ['f/%03d.png', 'f/poster.png', 'fit.gif'], frame: [0, 'last'] }, 'f/summary.json')).not.toThrow();
  });
});

describe('nonsense on the command line is a usage error, never silently dropped', () => {
  it.each([
    [{ lr: '0.1,,0.2' }, messages.emptyListItem('--lr', '0.1,,0.2')],
    [{ lr: 'gd=0.1,' }, messages.emptyListItem('--lr', 'gd=0.1,')],
    [{ optimizer: 'gd,' }, messages.emptyListItem('--optimizer', 'gd,')],
    [{ frame: '0,,5' }, messages.emptyListItem('--frame', '0,,5')],
    [{ lr: 'gd=0.1,gd=0.2' }, messages.lrTwice('gd')],
  ])('%j', (raw, message) => {
    expect(() => toRunOptions('linear', raw)).toThrow(message);
  });

  it('refuses frame-number patterns the encoder would not expand', () => {
    for (const p of ['g/%5d.png', 'g/%0d.png', 'g/%00d.png', 'g/%0999999999d.png']) expect(() => outputOf(p)).toThrow(messages.badFramePattern(p));
    expect(outputOf('g/%09d.png').sequence).toBe(true);
  });

  it('refuses a sweep of a setting the optimizer does not read', () => {
    expect(refused({ model: 'linear', momentum: [0.1, 0.9] })).toBe(messages.sweepIgnored('--momentum', 'gd'));
    expect(refused({ model: 'linear', optimizer: 'adam', batchSize: [2, 3] })).toBe(messages.sweepIgnored('--batch-size', 'adam'));
  });
});

describe('bad library input gets a clear message', () => {
  it.each([
    [{}, messages.modelMissing()],
    [[], messages.optionsNotObject()],
    [{ model: 'linear', iterations: 10n }, '--iters: 10n must be a number'],
    [{ model: 'linear', lr: NaN }, '--lr: NaN is not a rate, a list of rates, or NAME=RATE pairs'],
  ])('%p', (options, message) => {
    expect(refused(options as never)).toBe(message);
  });
});

describe('manifests are files too', () => {
  it('refuses a data file or a summary that a manifest would overwrite', () => {
    expect(refused({ model: 'linear', data: 'p/r.gif.json', out: 'p/r.gif', manifest: true })).toBe(messages.outputIsInput('p/r.gif.json'));
    expect(refused({ model: 'linear', out: 't.gif', manifest: true }, 't.gif.json')).toBe(messages.summaryIsOutput('t.gif.json'));
  });
});
