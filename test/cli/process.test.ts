import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { messages } from '../../src/errors';
import { mlvis } from '../helpers/cli';

/**
 * The few checks that need the real process: bin/mlvis.js turning runCli's result into the exit status, and real
 * pipes for stdout and stderr. Everything else runs in-process (errors.test.ts, summary.test.ts).
 */
describe('the real mlvis process (subprocess)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mlvis-process-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a successful run exits 0 with the summary on stdout', () => {
    const r = mlvis(['linear', '--iters', '5', '--summary', '-'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).iterations).toBe(5);
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
