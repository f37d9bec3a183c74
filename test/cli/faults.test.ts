/** Faults at the edges: special files, permissions, stale and long temporary names, signals, closed pipes. */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, createReadStream, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { STALE_AFTER_MS } from '../../src/encode/atomic';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { messages } from '../../src/errors';
import { run } from '../../src/index';
import { descendOn, descendOnAsync, setUpProblem } from '../../src/engine';
import { MAX_ROW_CHARS, syntheticDataset } from '../../src/data';
import { MAX_PIXELS, MAX_TRAJECTORY_VALUES, resolveConfig } from '../../src/options/resolve';
import { usage } from '../helpers/usage';
import { BIN, mlvisInProcess } from '../helpers/cli';

const dir = mkdtempSync(join(tmpdir(), 'mlvis-faults-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const SMALL = ['--iters', '20', '--frames', '3', '--size', '320x200'];

describe('targets that are not plain new files', () => {
  it('a FIFO is written into, never renamed over', async () => {
    const fifo = join(dir, 'summary.fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const chunks: Buffer[] = [];
    const reader = new Promise<void>((resolve) => createReadStream(fifo).on('data', (c) => chunks.push(c as Buffer)).on('end', resolve));
    const r = await mlvisInProcess(['linear', '--iters', '200', '--summary', fifo]);
    await reader;
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(statSync(fifo).isFIFO()).toBe(true);
    expect(JSON.parse(Buffer.concat(chunks).toString()).iterations).toBe(200);
  });

  it('a replaced file keeps its owner and its set-id bits (as root)', async () => {
    const out = join(dir, 'owned.gif');
    writeFileSync(out, 'old');
    spawnSync('chown', ['nobody', out]);
    chmodSync(out, 0o2750);
    expect((await mlvisInProcess(['linear', ...SMALL, '--out', out])).code).toBe(0);
    expect(statSync(out).mode & 0o7777).toBe(0o2750);
    if (process.getuid?.() === 0) expect(statSync(out).uid).not.toBe(0);
  });

  it('a replaced file keeps its permission bits', async () => {
    const out = join(dir, 'private.gif');
    writeFileSync(out, 'old');
    chmodSync(out, 0o600);
    expect((await mlvisInProcess(['linear', ...SMALL, '--out', out])).code).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(readFileSync(out).subarray(0, 6).toString()).toBe('GIF89a');
  });

  it('a long name that the file system takes works, and a dead run’s temporary file is cleared', async () => {
    const sub = mkdtempSync(join(dir, 'names-'));
    const stale = join(sub, '.x.gif.mlvis-0123456789ab-abcdef12.tmp');
    writeFileSync(stale, 'left by a killed run');
    const expired = new Date(Date.now() - STALE_AFTER_MS - 60_000);
    utimesSync(stale, expired, expired);
    const long = join(sub, `${'a'.repeat(240)}.gif`);
    expect((await mlvisInProcess(['linear', ...SMALL, '--out', long])).code).toBe(0);
    expect(existsSync(long)).toBe(true);
    expect(existsSync(stale)).toBe(false);
  });

  it('a trajectory too large for one JSON text is refused before the work', () => {
    const iterations = Math.ceil(MAX_TRAJECTORY_VALUES / 4);
    expect(usage({ model: 'linear', iterations, trajectory: true })).toBe(messages.trajectoryTooLarge((iterations + 1) * 4, MAX_TRAJECTORY_VALUES));
  });
});

describe('signals and pipes (subprocess)', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)('%s stops a render: exit %i, no temporary file, the existing file untouched', async (signal, code) => {
    const sub = mkdtempSync(join(dir, `${signal}-`));
    const out = join(sub, 'a.gif');
    writeFileSync(out, 'old');
    const child = spawn(process.execPath, [BIN, 'linear', '--iters', '5000', '--frames', '5000', '--out', out], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    // Wait until the temporary file exists: the render is under way.
    while (!readdirSync(sub).some((f) => f.endsWith('.tmp'))) await new Promise((r) => setTimeout(r, 20));
    child.kill(signal);
    const exit = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(exit).toBe(code);
    expect(stderr).toBe(`mlvis: ${messages.interrupted()}\n`);
    expect(readdirSync(sub)).toEqual(['a.gif']);
    expect(readFileSync(out, 'utf8')).toBe('old');
  });

  it('a reader that closes stderr early only stops reading: the run goes on and writes its files (hostile review)', () => {
    const sub = mkdtempSync(join(dir, 'stderr-closed-'));
    writeFileSync(join(sub, 'k.gif'), 'OLD');
    const script = `"${process.execPath}" "${BIN}" linear --iters 300 --frames 300 --size 320x200 --out k.gif --progress json 2>&1 >/dev/null | head -c 100 >/dev/null; echo "\${PIPESTATUS[0]}"`;
    const r = spawnSync('bash', ['-c', script], { cwd: sub, encoding: 'utf8' });
    expect(r.stdout.trim()).toBe('0');
    expect(readFileSync(join(sub, 'k.gif')).subarray(0, 6).toString()).toBe('GIF89a');
    expect(readdirSync(sub)).toEqual(['k.gif']);
  });

  it('a stop while the summary waits for a FIFO reader says the files were written (hostile review)', async () => {
    const sub = mkdtempSync(join(dir, 'fifo-stop-'));
    const fifo = join(sub, 'sf');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    writeFileSync(join(sub, 'k.gif'), 'OLD');
    const child = spawn(process.execPath, [BIN, 'linear', '--iters', '50', '--frames', '5', '--size', '320x200', '--out', 'k.gif', '--summary', 'sf'], { cwd: sub, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    while (readFileSync(join(sub, 'k.gif')).subarray(0, 3).toString() !== 'GIF') await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGINT');
    const exit = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(exit).toBe(130);
    expect(stderr).toBe(`mlvis: ${messages.interruptedAfterWriting(['k.gif'])}\n`);
  });

  it('a stopped batch leaves an existing --summary file as it was (hostile review)', async () => {
    const sub = mkdtempSync(join(dir, 'batch-stop-'));
    writeFileSync(join(sub, 'sum.json'), 'OLD');
    writeFileSync(join(sub, 'jobs.json'), JSON.stringify([{ model: 'linear', iters: 3000, frames: 1500, out: 'a.gif' }, { model: 'linear', iters: 3000, frames: 1500, out: 'b.gif' }]));
    const child = spawn(process.execPath, [BIN, 'batch', 'jobs.json', '--summary', 'sum.json', '--jobs', '2'], { cwd: sub, stdio: ['ignore', 'ignore', 'pipe'] });
    while (!readdirSync(sub).some((f) => f.endsWith('.tmp') && f.includes('.gif.'))) await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGINT');
    const exit = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(exit).toBe(130);
    expect(readFileSync(join(sub, 'sum.json'), 'utf8')).toBe('OLD');
    expect(readdirSync(sub).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  }, 60_000);

  it('a reader that closes the pipe early ends the run quietly', () => {
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" linear --iters 20000 --trajectory --summary - | head -c 10 >/dev/null`], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
  });
});

describe('a long training hears a stop', () => {
  it('stops between slices of the descent, and slicing changes no number', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const t0 = Date.now();
    await expect(run({ model: 'logistic', points: 20000, iterations: 1_000_000 }, { signal: controller.signal })).rejects.toThrow(messages.interrupted());
    // The whole training would take over ten minutes (about 0.8 ms an iteration); stopping within 30 s, on
    // however loaded a machine, shows the stop was heard between slices. Not a speed test: a liveness one.
    expect(Date.now() - t0).toBeLessThan(30_000);
  });

  it('descendOnAsync is bit-identical to descendOn', async () => {
    const data = syntheticDataset('logistic', 300, 1, 's');
    const problem = setUpProblem(data, { model: 'logistic', standardize: false, init: [0, 0] });
    const settings = { optimizer: 'sgd' as const, iterations: 20000, batchSize: 8, momentum: 0.9, beta1: 0.9, eps: 1e-8, seed: 'x' };
    const a = descendOn(problem, settings);
    const b = await descendOnAsync(problem, settings, undefined, () => new Error('stopped'));
    expect(Buffer.from(b.trajectory.loss.buffer).equals(Buffer.from(a.trajectory.loss.buffer))).toBe(true);
    expect(Array.from(b.trajectory.w[1])).toEqual(Array.from(a.trajectory.w[1]));
  });
});

describe('work and numbers past what a run can hold', () => {
  it('refuses unbounded animations before any work, naming the limit', () => {
    expect(usage({ model: 'linear', iterations: 10_000_000, every: 1, out: 'a.gif' })).toBe(messages.everyTooMany(1, 10_000_000, 10_000_001, 100_000));
    // --every is no way around the 100,000-frame cap, however small the frames.
    expect(usage({ model: 'linear', iterations: 1_000_000, every: 5, width: 320, height: 120, out: 'a.gif' })).toBe(messages.everyTooMany(5, 1_000_000, 200_001, 100_000));
    // The count it suggests fits.
    expect(() => resolveConfig({ model: 'linear', iterations: 10_000_000, every: 101, width: 320, height: 120, out: 'a.gif' })).not.toThrow();
    expect(usage({ model: 'linear', hold: 3600, fps: 100, out: 'a.mp4' })).toBe(messages.tooMuchWork(360_100, 960, 480, MAX_PIXELS));
    // The same hold on a GIF is one frame's delay, not frames.
    expect(() => resolveConfig({ model: 'linear', hold: 3600, fps: 100, out: 'a.gif' })).not.toThrow();
  });

  it('says when the data overflows double precision instead of suggesting a rate of NaN', async () => {
    const csv = join(dir, 'huge.csv');
    writeFileSync(csv, 'x,y\n1e300,1\n2e300,2\n3e300,3.5\n');
    const r = await mlvisInProcess(['linear', '--data', csv, '--summary', '-']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`mlvis: ${messages.dataOverflows('x', 'y')}\n`);
  });
});

describe('endless stdin (subprocess)', () => {
  // Data is streamed, not held (limits in src/data/limits.ts): NUL bytes are refused in the first chunk, and
  // a line that never ends stops at the row length limit instead of growing one string without bound.
  it.each([
    ['linear --data - --summary -', messages.notText('stdin'), 300_000_000, 1, ''],
    ['linear --data - --summary -', messages.rowTooLong('stdin', MAX_ROW_CHARS), 300_000_000, 1, " | tr '\\0' a"],
    ['batch -', messages.jobsTooLarge('stdin', 64 * 1024 * 1024), 80_000_000, 2, ''],
  ])('%s stops at its limit with one line (%#)', (args, message, bytes, code, filter) => {
    const r = spawnSync('sh', ['-c', `head -c ${bytes} /dev/zero${filter} | "${process.execPath}" "${BIN}" ${args}`], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(code);
    expect(r.stderr).toBe(`mlvis: ${message}\n`);
  });
});

describe('third review', () => {
  it('refuses an output that reaches the data through a symbolic link, and a name too long, before any work', async () => {
    const sub = mkdtempSync(join(dir, 'link-'));
    writeFileSync(join(sub, 'd2.gif'), 'x,y\n1,2\n2,4\n3,7\n');
    spawnSync('ln', ['-s', 'd2.gif', join(sub, 'dl.gif')]);
    const r = await mlvisInProcess(['linear', '--data', join(sub, 'dl.gif'), '--out', join(sub, 'd2.gif')]);
    expect(r.code).toBe(2);
    expect(readFileSync(join(sub, 'd2.gif'), 'utf8')).toBe('x,y\n1,2\n2,4\n3,7\n');
    writeFileSync(join(sub, 'keep.gif'), 'old');
    const long = join(sub, `${'f'.repeat(252)}.png`);
    const r2 = await mlvisInProcess(['linear', '--out', join(sub, 'keep.gif'), '--out', long]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toBe(`mlvis: ${messages.nameTooLong(long, 255)}\n`);
    expect(readFileSync(join(sub, 'keep.gif'), 'utf8')).toBe('old');
  });

  it('says subnormal data is out of range instead of crashing', async () => {
    const csv = join(dir, 'tiny.csv');
    writeFileSync(csv, 'x,y\n1e-308,1e-308\n2e-308,3e-308\n4e-320,5e-320\n');
    const r = await mlvisInProcess(['linear', '--data', csv, '--out', join(dir, 'tiny.gif')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`mlvis: ${messages.dataOutOfRange('x', 'y')}\n`);
  });

  it('ignores options planted on Object.prototype, in run() and in a batch', async () => {
    const proto = Object.prototype as Record<string, unknown>;
    proto.foo = 1;
    try {
      expect((await run({ model: 'linear', iterations: 5 })).summary.iterations).toBe(5);
      expect(() => resolveConfig({ model: 'linear', iterations: 5 })).not.toThrow();
    } finally {
      delete proto.foo;
    }
  });

  it('a FIFO output with no reader gives way to a stop (subprocess)', async () => {
    const sub = mkdtempSync(join(dir, 'fifo-out-'));
    const fifo = join(sub, 'out.gif');
    spawnSync('mkfifo', [fifo]);
    const child = spawn(process.execPath, [BIN, 'linear', '--iters', '20', '--frames', '3', '--size', '320x200', '--out', fifo], { stdio: 'ignore' });
    await new Promise((r) => setTimeout(r, 1500));
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(code).toBe(143);
    expect(statSync(fifo).isFIFO()).toBe(true);
    expect(readdirSync(sub)).toEqual(['out.gif']);
  });
});

describe('runs in other PID namespaces on one folder (subprocess, unshare)', () => {
  // The README's shard set-up: one run on the host, another in a container on the same folder. The run in
  // the namespace cannot see the host run's PID; judged by PID it took the live run's temporary file for a
  // dead one's and deleted it, and the host run failed.
  const canUnshare = spawnSync('unshare', ['-pf', '--mount-proc', 'true']).status === 0;
  (canUnshare ? it : it.skip)('a run in a new PID namespace leaves a live run’s temporary file alone', async () => {
    const sub = mkdtempSync(join(dir, 'pidns-'));
    const host = spawn(process.execPath, [BIN, 'linear', '--iters', '3000', '--frames', '1500', '--out', join(sub, 'host.gif')], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    host.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => host.on('exit', (c) => resolve(c)));
    while (!readdirSync(sub).some((f) => f.endsWith('.tmp'))) await new Promise((r) => setTimeout(r, 20));
    const other = spawnSync('unshare', ['-pf', '--mount-proc', process.execPath, BIN, 'linear', ...SMALL, '--out', join(sub, 'other.gif')], { encoding: 'utf8' });
    expect(other.status).toBe(0);
    expect(await exited).toBe(0);
    expect(stderr).toMatch(/wrote .*host\.gif/);
    expect(readdirSync(sub).sort()).toEqual(['host.gif', 'other.gif']);
  }, 120_000);
});
