/** --schedule: parsing with one-line errors, the summary's `schedule` field, the titles, and jobs files. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveConfig } from '../../src/config';
import { messages } from '../../src/errors';
import { run, sceneFromOptions } from '../../src/index';
import { warningText } from '../../src/warnings';
import { mlvisInProcess } from '../helpers/cli';
import { usage } from '../helpers/usage';

describe('a schedule longer than the run warns that it never takes effect within --iters', () => {
  const warnings = (schedule: string, iterations: number) => {
    const got: string[] = [];
    resolveConfig({ model: 'linear', schedule, iterations }, (w) => got.push(warningText(w)));
    return got;
  };

  it.each<[string, number, string]>([
    ['step:1000:0.5', 1000, messages.scheduleNeverSteps('step:1000:0.5', 1000, 1000, 'step:100:0.5')],
    ['step:1e308:0.5', 1000, messages.scheduleNeverSteps('step:1e308:0.5', 1000, 1e308, 'step:100:0.5')],
    ['warmup:1e9', 1000, messages.scheduleStillWarming('warmup:1e9', 1000, 1e-6, 'warmup:100')],
    ['warmup:1001', 1000, messages.scheduleStillWarming('warmup:1001', 1000, 0.999, 'warmup:100')],
  ])('%s over %d iterations', (schedule, iterations, message) => {
    expect(warnings(schedule, iterations)).toEqual([message]);
  });

  it('words them', () => {
    expect(messages.scheduleNeverSteps('step:1e308:0.5', 1000, 1e308, 'step:100:0.5')).toBe(
      '--schedule step:1e308:0.5 never takes effect within --iters 1000: its first step comes after update 1e+308, so the rate is the base rate throughout; use a shorter EVERY (for example --schedule step:100:0.5) or more --iters',
    );
    expect(messages.scheduleStillWarming('warmup:1e9', 1000, 1e-6, 'warmup:100')).toBe(
      '--schedule warmup:1e9 never takes effect within --iters 1000: the warm-up is still rising at the end, at 0.000001 of the base rate; use a shorter warm-up (for example --schedule warmup:100) or more --iters',
    );
  });

  it('is silent when the schedule acts within the run', () => {
    expect(warnings('step:999:0.5', 1000)).toEqual([]);
    expect(warnings('warmup:1000', 1000)).toEqual([]);
    expect(warnings('cosine', 1000)).toEqual([]);
    expect(warnings('constant', 1000)).toEqual([]);
  });

  it('says so on the command line, one line', async () => {
    const r = await mlvisInProcess(['linear', '--iters', '50', '--schedule', 'warmup:1e9', '--summary', '-']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`mlvis: warning: ${messages.scheduleStillWarming('warmup:1e9', 50, 5e-8, 'warmup:5')}\n`);
  });
});

describe('--schedule', () => {
  it('defaults to constant and parses each form, keeping the text given', () => {
    expect(resolveConfig({ model: 'linear' })).toMatchObject({ schedule: 'constant', rateSchedule: { kind: 'constant' } });
    expect(resolveConfig({ model: 'linear', schedule: 'step:100:0.5' }).rateSchedule).toEqual({ kind: 'step', every: 100, factor: 0.5, text: 'step:100:0.5' });
    expect(resolveConfig({ model: 'linear', schedule: 'cosine' }).rateSchedule).toMatchObject({ kind: 'cosine' });
    expect(resolveConfig({ model: 'linear', schedule: 'warmup:50' }).rateSchedule).toMatchObject({ kind: 'warmup', steps: 50 });
    expect(resolveConfig({ model: 'linear', schedule: 'step:10:1' }).rateSchedule).toMatchObject({ factor: 1 });
  });

  it.each([
    ['step:100', messages.scheduleNeedsParts('step:100')],
    ['step', messages.scheduleNeedsParts('step')],
    ['step:0:0.5', messages.scheduleEvery('step:0:0.5')],
    ['step:2.5:0.5', messages.scheduleEvery('step:2.5:0.5')],
    ['step:100:0', messages.scheduleFactor('step:100:0')],
    ['step:100:1.5', messages.scheduleFactor('step:100:1.5')],
    ['step:100:x', messages.scheduleFactor('step:100:x')],
    ['warmup', messages.scheduleWarmup('warmup')],
    ['warmup:0', messages.scheduleWarmup('warmup:0')],
    ['warmup:1.5', messages.scheduleWarmup('warmup:1.5')],
    ['cosine:10', messages.scheduleTakesNoValue('cosine:10', 'cosine')],
    ['linear', messages.badSchedule('linear')],
  ])('refuses %j in one line with an example', (schedule, message) => {
    expect(usage({ model: 'linear', schedule })).toBe(message);
    expect(message).not.toContain('\n');
    expect(message).toMatch(/^--schedule: .*(for example|write --schedule)/);
  });

  it('the command line: exit 2, the one line on stderr, no output written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mlvis-sched-'));
    try {
      const r = await mlvisInProcess(['linear', '--schedule', 'step:100', '--out', join(dir, 'x.gif')]);
      expect(r.code).toBe(2);
      expect(r.stderr.trim()).toBe(`mlvis: ${messages.scheduleNeedsParts('step:100')}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the summary names it: at the top of a single run, in each series of a race', async () => {
    expect((await run({ model: 'linear', iterations: 20 })).summary.schedule).toBe('constant');
    const race = (await run({ model: 'linear', iterations: 20, optimizer: ['gd', 'lion'], schedule: 'warmup:5' })).summary;
    expect(race.series!.map((s) => s.schedule)).toEqual(['warmup:5', 'warmup:5']);
  });

  it('the title names a schedule other than constant (the scene carries it), constant adds nothing', () => {
    expect(sceneFromOptions({ model: 'linear', iterations: 10, schedule: 'cosine' }).schedule).toBe('cosine');
    expect(sceneFromOptions({ model: 'linear', iterations: 10 }).schedule).toBeUndefined();
  });

  it('a jobs file takes the string form, and refuses a bad one before rendering', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mlvis-sched-jobs-'));
    try {
      const good = join(dir, 'good.json');
      writeFileSync(good, JSON.stringify([{ model: 'linear', iterations: 20, optimizer: 'adam,lion', schedule: 'step:5:0.5' }]));
      const r = await mlvisInProcess(['batch', good, '--summary', '-', '--quiet']);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)[0].series.map((s: { schedule: string }) => s.schedule)).toEqual(['step:5:0.5', 'step:5:0.5']);
      const bad = join(dir, 'bad.json');
      writeFileSync(bad, JSON.stringify([{ model: 'linear', schedule: 'step:100', out: 'never.gif' }]));
      const b = await mlvisInProcess(['batch', bad]);
      expect(b.code).toBe(2);
      expect(b.stderr).toContain('needs EVERY:FACTOR, for example step:100:0.5');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
