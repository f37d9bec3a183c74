import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { messages } from '../../src/errors';
import { mlvisInProcess } from '../helpers/cli';

/** One line on stderr, no stack trace. */
function expectOneLine(stderr: string): void {
  const lines = stderr.split('\n').filter((l) => l !== '');
  expect(lines).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at /);
}

// In-process through runCli; test/cli/process.test.ts checks the same kinds of failure through the real process.
describe('mlvis errors', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mlvis-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    [['linear', '--bogus'], /unknown option '--bogus'/],
    [['linear', '--lr', 'fast', '--summary', '-'], new RegExp(escape(messages.badNumber('--lr', 'fast', 'a number')))],
    [['linear', '--lr', '-1', '--summary', '-'], /--lr: -1 must be greater than 0/],
    [['linear', '--iters', '2.5', '--summary', '-'], /--iters: 2.5 must be a whole number/],
    [['linear', '--init', '1', '--summary', '-'], new RegExp(escape(messages.badInit('1')))],
    [['linear', '--size', 'big', '--summary', '-'], new RegExp(escape(messages.badSize('big')))],
    [['linear', '--optimizer', 'lbfgs', '--summary', '-'], /lbfgs/],
    [['linear', '--out', 'fit.avi'], new RegExp(escape(messages.badFormat('fit.avi')))],
    [['linear', '--out', 'a/%03d.gif'], /only works with \.png/],
    [['linear', '--frames', '10', '--every', '5', '--summary', '-'], new RegExp(escape(messages.framesAndEvery()))],
    [['frobnicate'], /unknown command/],
    [['linear', '--size', '400x200', '--panels', 'surface,fit,loss', '--out', 'a.gif'], new RegExp(escape(messages.tooNarrow(400, 200, 3, 480)))],
    [['linear', '--iters', '0x10', '--summary', '-'], /--iters: "0x10" is not a whole number/],
    [['linear', '--frames', '1', '--out', 'a.gif'], /--frames: 1 must be at least 2/],
    [['linear', '--panels', '', '--summary', '-'], new RegExp(escape(messages.noPanels()))],
    [['linear', '--frame', '1.5', '--out', 'a.png'], /--frame: 1.5 must be a whole number/],
    [['linear', '--frame', '5000', '--out', 'a.png'], new RegExp(escape(messages.frameOutOfRange(5000, 1000)))],
    [['logistic', '--labels', 'female', '--out', 'a.png'], new RegExp(escape(messages.badLabels('female')))],
    [['logistic', '--labels', 'a,b,c', '--out', 'a.png'], new RegExp(escape(messages.badLabels('a,b,c')))],
    [['logistic', '--labels', 'female,', '--out', 'a.png'], /--labels: "female," has an empty item/],
    [['logistic', '--labels', 'male,male', '--out', 'a.png'], /--labels: \["male","male"\] names the same class twice/],
    [['linear', '--font-scale', '5', '--out', 'a.png'], /--font-scale: 5 must be at most 3/],
    [['linear', '--font-scale', '0.2', '--out', 'a.png'], /--font-scale: 0.2 must be at least 0.5/],
    [['linear', '--font-scale', 'big', '--out', 'a.png'], new RegExp(escape(messages.badNumber('--font-scale', 'big', 'a number')))],
    [['linear', '--title', '', '--out', 'a.png'], /--title: "" must not be empty/],
    [['linear', '--xlabel', '', '--out', 'a.png'], /--xlabel: "" must not be empty/],
    [['linear', '--title', '   ', '--out', 'a.png'], /--title: "   " must not be blank \(only spaces\)/],
    [['linear', '--ylabel', ' ', '--out', 'a.png'], /--ylabel: " " must not be blank \(only spaces\)/],
    [['linear', '--title', '\u200b\u2060', '--out', 'a.png'], /--title: ".." must not be blank \(only spaces\)/],
    [['linear', '--init', '1e308,1e308', '--summary', '-'], new RegExp(escape(messages.initOverflows([1e308, 1e308])))],
    [['linear', '--view', '4d', '--out', 'a.gif'], /--view.*'4d' is invalid\. Allowed choices are 2d, 3d/],
    [['linear', '--view', '3d', '--orbit', '1000', '--out', 'a.gif'], /--orbit: 1000 must be at most 720/],
    [['linear', '--view', '3d', '--orbit', '-721', '--out', 'a.gif'], /--orbit: -721 must be at least -720/],
    [['linear', '--view', '3d', '--orbit', 'half', '--out', 'a.gif'], /--orbit: "half" is not a number/],
    [['linear', '--view', '3d', '--lr', '0.1,0.2', '--layout', 'grid', '--out', 'a.gif'], new RegExp(escape(messages.view3dInGrid()))],
  ])('usage error %j exits 2 with one line', async (args, pattern) => {
    const r = await mlvisInProcess(args as string[], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(pattern as RegExp);
    expectOneLine(r.stderr);
    expect(r.stdout).toBe('');
  });

  it('no command at all is a usage error that shows the commands', async () => {
    const r = await mlvisInProcess([], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Commands:[\s\S]*linear[\s\S]*logistic[\s\S]*datasets/);
  });

  it('an unwritable --summary fails before anything is drawn or written', async () => {
    const out = join(dir, 'never.gif');
    // A folder that is a file cannot be written into, not even by root, and nothing outside dir is touched.
    writeFileSync(join(dir, 'not-a-folder'), '');
    const summary = join(dir, 'not-a-folder', 's.json');
    const r = await mlvisInProcess(['linear', '--out', out, '--summary', summary], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr.startsWith(`mlvis: cannot write ${summary}: `)).toBe(true);
    expectOneLine(r.stderr);
    expect(existsSync(out)).toBe(false);
  });

  it('says which given flags have no effect', async () => {
    const r = await mlvisInProcess(['linear', '--iters', '5', '--x', 'a', '--batch-size', '4', '--theme', 'dark', '--summary', '-']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(messages.flagIgnored('--x', 'it applies to --data'));
    expect(r.stderr).toContain(messages.flagIgnored('--batch-size', 'it applies to --optimizer minibatch'));
    expect(r.stderr).toContain(messages.flagIgnored('--theme', 'nothing is drawn without --out'));
    JSON.parse(r.stdout);
  });

  it('--frame with an animation is ignored with a note', async () => {
    const r = await mlvisInProcess(['linear', '--iters', '10', '--frames', '2', '--size', '320x200', '--frame', '5000', '--out', join(dir, 'f.gif')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(messages.flagIgnored('--frame', 'it applies to a .png still output'));
  });

  it('--orbit without --view 3d is ignored with one warning line, and the frame is drawn in 2-D', async () => {
    const out = join(dir, 'orbit.gif');
    const r = await mlvisInProcess(['linear', '--iters', '200', '--frames', '2', '--size', '320x200', '--orbit', '90', '--out', out]);
    expect(r.code).toBe(0);
    const warnings = r.stderr.split('\n').filter((l) => l.startsWith('mlvis: warning:'));
    expect(warnings).toEqual([`mlvis: warning: ${messages.flagIgnored('--orbit', 'it applies to --view 3d')}`]);
    expect(existsSync(out)).toBe(true);
  });

  it('--view 3d --orbit writes the animation without a warning', async () => {
    const out = join(dir, 'turn.gif');
    const r = await mlvisInProcess(['linear', '--iters', '200', '--frames', '3', '--size', '320x200', '--view', '3d', '--orbit', '180', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(/warning/);
    expect(existsSync(out)).toBe(true);
  });

  it('a missing data file exits 1 with the fix', async () => {
    const r = await mlvisInProcess(['linear', '--data', 'nope/missing.csv', '--summary', '-'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`mlvis: ${messages.fileNotFound('nope/missing.csv')}\n`);
  });

  it('an unknown column lists the columns', async () => {
    const r = await mlvisInProcess(['linear', '--data', 'cars', '--x', 'Speed', '--summary', '-']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no column "Speed"');
    expect(r.stderr).toContain('"Horsepower"');
    expectOneLine(r.stderr);
  });

  it('text labels without --positive list the values found', async () => {
    const r = await mlvisInProcess(['logistic', '--data', 'penguins', '--y', 'Species', '--summary', '-']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--positive/);
    expect(r.stderr).toMatch(/Adelie/);
    expectOneLine(r.stderr);
  });

  it('--verbose adds the stack trace', async () => {
    const r = await mlvisInProcess(['linear', '--data', 'nope.csv', '--summary', '-', '--verbose'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/\n\s+at /);
  });

  it('a failed run leaves an existing summary file untouched and no temporary files', async () => {
    const target = join(dir, 'keep.json');
    writeFileSync(target, 'old');
    const r = await mlvisInProcess(['linear', '--data', 'missing.csv', '--summary', target], { cwd: dir });
    expect(r.code).toBe(1);
    expect(readFileSync(target, 'utf8')).toBe('old');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('writes the summary to a file, creating its folder', async () => {
    const target = join(dir, 'sub', 'run.json');
    const r = await mlvisInProcess(['linear', '--iters', '10', '--summary', target]);
    expect(r.code).toBe(0);
    expect(existsSync(target)).toBe(true);
    expect(JSON.parse(readFileSync(target, 'utf8')).iterations).toBe(10);
    expect(r.stdout).toBe('');
  });

  it('lists the built-in data sets', async () => {
    const r = await mlvisInProcess(['datasets']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/penguins +\(344 rows\)/);
    expect(r.stdout).toMatch(/cars +\(406 rows\)/);
    expect(r.stdout).toContain('--positive "MALE"');
  });

  it('without --out or --summary prints a short human report', async () => {
    const r = await mlvisInProcess(['linear', '--iters', '100']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^linear regression, gd/);
    expect(r.stdout).toMatch(/optimum: w0 = /);
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
