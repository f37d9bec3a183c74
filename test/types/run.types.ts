/**
 * Type-level checks of the library's signatures (issue 17): `npm test`'s `tsc --noEmit` compiles this file
 * under strict mode; nothing here runs. A line that stops compiling, or an @ts-expect-error that stops
 * erring, fails the type check.
 */
import { run, type RunResult } from '../../src/index';

export async function stdoutIsABufferWithOutDash(): Promise<Buffer[]> {
  const png: Buffer = (await run({ model: 'linear', out: '-', format: 'png' })).stdout;
  const gif: Buffer = (await run({ model: 'logistic', data: 'penguins', out: '-', format: 'gif', iterations: 10 })).stdout;
  return [png, gif];
}

export async function filesPromiseNoStdout(): Promise<RunResult> {
  const result = await run({ model: 'linear', out: 'fit.gif' });
  // @ts-expect-error a run that writes files has no bytes for stdout to promise
  const bytes: Buffer = result.stdout;
  void bytes;
  return result;
}
