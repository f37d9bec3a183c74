/** A newcomer's typing mistakes (issue 17): each gets one line that names the fix. */
import { messages } from '../../src/errors';
import { mlvisInProcess } from '../helpers/cli';

async function oneLine(args: string[]): Promise<string> {
  const r = await mlvisInProcess(args);
  expect(r.code).toBe(2);
  const lines = r.stderr.split('\n').filter(Boolean);
  expect(lines).toHaveLength(1);
  return lines[0];
}

describe('mistyped flags and commands', () => {
  it.each([
    [['linear', '--iter', '3'], "mlvis: unknown option '--iter'; did you mean --iters? (see \"mlvis linear --help\")"],
    [['linear', '--optimiser', 'adam'], "mlvis: unknown option '--optimiser'; did you mean --optimizer? (see \"mlvis linear --help\")"],
    [['lineer'], "mlvis: unknown command 'lineer'; did you mean linear? (see \"mlvis --help\")"],
    [['batch', 'jobs.json', '--forse'], "mlvis: unknown option '--forse'; did you mean --force? (see \"mlvis batch --help\")"],
  ])('%j suggests the nearest name', async (args, line) => {
    expect(await oneLine(args)).toBe(line);
  });

  it('names a stray argument and its likely cause, a space after a comma', async () => {
    expect(await oneLine(['linear', '--lr', '0.1,', '0.2', '--summary', '-'])).toBe(`mlvis: ${messages.strayArgument('0.2', 'linear', { flag: '--lr', value: '0.1,' })}`);
    expect(await oneLine(['linear', '--lr', '0.1,', '0.2'])).toContain('--lr 0.1,0.2');
    expect(await oneLine(['linear', '--lr', '0.1', ',0.2'])).toContain('a space before a comma');
    expect(await oneLine(['linear', 'extra'])).toContain('unexpected argument "extra"');
  });

  it('mlvis --help points to the run options of each model', async () => {
    const r = await mlvisInProcess(['--help']);
    expect(r.stdout).toContain('"mlvis linear --help"');
  });
});
