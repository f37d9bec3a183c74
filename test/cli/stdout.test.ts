/**
 * stdout that cannot be written (subprocess: a real process, its stdout opened on /dev/full or on a pipe whose
 * reader is gone). A full device is one line naming stdout and the reason, exit 1, no stack (one with
 * --verbose); a reader that went away (| head) has all it wanted: the run ends quietly, as before.
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { messages } from '../../src/errors';
import { BIN } from '../helpers/cli';

const dir = mkdtempSync(join(tmpdir(), 'mlvis-stdout-'));
const FULL = messages.stdoutUnwritable('no space left on device', 'ENOSPC');

/** Runs mlvis with stdout on /dev/full (opened for writing only: nothing is ever stored there). */
function toFull(args: string[]): { status: number | null; stderr: string } {
  const fd = openSync('/dev/full', 'w');
  try {
    const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, stdio: ['ignore', fd, 'pipe'], encoding: 'utf8', timeout: 60_000 });
    return { status: r.status, stderr: r.stderr };
  } finally {
    closeSync(fd);
  }
}

const SMALL = ['--iters', '50', '--frames', '3', '--size', '320x200'];

describe('stdout on a full device (/dev/full)', () => {
  it.each([
    ['a GIF', ['function', 'himmelblau', ...SMALL, '--out', '-', '--format', 'gif']],
    ['a summary', ['function', 'himmelblau', '--iters', '50', '--summary', '-']],
    ['mlvis functions', ['functions']],
    ['mlvis datasets', ['datasets']],
    ['a regression PNG', ['linear', '--iters', '50', '--size', '320x200', '--out', '-', '--format', 'png']],
    ['the report of a run with no output', ['linear', '--iters', '50', '--quiet']],
  ])('%s: one line naming stdout and the reason, exit 1, no stack', (_what, args) => {
    const r = toFull(args as string[]);
    expect(r.stderr).toBe(`mlvis: ${FULL}\n`);
    expect(r.status).toBe(1);
  });

  it('a batch summary to stdout: the same line after the table', () => {
    const jobs = join(dir, 'jobs.json');
    writeFileSync(jobs, JSON.stringify([{ model: 'function', function: 'booth', iters: 20, frames: 2, width: 320, height: 200, out: join(dir, 'b.gif') }]));
    const r = toFull(['batch', jobs, '--jobs', '1', '--summary', '-', '--quiet']);
    expect(r.stderr.trimEnd().split('\n').pop()).toBe(`mlvis: ${FULL}`);
    expect(r.stderr).not.toMatch(/\n\s+at |mlvis\.cjs/);
    expect(r.status).toBe(1);
  });

  it('--verbose adds the stack', () => {
    const r = toFull(['function', 'booth', '--iters', '100', '--summary', '-', '--verbose']);
    expect(r.stderr.startsWith(`mlvis: ${FULL}\n`)).toBe(true);
    expect(r.stderr).toMatch(/\n\s+at /);
    expect(r.status).toBe(1);
  });

  it('leaves no temporary file beside a file output written before stdout failed', () => {
    const r = toFull(['function', 'booth', ...SMALL, '--out', join(dir, 'o.gif'), '--summary', '-']);
    expect(r.status).toBe(1);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('stdout into a pipe whose reader has gone', () => {
  it.each([
    ['a GIF', ['function', 'himmelblau', ...SMALL, '--out', '-', '--format', 'gif']],
    ['mlvis functions', ['functions']],
    ['a summary', ['function', 'himmelblau', '--iters', '50', '--summary', '-']],
  ])('%s: ends quietly, no stack, no temporary file', async (_what, args) => {
    const child = spawn(process.execPath, [BIN, ...(args as string[])], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    // Close the reading end before anything is written: every write meets EPIPE.
    child.stdout!.destroy();
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
