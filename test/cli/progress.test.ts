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
});
