import { resolveConfig, type RunOptions } from '../../src/config';
import { MlvisError } from '../../src/errors';

/** The usage error (exit code 2) that resolving these options throws; fails the test when none is thrown. */
export function usage(options: RunOptions): string {
  try {
    resolveConfig(options);
  } catch (e) {
    expect(e).toBeInstanceOf(MlvisError);
    expect((e as MlvisError).exitCode).toBe(2);
    return (e as MlvisError).message;
  }
  throw new Error('expected a usage error');
}
