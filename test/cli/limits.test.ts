/**
 * Under the machine's limits (`ulimit -n`, `ulimit -v`) a run fails with one line that names the resource and
 * the fix: never "unexpected error", a stack trace or "ffmpeg not found… reinstall". Real processes, each
 * under bash's ulimit.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { messages } from '../../src/errors';
import { BIN } from '../helpers/cli';

const dir = mkdtempSync(join(tmpdir(), 'mlvis-limits-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const RUN = ['linear', '--iters', '30', '--frames', '3', '--size', '320x200'];

/** mlvis under a ulimit: `limit` is what follows `ulimit` (for example "-n 20"). */
function limited(limit: string, args: string[]) {
  const r = spawnSync('bash', ['-c', `ulimit ${limit} && exec "$0" "$@"`, process.execPath, BIN, ...args], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, stderr: r.stderr };
}

/**
 * The smallest limit of open files under which mlvis starts at all (Node itself needs ~18; below that it
 * cannot load the launcher, which no code of mlvis can help), and the few above it where runs run out.
 */
const lowest = (() => {
  for (let n = 12; n <= 64; n++) if (limited(`-n ${n}`, ['--version']).code === 0) return n;
  throw new Error('mlvis does not start under any ulimit -n up to 64');
})();
const LIMITS = Array.from({ length: 7 }, (_, i) => lowest + i);

/**
 * Each run either succeeds or fails with exit 1 and the one line (a batch: the table, whose failed jobs give
 * the same reason, then the count). Returns how many runs ran out, so a test can require that some did.
 */
function expectTooManyFiles(args: string[], batch = false): number {
  let ranOut = 0;
  for (const n of LIMITS) {
    const r = limited(`-n ${n}`, args);
    const context = `ulimit -n ${n}: ${r.stderr}`;
    expect([context, r.code === 0 || r.code === 1]).toEqual([context, true]);
    expect([context, /unexpected error|not found|reinstall|\n\s+at |node:/.test(r.stderr)]).toEqual([context, false]);
    if (r.code !== 1) continue;
    ranOut++;
    if (!batch || !r.stderr.startsWith('job ')) {
      expect([context, r.stderr]).toEqual([context, `mlvis: ${messages.tooManyFiles()}\n`]);
    } else {
      for (const line of r.stderr.trim().split('\n').slice(1, -1)) expect([context, /\b(ok|failed: (.*))$/.exec(line)?.[2] ?? 'ok']).toEqual([context, expect.stringMatching(new RegExp(`^(ok|${escape(messages.tooManyFiles())})$`))]);
    }
  }
  return ranOut;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('too many open files (ulimit -n)', () => {
  it('a GIF run', () => {
    expect(expectTooManyFiles([...RUN, '--out', 'k.gif'])).toBeGreaterThan(0);
  }, 60_000);

  it('an MP4 run (ffmpeg is not "not found")', () => {
    expect(expectTooManyFiles([...RUN, '--out', 'k.mp4'])).toBeGreaterThan(0);
  }, 60_000);

  it('a batch of two workers', () => {
    const jobs = join(dir, 'jobs.json');
    const job = { model: 'linear', iterations: 30, frames: 3, width: 320, height: 200 };
    writeFileSync(jobs, JSON.stringify([{ ...job, out: 'a.gif' }, { ...job, out: 'b.mp4' }]));
    expect(expectTooManyFiles(['batch', jobs, '--jobs', '2'], true)).toBeGreaterThan(0);
  }, 60_000);
});

describe('out of memory (ulimit -v)', () => {
  // 1 GB of address space: Node starts, but a worker thread (EAGAIN) or the canvas library (dlopen) does not.
  // Smaller or larger limits can end in V8's or a native library's own fatal abort, which no JavaScript sees.
  it.each(['k.gif', 'k.mp4'])('%s: one line naming memory, exit 1', (out) => {
    const r = limited('-v 1000000', [...RUN, '--out', out]);
    expect(r).toEqual({ code: 1, stderr: `mlvis: ${messages.outOfMemory()}\n` });
  }, 30_000);
});
