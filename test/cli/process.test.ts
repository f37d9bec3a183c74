import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { messages } from '../../src/errors';
import { BIN, mlvis } from '../helpers/cli';

/**
 * The few checks that need the real process: bin/mlvis.js turning runCli's result into the exit status, and real
 * pipes for stdout and stderr. Everything else runs in-process (errors.test.ts, summary.test.ts).
 */
describe('the real mlvis process (subprocess)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mlvis-process-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a successful run exits 0 with the summary on stdout', () => {
    const r = mlvis(['linear', '--iters', '200', '--summary', '-'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).iterations).toBe(200);
    expect(r.stderr).toBe('');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a usage error exits 2 with one line on stderr', () => {
    const r = mlvis(['linear', '--bogus'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^mlvis: unknown option '--bogus'/);
    expect(r.stderr.split('\n').filter((l) => l !== '')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe('');
  });

  it('a failed run exits 1 with one line on stderr', () => {
    const r = mlvis(['linear', '--data', 'nope/missing.csv', '--summary', '-'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`mlvis: ${messages.fileNotFound('nope/missing.csv')}\n`);
    expect(r.stdout).toBe('');
  });
});

describe('stdin and stdout (subprocess: real pipes)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mlvis-pipes-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const pipe = (args: string[], input?: string) =>
    spawnSync(process.execPath, [BIN, ...args], { cwd: dir, input, maxBuffer: 64 * 1024 * 1024 });

  it('--out - --format gif writes the same bytes to stdout as to a file, and nothing else', () => {
    const args = ['linear', '--iters', '30', '--frames', '5', '--size', '320x200'];
    const r = pipe([...args, '--out', '-', '--format', 'gif']);
    expect(r.status).toBe(0);
    expect(pipe([...args, '--out', 'f.gif', '--quiet']).status).toBe(0);
    expect(Buffer.compare(r.stdout, readFileSync(join(dir, 'f.gif')))).toBe(0);
    expect(r.stderr.toString()).toBe('');
    expect(readdirSync(dir)).toEqual(['f.gif']);
  });

  it('--data - reads the CSV from stdin', () => {
    const r = pipe(['linear', '--data', '-', '--summary', '-'], 'a,b\n1,2\n2,4\n3,6\n');
    expect(r.status).toBe(0);
    const s = JSON.parse(r.stdout.toString());
    expect(s.data).toMatchObject({ source: 'stdin', x: 'a', y: 'b', n: 3 });
    expect(s.optimum.w1).toBeCloseTo(2, 12);
  });

  it('refuses stdout twice and stdout without a format', () => {
    expect(pipe(['linear', '--out', '-', '--format', 'gif', '--summary', '-']).stderr.toString()).toBe(`mlvis: ${messages.stdoutTwice()}\n`);
    expect(pipe(['linear', '--out', '-']).stderr.toString()).toBe(`mlvis: ${messages.stdoutNeedsFormat()}\n`);
  });
});
