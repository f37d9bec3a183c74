/** The new optimizers from the command line, in-process: a race of all five written as a GIF, and their flags. */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mlvisInProcess } from '../helpers/cli';

describe('mlvis linear --optimizer adamw,nadam,amsgrad,lion,newton', () => {
  it('races the five into one GIF, with each one in the summary', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mlvis-race5-'));
    try {
      const out = join(dir, 'x.gif');
      const summary = join(dir, 's.json');
      const r = await mlvisInProcess(['linear', '--optimizer', 'adamw,nadam,amsgrad,lion,newton', '--iters', '200', '--frames', '5', '--size', '480x240', '--out', out, '--summary', summary]);
      expect(r.code).toBe(0);
      expect(r.stderr).toContain(`mlvis: wrote ${out} (5 frames`);
      expect(readFileSync(out).subarray(0, 6).toString()).toBe('GIF89a');
      const s = JSON.parse(readFileSync(summary, 'utf8'));
      expect(s.series.map((x: { optimizer: string }) => x.optimizer)).toEqual(['adamw', 'nadam', 'amsgrad', 'lion', 'newton']);
      expect(s.series.map((x: { label: string }) => x.label)).toEqual(['AdamW', 'Nadam', 'AMSGrad', 'Lion', 'Newton']);
      expect(s.series.every((x: { diverged: unknown }) => x.diverged === null)).toBe(true);
      expect(s.series[4]).toMatchObject({ lr: 1, verdict: 'converged', iterations_to_99: 1, schedule: 'constant' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--weight-decay and --schedule are in --help; a bad --weight-decay is one line and writes nothing', async () => {
    const help = (await mlvisInProcess(['linear', '--help'])).stdout.replace(/\s+/g, ' ');
    expect(help).toContain('--weight-decay <d> adamw: decoupled weight decay (default 0.01)');
    expect(help).toMatch(/--schedule <schedule> learning-rate schedule: constant, step:EVERY:FACTOR/);
    expect(help).toMatch(/--optimizer .*adam, adamw, nadam, amsgrad, lion, newton/);
    const dir = mkdtempSync(join(tmpdir(), 'mlvis-wd-'));
    try {
      const out = join(dir, 'x.gif');
      const r = await mlvisInProcess(['linear', '--optimizer', 'adamw', '--weight-decay', '-1', '--out', out]);
      expect(r.code).toBe(2);
      expect(r.stderr.trim()).toBe('mlvis: --weight-decay: -1 must be at least 0');
      expect(existsSync(out)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
