/**
 * A stop at any moment of any run (subprocess): SIGINT, SIGTERM or SIGHUP at a random moment gives 130, 143 or
 * 129 with one line on stderr, removes every temporary file, leaves every existing file as it was and leaves no
 * process behind; a run that finished before the signal came has exit 0 and its complete files. Never exit 0
 * with nothing written (issue 17: the GIF thread's last replies unref'd it while it stopped, the event loop ran
 * empty and Node exited 0 in about half the stops).
 *
 * The moments are seeded: a failure prints the seed and the try, and MLVIS_STOP_SEED=... replays it.
 * MLVIS_STOP_TRIES=N stops each kind of run N times (default 2; a soak: 40). MLVIS_STOP_BIN names another
 * build's bin/mlvis.js (to show that this test catches a bug in an older one).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import seedrandom from 'seedrandom';
import { BIN } from '../helpers/cli';

const SEED = process.env.MLVIS_STOP_SEED ?? String(Date.now());
const TRIES = Math.max(1, Number(process.env.MLVIS_STOP_TRIES ?? 2));
const dir = mkdtempSync(join(tmpdir(), 'mlvis-stops-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SIGNALS = [
  ['SIGINT', 130],
  ['SIGTERM', 143],
  ['SIGHUP', 129],
] as const;

/** A run to stop: its arguments in a folder, the files it writes, and what it reads on stdin. */
interface Kind {
  name: string;
  args: (folder: string) => string[];
  outputs: string[];
  env?: NodeJS.ProcessEnv;
  stdin?: string;
  /** The run writes its one output to stdout (read here, as `| cat > f` would). */
  toStdout?: boolean;
}

// Long enough that most moments fall inside the render, with many frames in flight to the GIF thread (the
// old bug needed that: a stop while the thread still had replies to send).
const LONG = ['--iters', '3000', '--frames', '1200'];
const JOBS = JSON.stringify({ defaults: { model: "linear", iterations: 3000, frames: 300, width: 480, height: 240 }, jobs: [{ out: 'b1.gif' }, { out: 'b2.mp4' }, { model: 'logistic', out: 'b3.gif' }] });
const CSV = 'x,y\n' + Array.from({ length: 400 }, (_, i) => `${(i / 40).toFixed(3)},${(2 * (i / 40) + 1 + Math.sin(i)).toFixed(4)}`).join('\n') + '\n';

const KINDS: Kind[] = [
  { name: 'GIF on a second thread', args: () => ['linear', ...LONG, '--out', 'k.gif'], outputs: ['k.gif'] },
  { name: 'GIF on the calling thread', args: () => ['linear', ...LONG, '--out', 'k.gif'], outputs: ['k.gif'], env: { MLVIS_THREADS: '1' } },
  { name: 'MP4', args: () => ['linear', ...LONG, '--out', 'k.mp4'], outputs: ['k.mp4'] },
  { name: 'WebM', args: () => ['linear', '--iters', '3000', '--frames', '120', '--size', '320x160', '--out', 'k.webm'], outputs: ['k.webm'] },
  { name: 'a %04d.png sequence', args: () => ['linear', '--iters', '3000', '--frames', '60', '--size', '320x160', '--out', 'seq/%04d.png'], outputs: ['seq/0000.png'] },
  { name: 'several --out', args: () => ['linear', ...LONG, '--out', 'k.gif', '--out', 'k.mp4', '--out', 'k.png'], outputs: ['k.gif', 'k.mp4', 'k.png'] },
  { name: '--out - to a pipe', args: () => ['linear', ...LONG, '--out', '-', '--format', 'gif'], outputs: [], toStdout: true },
  { name: 'a race of three', args: () => ['linear', ...LONG, '--optimizer', 'gd,momentum,adam', '--out', 'k.gif'], outputs: ['k.gif'] },
  { name: '--view 3d --orbit', args: () => ['linear', '--iters', '2000', '--frames', '200', '--size', '480x240', '--view', '3d', '--orbit', '360', '--out', 'k.gif'], outputs: ['k.gif'] },
  { name: 'a batch (the signal to the parent)', args: () => ['batch', 'jobs.json', '--jobs', '2'], outputs: ['b1.gif', 'b2.mp4', 'b3.gif'] },
  { name: '--data - from a pipe', args: () => ['linear', ...LONG, '--data', '-', '--out', 'k.gif'], outputs: ['k.gif'], stdin: CSV },
];

/** Processes still running with this mark in their environment: the run's own, its workers and its ffmpegs. */
function marked(mark: string): number[] {
  const found: number[] = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      if (readFileSync(`/proc/${pid}/environ`, 'latin1').includes(`MLVIS_STOP_MARK=${mark}\0`)) found.push(Number(pid));
    } catch {
      // gone, or not ours to read
    }
  }
  return found;
}

interface Outcome {
  /** The exit code; a process ended by the signal itself (before its handlers were installed) counts as 128 + its number, as a shell has it. */
  code: number | null;
  stderr: string;
  stdout: Buffer;
  signalled: boolean;
}

/** Runs a kind in `folder` and sends `signal` after `delay` ms (unless it has ended by then). */
function stopAt(kind: Kind, folder: string, signal: NodeJS.Signals, delay: number, mark: string, twice: boolean): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [process.env.MLVIS_STOP_BIN ?? BIN, ...kind.args(folder)], {
      cwd: folder,
      env: { ...process.env, ...kind.env, MLVIS_STOP_MARK: mark, XDG_CACHE_HOME: join(dir, 'cache') },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    const stdout: Buffer[] = [];
    let ended = false;
    let signalled = false;
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.on('data', (d: Buffer) => stdout.push(d));
    child.stdin.on('error', () => undefined);
    if (kind.stdin !== undefined) child.stdin.end(kind.stdin);
    else child.stdin.end();
    const timer = setTimeout(() => {
      if (!ended) signalled = child.kill(signal);
      // Every other try, a second signal 20 ms later (a user pressing Ctrl-C twice): it changes nothing.
      if (twice) setTimeout(() => !ended && child.kill(signal), 20);
    }, delay);
    // A run that never ends is a failure too: it is killed after a minute and reported with its exit.
    const hang = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('close', (exit, by) => {
      const code = exit ?? (by === signal ? SIGNALS.find(([s]) => s === by)![1] : null);
      ended = true;
      clearTimeout(timer);
      clearTimeout(hang);
      resolve({ code, stderr, stdout: Buffer.concat(stdout), signalled });
    });
  });
}

const OLD = 'old contents\n';

/** What is wrong with one stopped run, or '' when nothing is. */
async function judge(kind: Kind, folder: string, signal: NodeJS.Signals, code: number, o: Outcome, mark: string): Promise<string> {
  const problems: string[] = [];
  // Children (ffmpeg, batch workers) are given a moment to go after their parent.
  for (let i = 0; i < 40 && marked(mark).length > 0; i++) await new Promise((r) => setTimeout(r, 50));
  const left = marked(mark);
  if (left.length > 0) problems.push(`processes left: ${left.join(', ')}`);
  const temps = readdirSync(folder, { recursive: true }).map(String).filter((f) => f.endsWith('.tmp'));
  if (temps.length > 0) problems.push(`temporary files left: ${temps.join(', ')}`);
  const finished = o.code === 0;
  if (o.code !== 0 && o.code !== code) problems.push(`exit ${o.code}, expected ${code} (or 0 for a run that had finished)`);
  // A signal after the run had written everything ("wrote …") meets the default action once mlvis stopped
  // listening: 128 + n with whole files is right then; otherwise the interrupted line must say what happened.
  const reportedDone = /^mlvis: wrote /m.test(o.stderr) || (/^job\s+outputs/m.test(o.stderr) && !/failed|interrupted/.test(o.stderr));
  const finishedBeforeSignal = reportedDone && kind.outputs.every((f) => whole(f, readFileSync(join(folder, f))));
  if (o.code === code && o.stderr !== '' && !/^mlvis: .*interrupted/m.test(o.stderr) && !finishedBeforeSignal) problems.push(`exit ${code} without the interrupted line: ${JSON.stringify(o.stderr)}`);
  if (/^\s+at /m.test(o.stderr)) problems.push('a stack trace on stderr');
  if (finished) {
    // Exit 0: only for a run that really finished, with every file complete.
    if (kind.toStdout && !(o.stdout.subarray(0, 6).toString() === 'GIF89a' && o.stdout[o.stdout.length - 1] === 0x3b)) problems.push(`exit 0 with ${o.stdout.length} bytes on stdout, not a whole GIF`);
    for (const f of kind.outputs) if (readFileSync(join(folder, f), 'latin1') === OLD) problems.push(`exit 0 but ${f} was not written`);
  } else {
    if (kind.toStdout && o.stdout.length > 0) problems.push(`${o.stdout.length} bytes on stdout from a stopped run`);
    // A stop leaves every existing file as it was, or (a stop after the files were renamed into place) whole.
    for (const f of kind.outputs) {
      const bytes = readFileSync(join(folder, f));
      if (bytes.toString('latin1') !== OLD && !whole(f, bytes)) problems.push(`${f} is neither as it was nor a whole file`);
    }
  }
  return problems.length === 0 ? '' : `${kind.name}, ${signal} after the delay: ${problems.join('; ')}\nstderr: ${o.stderr}`;
}

function whole(name: string, bytes: Buffer): boolean {
  if (name.endsWith('.gif')) return bytes.subarray(0, 6).toString() === 'GIF89a' && bytes[bytes.length - 1] === 0x3b;
  if (name.endsWith('.png')) return bytes.readUInt32BE(0) === 0x89504e47 && bytes.subarray(bytes.length - 8, bytes.length - 4).toString() === 'IEND';
  return bytes.length > 1000; // a video: ffmpeg renamed it into place only once it had finished
}

describe(`a stop at a random moment (seed ${SEED}, ${TRIES} tries each)`, () => {
  const random = seedrandom(SEED);
  // Drawn up front, in order, so that one seed gives the same moments whichever tests run.
  const plan = KINDS.map((kind) =>
    Array.from({ length: TRIES }, () => {
      const [signal, code] = SIGNALS[Math.floor(random() * SIGNALS.length)];
      return { signal, code, delay: Math.round(150 + random() * 2350) };
    }),
  );

  it.each(KINDS.map((kind, i) => [kind.name, kind, i] as const))('%s', async (_name, kind, i) => {
    const failures: string[] = [];
    for (const [t, { signal, code, delay }] of plan[i].entries()) {
      const folder = join(dir, `k${i}-t${t}`);
      mkdirSync(join(folder, 'seq'), { recursive: true });
      for (const f of kind.outputs) writeFileSync(join(folder, f), OLD);
      writeFileSync(join(folder, 'jobs.json'), JOBS);
      const mark = `${process.pid}-${i}-${t}-${Date.now()}`;
      const o = await stopAt(kind, folder, signal, delay, mark, t % 2 === 1);
      const problem = await judge(kind, folder, signal, code, o, mark);
      if (problem) failures.push(`try ${t} (${signal}${t % 2 === 1 ? ' twice' : ''} after ${delay} ms; replay with MLVIS_STOP_SEED=${SEED}): ${problem}`);
      expect(existsSync(folder)).toBe(true);
    }
    expect(failures).toEqual([]);
  }, 240_000);
});
