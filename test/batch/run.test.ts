/** Batches end to end: worker processes (dist/batch/worker.js, built by npm test), files, manifests. */
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { execFileSync, spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { runBatch, type BatchEvent } from '../../src/batch';
import { manifestPath, messages, MlvisError, run, type Manifest } from '../../src/index';
import { BIN, mlvisInProcess } from '../helpers/cli';
import { once } from 'node:events';

const dir = mkdtempSync(join(tmpdir(), 'mlvis-batch-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const SMALL = { iterations: 40, frames: 4, width: 320, height: 200 };
/** A stand-in ffmpeg that kills the worker process that started it. */
function parentKiller(folder: string): string {
  const path = join(folder, 'kill-parent.sh');
  writeFileSync(path, '#!/bin/sh\nkill -9 $PPID\nsleep 5\n');
  chmodSync(path, 0o755);
  return path;
}
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('runBatch', () => {
  it('a failing job and a crashing worker fail alone; the other jobs are written', async () => {
    const sub = mkdtempSync(join(dir, 'mixed-'));
    const killer = parentKiller(sub);
    const events: BatchEvent[] = [];
    const results = await runBatch(
      [
        { model: 'linear', ...SMALL, out: join(sub, 'a.gif') },
        { model: 'linear', ...SMALL, data: join(sub, 'missing.csv'), out: join(sub, 'b.gif') },
        { model: 'linear', ...SMALL, ffmpeg: killer, out: join(sub, 'c.mp4') },
        { model: 'logistic', ...SMALL, out: join(sub, 'd.gif') },
      ],
      { jobs: 2, onProgress: (e) => events.push(e) },
    );
    expect(results.map((r) => r.status)).toEqual(['ok', 'failed', 'failed', 'ok']);
    expect(results[1].error).toMatch(/data file not found/);
    expect(results[2].error).toMatch(/worker process died \(signal SIGKILL\)/);
    expect(existsSync(join(sub, 'a.gif')) && existsSync(join(sub, 'd.gif'))).toBe(true);
    expect(existsSync(join(sub, 'c.mp4'))).toBe(false);
    expect(events.filter((e) => e.event === 'job').map((e) => (e as { job: number }).job).sort()).toEqual([0, 1, 2, 3]);
  });

  it('a shard renders every N-th job, 1-based', async () => {
    const sub = mkdtempSync(join(dir, 'shard-'));
    const jobs = Array.from({ length: 5 }, (_, i) => ({ model: 'linear' as const, ...SMALL, out: join(sub, `j${i}.png`) }));
    const results = await runBatch(jobs, { jobs: 2, shard: [2, 3] });
    expect(results.map((r) => r.job)).toEqual([1, 4]);
    expect([0, 1, 2, 3, 4].map((i) => existsSync(join(sub, `j${i}.png`)))).toEqual([false, true, false, false, true]);
  });
});

describe('manifests and up-to-date checks', () => {
  it('writes OUT.json with hashes that match, skips an unchanged job, re-renders when the data changes', async () => {
    const sub = mkdtempSync(join(dir, 'manifest-'));
    const csv = join(sub, 'd.csv');
    writeFileSync(csv, 'x,y\n1,2\n2,4.5\n3,5.5\n4,8\n');
    const job = { model: 'linear' as const, ...SMALL, data: csv, manifest: true, out: [join(sub, 'fit.gif'), join(sub, 'fit.png')] };
    const first = await runBatch([job], { jobs: 1 });
    expect(first[0].status).toBe('ok');
    for (const out of job.out) {
      const m = JSON.parse(readFileSync(manifestPath(out), 'utf8')) as Manifest;
      // Paths relative to the manifest's folder: a project moved elsewhere keeps its manifests valid.
      expect(m.files).toEqual([{ path: basename(out), sha256: sha(out), bytes: readFileSync(out).length }]);
      expect(m.options.out).toEqual(['fit.gif', 'fit.png']);
      expect(m.options.data).toBe('d.csv');
      expect(m.data_sha256).toBe(sha(csv));
      expect(m.options).toMatchObject({ model: 'linear', iterations: 40, manifest: true });
      expect(m.mlvis).toBe(require('../../package.json').version);
    }
    const again = await runBatch([job], { jobs: 1 });
    expect(again[0].status).toBe('up to date');
    expect(again[0].outputs.map((f) => [f.path, f.frames])).toEqual([[job.out[0], 4], [job.out[1], 1]]);
    expect((await runBatch([job], { jobs: 1, force: true }))[0].status).toBe('ok');
    writeFileSync(csv, 'x,y\n1,2\n2,4.5\n3,5.5\n4,9\n');
    expect((await runBatch([job], { jobs: 1 }))[0].status).toBe('ok');
    // An output changed by hand is stale too.
    writeFileSync(job.out[1], 'not the picture');
    expect((await runBatch([job], { jobs: 1 }))[0].status).toBe('ok');
    expect((await runBatch([{ ...job, iterations: 41 }], { jobs: 1, dryRun: true }))[0].status).toBe('would render');
  });

  it('survives a move of the whole folder, and a rewrite without --manifest removes the stale manifest', async () => {
    const sub = mkdtempSync(join(dir, 'move-'));
    const job = { model: 'linear' as const, ...SMALL, manifest: true, out: join(sub, 'a', 'fit.gif') };
    await runBatch([job], { jobs: 1 });
    const moved = `${sub}-moved`;
    renameSync(sub, moved);
    expect((await runBatch([{ ...job, out: join(moved, 'a', 'fit.gif') }], { jobs: 1 }))[0].status).toBe('up to date');
    await run({ model: 'linear', ...SMALL, out: join(moved, 'a', 'fit.gif') });
    expect(existsSync(join(moved, 'a', 'fit.gif.json'))).toBe(false);
    rmSync(moved, { recursive: true, force: true });
  });
});

describe('mlvis batch (CLI, in-process; the workers are processes)', () => {
  it('reads stdin, prints the table, writes the summary array, and exits 1 when a job failed', async () => {
    const sub = mkdtempSync(join(dir, 'cli-'));
    const jobs = JSON.stringify({ defaults: SMALL, jobs: [{ model: 'linear', out: 'ok.gif' }, { model: 'linear', data: 'nope.csv' }] });
    const file = join(sub, 'jobs.json');
    writeFileSync(file, jobs);
    const r = await mlvisInProcess(['batch', file, '--jobs', '2', '--summary', '-']);
    expect(r.code).toBe(1);
    const summary = JSON.parse(r.stdout);
    expect(summary.map((s: { job: number; status: string }) => [s.job, s.status])).toEqual([[0, 'ok'], [1, 'failed']]);
    expect(summary[0].outputs[0].path).toBe(join(sub, 'ok.gif'));
    expect(r.stderr).toMatch(/job\s+outputs\s+frames\s+seconds\s+bytes\s+status/);
    expect(r.stderr).toMatch(/1 of 2 jobs failed/);
  });

  it('--progress json gives one line per frame and per job', async () => {
    const sub = mkdtempSync(join(dir, 'json-'));
    const file = join(sub, 'jobs.json');
    writeFileSync(file, JSON.stringify([{ model: 'linear', ...SMALL, momentum: 0.5, out: 'a.gif' }]));
    const r = await mlvisInProcess(['batch', file, '--progress', 'json']);
    expect(r.code).toBe(0);
    const lines = r.stderr.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.filter((l) => l.event === 'frame').map((l) => l.done)).toEqual([1, 2, 3, 4]);
    expect(lines.find((l) => l.event === 'warning')).toMatchObject({ job: 0, code: 'optionIgnored', message: expect.stringContaining('momentum') });
    expect(lines[lines.length - 1]).toMatchObject({ event: 'job', job: 0, status: 'ok', outputs: [{ path: join(sub, 'a.gif'), format: 'gif', frames: 4, bytes: expect.any(Number) }], planned: [join(sub, 'a.gif')] });
  });

  it('--quiet: a failed job still says why, on a line of its own, as the table would have', async () => {
    const sub = mkdtempSync(join(dir, 'quiet-fail-'));
    const file = join(sub, 'jobs.json');
    writeFileSync(file, JSON.stringify([{ model: 'linear', data: join(sub, 'absent.csv'), ...SMALL, out: join(sub, 'f.gif') }, { model: 'linear', ...SMALL, out: join(sub, 'ok.gif') }]));
    const r = await mlvisInProcess(['batch', file, '--quiet']);
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')).toEqual([`mlvis: job 0: data file not found: ${join(sub, 'absent.csv')} (check the path, or run "mlvis datasets" for the built-in data sets)`, 'mlvis: 1 of 2 jobs failed', '']);
  });

  it('a line break in an output name is quoted in the table, which keeps one line per job', async () => {
    const sub = mkdtempSync(join(dir, 'newline-'));
    const file = join(sub, 'jobs.json');
    writeFileSync(file, JSON.stringify([{ model: 'linear', ...SMALL, out: join(sub, 'new\nline.png') }]));
    const r = await mlvisInProcess(['batch', file, '--quiet']);
    expect(r.code).toBe(0);
    expect(existsSync(join(sub, 'new\nline.png'))).toBe(true);
    const table = tableOf(await mlvisInProcess(['batch', file]));
    expect(table).toHaveLength(2);
    expect(table[1]).toContain(JSON.stringify(join(sub, 'new\nline.png')));
  });

  it('refuses a bad shard and a bad --jobs', async () => {
    for (const args of [['--shard', '3/2'], ['--shard', '0/2'], ['--jobs', '0']]) {
      const r = await mlvisInProcess(['batch', '/nonexistent.json', ...args]);
      expect(r.code).toBe(2);
      expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    }
  });
});

describe('review fixes', () => {
  it('a dead worker’s temporary files are removed', async () => {
    const sub = mkdtempSync(join(dir, 'deadtmp-'));
    const killer = parentKiller(sub);
    const r = await runBatch([{ model: 'linear', ...SMALL, ffmpeg: killer, out: [join(sub, 'a.gif'), join(sub, 'a.mp4')] }], { jobs: 1 });
    expect(r[0].status).toBe('failed');
    expect(readdirSync(sub).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('an already-stopped signal renders nothing; bad options and a throwing callback are handled', async () => {
    const sub = mkdtempSync(join(dir, 'opts-'));
    const jobs = [{ model: 'linear' as const, ...SMALL, out: join(sub, 'a.png') }];
    expect((await runBatch(jobs, { signal: AbortSignal.abort() })).map((r) => r.status)).toEqual(['interrupted']);
    expect(existsSync(join(sub, 'a.png'))).toBe(false);
    await expect(runBatch(jobs, { jobs: NaN })).rejects.toThrow(MlvisError);
    await expect(runBatch(jobs, { shard: [0, 2] })).rejects.toThrow(MlvisError);
    const r = await runBatch(jobs, {
      jobs: 1,
      onProgress: () => {
        throw new Error('a bad callback');
      },
    });
    expect(r[0].status).toBe('ok');
  });

  it('refuses what would overwrite a jobs file, a job’s data, or a manifest', async () => {
    const sub = mkdtempSync(join(dir, 'clash-'));
    writeFileSync(join(sub, 'd.csv'), 'x,y\n1,2\n2,4\n3,7\n');
    const file = join(sub, 'jobs.json');
    writeFileSync(file, JSON.stringify([{ model: 'linear', out: 'o1.png' }, { model: 'linear', data: 'd.csv', out: 'o2.png' }]));
    for (const target of ['o1.png', 'jobs.json', 'd.csv']) {
      const r = await mlvisInProcess(['batch', file, '--summary', join(sub, target)]);
      expect(r.code).toBe(2);
    }
    expect(readFileSync(file, 'utf8')).toMatch(/o1\.png/);
    const selfJobs = join(sub, 'fit.gif.json');
    writeFileSync(selfJobs, JSON.stringify([{ model: 'linear', out: 'fit.gif', manifest: true }, { model: 'linear', out: 'd.csv.png', data: 'fit.gif.json' }]));
    const r = await mlvisInProcess(['batch', selfJobs]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/writes over the data of jobs\[1\]/);
    const stdoutJob = join(sub, 'stdout.json');
    writeFileSync(stdoutJob, JSON.stringify([{ model: 'linear', out: '-', format: 'gif' }]));
    expect((await mlvisInProcess(['batch', stdoutJob])).stderr).toMatch(/jobs\[0\]\.out: "-" \(stdout\) is for a single run/);
  });
});

/** The table's lines on stderr: from its header on. */
function tableOf(r: { stderr: string }): string[] {
  const lines = r.stderr.split('\n').filter(Boolean);
  return lines.slice(lines.findIndex((l) => /^job\s+outputs/.test(l)));
}

describe('a jobs file that is a FIFO', () => {
  it('Ctrl-C while it waits for its writer exits 130 with the interrupted message', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'mlvis-jobfifo-'));
    try {
      const fifo = join(folder, 'jobs.fifo');
      execFileSync('mkfifo', [fifo]);
      const child = spawn(process.execPath, [BIN, 'batch', fifo], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (b: Buffer) => (stderr += b));
      await new Promise((resolve) => setTimeout(resolve, 700));
      child.kill('SIGINT');
      const [code, signal] = (await once(child, 'close')) as [number | null, string | null];
      expect([code, signal]).toEqual([130, null]);
      expect(stderr).toBe(`mlvis: ${messages.interrupted()}\n`);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });


  it('is read without blocking, and its errors name a jobs file, not a data file', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'mlvis-jobfifo-'));
    try {
      const fifo = join(folder, 'jobs.fifo');
      execFileSync('mkfifo', [fifo]);
      // More than the 64 MB a jobs file may hold, from a writer that never stops on its own.
      const writer = spawn('sh', ['-c', `head -c 70000000 /dev/zero > "${fifo}"`], { stdio: 'ignore' });
      const r = await mlvisInProcess(['batch', fifo]);
      writer.kill();
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`mlvis: ${messages.jobsTooLarge(fifo, 64 * 1024 * 1024)}\n`);
      expect(r.stderr).not.toMatch(/data file/);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('mlvis batch flags and help (issue 17)', () => {
  it('--manifest writes a manifest for every job; --force, --quiet and --progress are taken too', async () => {
    const sub = mkdtempSync(join(dir, 'flags-'));
    const file = join(sub, 'jobs.json');
    writeFileSync(file, JSON.stringify({ defaults: { model: 'linear', ...SMALL }, jobs: [{ out: 'a.png' }, { out: 'b.png', manifest: false }] }));
    const first = await mlvisInProcess(['batch', file, '--manifest', '--quiet']);
    expect([first.code, first.stderr]).toEqual([0, '']);
    expect(existsSync(join(sub, 'a.png.json')) && existsSync(join(sub, 'b.png.json'))).toBe(true);
    const again = await mlvisInProcess(['batch', file, '--manifest', '--progress', 'json']);
    const jobs = () => again.stderr.trim().split('\n').map((l) => JSON.parse(l)).filter((l) => l.event === 'job').map((l) => l.status);
    expect([again.code, jobs()]).toEqual([0, ['up to date', 'up to date']]);
    const forced = await mlvisInProcess(['batch', file, '--manifest', '--force', '--quiet', '--progress', 'json']);
    expect(forced.code).toBe(0);
    expect(forced.stderr.trim().split('\n').map((l) => JSON.parse(l)).filter((l) => l.event === 'job').map((l) => l.status)).toEqual(['ok', 'ok']);
  });

  it('--help shows a jobs file in the command line’s spellings, the manifest key and the key naming', async () => {
    const r = await mlvisInProcess(['batch', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(messages.batchHelp());
    expect(r.stdout).toMatch(/"manifest": true/);
    expect(r.stdout).toMatch(/camelCase \(iters/);
  });
});

test('a warning several jobs share is said once, then which other jobs had it (issue 17)', async () => {
  const sub = mkdtempSync(join(dir, 'once-'));
  const file = join(sub, 'jobs.json');
  writeFileSync(file, JSON.stringify({ defaults: { model: 'linear', iterations: 5, momentum: 0.5 }, jobs: [{ seed: 'a' }, { seed: 'b' }, { seed: 'c' }] }));
  const r = await mlvisInProcess(['batch', file, '--jobs', '2']);
  expect(r.code).toBe(0);
  // Workers finish in any order: one job's line first, then the other two named in one line.
  const lines = r.stderr.split('\n').filter((l) => l.includes('momentum is ignored'));
  expect(lines).toHaveLength(2);
  const [first, jobs] = [Number(/^mlvis: warning: job (\d): /.exec(lines[0])![1]), [0, 1, 2]];
  const said = lines[0].replace(/^mlvis: warning: job \d: /, '');
  expect(lines[1]).toBe(`mlvis: warning: ${messages.alsoInJobs(jobs.filter((j) => j !== first), said)}`);
  expect(r.stderr).not.toMatch(/ too: /);
});

test('an up-to-date job reports the summary it gave when it rendered, also after a move (issue 17)', async () => {
  const sub = mkdtempSync(join(dir, 'cached-'));
  writeFileSync(join(sub, 'd.csv'), 'x,y\n1,2\n2,4.5\n3,5.5\n4,8\n5,\n');
  const jobs = {
    defaults: { model: 'linear', ...SMALL, manifest: true },
    jobs: [{ data: 'd.csv', out: ['a.gif', 'a.png'] }, { lr: '0.1,0.2', out: 's.png' }, { model: 'logistic', data: 'penguins', trajectory: true, out: 'p/%02d.png' }],
  };
  writeFileSync(join(sub, 'jobs.json'), JSON.stringify(jobs));
  const summaries = async (folder: string) => {
    const r = await mlvisInProcess(['batch', join(folder, 'jobs.json'), '--summary', '-', '--quiet']);
    expect(r.code).toBe(0);
    return (JSON.parse(r.stdout) as { status: string; seconds: number }[]).map(({ status, seconds, ...rest }) => ({ status, seconds: typeof seconds, rest }));
  };
  const cold = await summaries(sub);
  expect(cold.map((s) => s.status)).toEqual(['ok', 'ok', 'ok']);
  expect(Object.keys(cold[0].rest).length).toBeGreaterThan(15);
  const moved = `${sub}-moved`;
  renameSync(sub, moved);
  const cached = await summaries(moved);
  expect(cached.map((s) => s.status)).toEqual(['up to date', 'up to date', 'up to date']);
  // The same summary, key for key and in order, with the paths of where the project now is.
  const there = JSON.parse(JSON.stringify(cold.map((s) => s.rest)).split(sub).join(moved));
  expect(JSON.stringify(cached.map((s) => s.rest))).toBe(JSON.stringify(there));
  rmSync(moved, { recursive: true, force: true });
});
