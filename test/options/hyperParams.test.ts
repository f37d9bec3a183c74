/**
 * The optimizers' hyper-parameters are declared once (engine/optimizers/hyperParams.ts) and their option-table
 * rows generated from the declarations and the registry; the flags, keys and defaults that existed stay as they were.
 */
import { DEFAULTS, OPTION_TABLE, resolveConfig, type OptionSpec } from '../../src/config';
import { HYPER_PARAMS, HYPER_PARAM_NAMES, OPTIMIZERS, optimizerOf } from '../../src/engine/optimizers';
import { warningText, type Warning } from '../../src/warnings';
import { run } from '../../src/index';
import { usage } from '../helpers/usage';

const row = (key: string) => (OPTION_TABLE as Record<string, OptionSpec>)[key];

describe('hyper-parameter rows generated from the declarations', () => {
  it('keeps every existing flag, key and default, and adds --weight-decay (default 0.01)', () => {
    expect(HYPER_PARAM_NAMES).toEqual(['batchSize', 'momentum', 'beta1', 'beta2', 'eps', 'weightDecay']);
    expect(HYPER_PARAM_NAMES.map((k) => row(k).flag)).toEqual(['--batch-size', '--momentum', '--beta1', '--beta2', '--eps', '--weight-decay']);
    expect(DEFAULTS).toMatchObject({ batchSize: 32, momentum: 0.9, beta1: 0.9, eps: 1e-8, weightDecay: 0.01 });
    // beta2's default is each optimizer's own: the table fills none in, and says which.
    expect(Object.hasOwn(DEFAULTS, 'beta2')).toBe(false);
    expect(row('beta2').defaultText).toBe('0.999; rmsprop 0.9; lion 0.99');
  });

  it('each row takes its flag, default and range from the declaration, and names exactly the optimizers that read it', () => {
    for (const key of HYPER_PARAM_NAMES) {
      const spec = row(key);
      expect(spec.flag).toBe(HYPER_PARAMS[key].flag);
      expect(spec.applies).toEqual({ param: key });
      const readers = OPTIMIZERS.filter((n) => optimizerOf(n).params.includes(key));
      expect(readers.length).toBeGreaterThan(0);
      const named = spec.help.split('; ').filter((part) => part.includes(': ')).flatMap((part) => part.split(': ')[0].split(', '));
      expect(named.sort()).toEqual([...readers].sort());
    }
    expect(row('beta1').help).toBe('adam, adamw, nadam, amsgrad: first-moment decay; lion: weight of its momentum in the sign');
    expect(row('eps').help).toBe('adagrad, rmsprop, adam, adamw, nadam, amsgrad: epsilon');
    expect(row('weightDecay').help).toBe('adamw: decoupled weight decay');
  });

  it('validates each range with the words the table uses elsewhere', () => {
    expect(usage({ model: 'linear', batchSize: 0 })).toBe('--batch-size: 0 must be at least 1');
    expect(usage({ model: 'linear', momentum: 1 })).toBe('--momentum: 1 must be less than 1');
    expect(usage({ model: 'linear', beta2: 1 })).toBe('--beta2: 1 must be less than 1');
    expect(usage({ model: 'linear', eps: 0 })).toBe('--eps: 0 must be greater than 0');
    expect(usage({ model: 'linear', weightDecay: -0.1 })).toBe('--weight-decay: -0.1 must be at least 0');
    expect(usage({ model: 'linear', weightDecay: [0.1, 0.2] as never })).toMatch(/^--weight-decay: \[0.1,0.2\] must be a number$/);
  });

  it('--weight-decay warns where no optimizer of the run reads it', () => {
    const got: Warning[] = [];
    resolveConfig({ model: 'linear', optimizer: 'adam', weightDecay: 0.1 }, (w) => got.push(w));
    expect(got.map(warningText)).toEqual(['--weight-decay is ignored: it applies to --optimizer adamw']);
    const none: Warning[] = [];
    resolveConfig({ model: 'linear', optimizer: ['adam', 'adamw'], weightDecay: 0.1 }, (w) => none.push(w));
    expect(none).toEqual([]);
  });

  it('the values travel as one bag from the options to the step: --weight-decay changes AdamW, 0 makes it Adam', async () => {
    const final = async (o: object) => (await run({ model: 'linear', iterations: 50, ...o })).summary.final;
    const adam = await final({ optimizer: 'adam', lr: 0.1 });
    expect(await final({ optimizer: 'adamw', lr: 0.1, weightDecay: 0 })).toEqual(adam);
    expect(await final({ optimizer: 'adamw', lr: 0.1, weightDecay: 0.5 })).not.toEqual(adam);
    // Lion's own beta2 (0.99) is filled in unless given; given, it changes the run.
    expect(await final({ optimizer: 'lion', lr: 0.5 })).toEqual(await final({ optimizer: 'lion', lr: 0.5, beta2: 0.99 }));
    expect(await final({ optimizer: 'lion', lr: 0.5 })).not.toEqual(await final({ optimizer: 'lion', lr: 0.5, beta2: 0.5 }));
  });
});
