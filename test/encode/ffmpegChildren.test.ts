/**
 * ffmpeg as a child that mlvis can always end: the watchdog covers its whole life (after the last frame too),
 * a stop ends it and what it started whatever they do, and a grandchild that holds a pipe open never holds
 * mlvis. Stand-in ffmpeg scripts in a temporary folder play each misbehaviour.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { messages } from '../../src/errors';
import { resolveFfmpeg } from '../../src/encode/ffmpeg';
import { createEncoder, encodeAll } from '../../src/encode';
import { BIN } from '../helpers/cli';
import { frames, listing, optionsFor, tempFolder } from './helpers';

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ dir, cleanup } = await tempFolder()));
afterAll(() => cleanup());

/** A stand-in ffmpeg: `body` runs with $out set to the file ffmpeg was asked to write. */
async function fake(name: string, body: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, `#!/bin/sh\nfor last; do :; done\nout="\${last#file:}"\n${body}\n`);
  await chmod(path, 0o755);
  return path;
}

/** Whether a process is alive; a zombie (killed, not yet reaped by its new parent) is not. */
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
};

/** The pids a stand-in wrote to `file`, one a line. */
const pidsIn = (file: string) => readFileSync(file, 'utf8').trim().split('\n').map(Number);

/** Waits up to `ms` for every pid to be gone; returns those still alive. */
async function survivors(pids: number[], ms = 2000): Promise<number[]> {
  const until = Date.now() + ms;
  while (pids.some(alive) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
  return pids.filter(alive);
}

test('an ffmpeg that keeps its file growing after the last frame is stopped by the watchdog', async () => {
  const pids = join(dir, 'growing.pids');
  const ffmpegPath = await fake('growing.sh', `echo $$ > '${pids}'\ncat > /dev/null\nwhile :; do echo x >> "$out"; sleep 0.05; done`);
  const path = join(dir, 'growing.mp4');
  const t0 = Date.now();
  await expect(encodeAll(createEncoder('mp4', optionsFor(path, { frameCount: 3, ffmpegPath, watchdogMs: 800 })), frames(3))).rejects.toThrow(
    messages.ffmpegStuck(0.8, 'exit after its last frame'),
  );
  expect(Date.now() - t0).toBeLessThan(5000);
  expect(await survivors(pidsIn(pids))).toEqual([]);
  expect((await listing(dir)).filter((n) => n.includes('growing.mp4'))).toEqual([]);
}, 15_000);

test('a stop ends an ffmpeg that ignores SIGTERM, the children it started and one that left its group (setsid)', async () => {
  const pids = join(dir, 'stubborn.pids');
  // Ignores SIGTERM (its children inherit that), starts a child and a child in a session of its own, and
  // never reads a frame.
  const ffmpegPath = await fake('stubborn.sh', `trap '' TERM\necho $$ > '${pids}'\nsleep 30 &\necho $! >> '${pids}'\nsetsid sleep 30 &\necho $! >> '${pids}'\nwhile :; do sleep 0.05; done`);
  const controller = new AbortController();
  const encoder = createEncoder('mp4', optionsFor(join(dir, 'stubborn.mp4'), { frameCount: 40, ffmpegPath, signal: controller.signal }));
  const stopped = encodeAll(encoder, frames(40));
  // Stop once the stand-in has started both children.
  while (!existsSync(pids) || pidsIn(pids).length < 3) await new Promise((r) => setTimeout(r, 20));
  const t0 = Date.now();
  controller.abort();
  await expect(stopped).rejects.toThrow(messages.interrupted());
  expect(Date.now() - t0).toBeLessThan(4000);
  expect(await survivors(pidsIn(pids))).toEqual([]);
  expect((await listing(dir)).filter((n) => n.includes('stubborn.mp4'))).toEqual([]);
}, 15_000);

describe('mlvis as a process', () => {
  const RUN = ['linear', '--iters', '30', '--frames', '3', '--size', '320x200'];

  test('a grandchild that keeps stderr open does not hold mlvis after the file is written, and is ended', async () => {
    const pids = join(dir, 'holder.pids');
    const real = await resolveFfmpeg();
    const ffmpegPath = await fake('holder.sh', `sleep 20 >&2 &\necho $! > '${pids}'\nexec '${real}' "$@"`);
    const out = join(dir, 'held.mp4');
    const t0 = Date.now();
    const r = spawnSync(process.execPath, [BIN, ...RUN, '--out', out, '--ffmpeg', ffmpegPath], { encoding: 'utf8', timeout: 15_000 });
    expect(r.stderr).toMatch(/^mlvis: wrote .*held\.mp4/);
    expect(r.status).toBe(0);
    expect(Date.now() - t0).toBeLessThan(8000);
    expect(await survivors(pidsIn(pids))).toEqual([]);
  }, 20_000);

  test('SIGTERM to mlvis while ffmpeg keeps its file growing after the last frame: exit 143 at once, ffmpeg ended, no temporary file', async () => {
    const pids = join(dir, 'grower.pids');
    const ready = join(dir, 'grower.ready');
    const ffmpegPath = await fake('grower.sh', `echo $$ > '${pids}'\ncat > /dev/null\ntouch '${ready}'\nwhile :; do echo x >> "$out"; sleep 0.05; done`);
    const folder = join(dir, 'grower-out');
    const child = spawn(process.execPath, [BIN, ...RUN, '--out', join(folder, 'k.mp4'), '--ffmpeg', ffmpegPath], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // Signal once every frame is in and ffmpeg is "finishing".
    while (!existsSync(ready)) await new Promise((r) => setTimeout(r, 20));
    const t0 = Date.now();
    child.kill('SIGTERM');
    expect(await exited).toBe(143);
    expect(Date.now() - t0).toBeLessThan(4000);
    expect(stderr).toBe(`mlvis: ${messages.interrupted()}\n`);
    expect(await survivors(pidsIn(pids))).toEqual([]);
    // No temporary file, and the folder mlvis created for the output, left empty, is gone too.
    expect(existsSync(folder)).toBe(false);
  }, 20_000);
});

test('after a run that succeeds, a child the ffmpeg started in a session of its own (setsid) goes too (hostile review)', async () => {
  const pids = join(dir, 'setsid-ok.pids');
  const real = await resolveFfmpeg();
  // Only the encoding run (it reads frames from pipe:0) leaves a child behind; the probes (-version) do not.
  const ffmpegPath = await fake('setsid-ok.sh', `case "$*" in *pipe:0*) setsid sleep 300 </dev/null >/dev/null 2>&1 & echo $! > '${pids}';; esac\nexec '${real}' "$@"`);
  const path = join(dir, 'setsid-ok.mp4');
  const result = await encodeAll(createEncoder('mp4', optionsFor(path, { frameCount: 3, ffmpegPath })), frames(3));
  expect(result.bytes).toBeGreaterThan(0);
  expect(await survivors(pidsIn(pids))).toEqual([]);
}, 15_000);
