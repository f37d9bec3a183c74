import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli';
import { captureStream as capture, cliArgv } from '../helpers/cli';

describe('progress on stderr', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mlvis-progress-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const args = (name: string) => cliArgv(['linear', '--iters', '30', '--frames', '10', '--size', '320x200', '--out', join(dir, name)]);

  it('shows a progress bar when stderr is a terminal', async () => {
    const out = capture(false);
    const err = capture(true);
    expect(await runCli(args('tty.gif'), { stdout: out.stream, stderr: err.stream })).toBe(0);
    expect(err.text()).toMatch(/10\/10 frames/);
  });

  it('prints no bar when stderr is a pipe, and nothing at all with --quiet', async () => {
    const err = capture(false);
    expect(await runCli(args('pipe.gif'), { stdout: capture(false).stream, stderr: err.stream })).toBe(0);
    expect(err.text()).not.toMatch(/frames\s*$/m);
    expect(err.text()).toMatch(/^mlvis: wrote /);
    const quiet = capture(true);
    expect(await runCli([...args('quiet.gif'), '--quiet'], { stdout: capture(false).stream, stderr: quiet.stream })).toBe(0);
    expect(quiet.text()).toBe('');
  });

  it('with --progress json, an error found before the run is a JSON line too, not plain text', async () => {
    const cases: [string[], string][] = [
      [['linear', '--iters', '-1', '--out', join(dir, 'bad.gif')], '--iters: -1 must be at least 0'],
      [['linear', '--itres', '5'], "unknown option '--itres'; did you mean --iters?"],
      [['function', '--expr', 'x + * y', '--out', join(dir, 'e.png')], 'unexpected "*" at column 5'],
    ];
    for (const [argv, words] of cases) {
      const err = capture(false);
      expect(await runCli(cliArgv([...argv, '--progress', 'json']), { stdout: capture(false).stream, stderr: err.stream })).toBe(2);
      const lines = err.text().trimEnd().split('\n');
      expect(lines).toHaveLength(1); // no caret picture: a program reads these lines
      const event = JSON.parse(lines[0]) as { event: string; exit: number; message: string };
      expect(event).toMatchObject({ event: 'error', exit: 2 });
      expect(event.message).toContain(words);
    }
    // Without json, the same error is the usual line.
    const plain = capture(false);
    expect(await runCli(cliArgv(['linear', '--iters', '-1', '--out', join(dir, 'bad.gif')]), { stdout: capture(false).stream, stderr: plain.stream })).toBe(2);
    expect(plain.text()).toBe('mlvis: --iters: -1 must be at least 0\n');
  });
});
