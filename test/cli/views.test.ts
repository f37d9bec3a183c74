/** The command line of --reference-path and --arrows: help lines, flags, warnings, and a real run. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toRunOptions } from '../../src/cli';
import { OPTION_TABLE } from '../../src/config';
import { messages } from '../../src/errors';
import { mlvisInProcess } from '../helpers/cli';

describe('--reference-path and --arrows on the command line', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'mlvis-views-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('have a line each in --help, from the table', async () => {
    const r = await mlvisInProcess(['linear', '--help']);
    const help = r.stdout.replace(/\s+/g, ' ');
    expect(help).toContain(`--reference-path ${OPTION_TABLE.referencePath.help}`);
    expect(help).toContain(`--arrows ${OPTION_TABLE.arrows.help}`);
  });

  it('are switches that become the library options', () => {
    expect(toRunOptions('linear', { referencePath: true, arrows: true })).toEqual({ model: 'linear', referencePath: true, arrows: true });
  });

  it('draw a still with both, silently where they apply', async () => {
    const out = join(dir, 'a.png');
    const r = await mlvisInProcess(['linear', '--optimizer', 'sgd', '--iters', '1000', '--size', '480x240', '--reference-path', '--arrows', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(/warning/);
    expect(readFileSync(out).subarray(1, 4).toString()).toBe('PNG');
  });

  it('warn that they have no effect where they cannot apply', async () => {
    const out = join(dir, 'b.png');
    const r = await mlvisInProcess(['linear', '--iters', '10', '--size', '480x240', '--reference-path', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(messages.flagIgnored('--reference-path', 'it applies to --optimizer sgd or minibatch'));
    const s = await mlvisInProcess(['linear', '--iters', '10', '--size', '480x240', '--arrows', '--panels', 'fit,loss', '--out', out]);
    expect(s.code).toBe(0);
    expect(s.stderr).toContain(messages.flagIgnored('--arrows', 'it applies to the surface panel, which --panels leaves out'));
  });
});
