import type { RunConfig, OutputSpec } from '../config';
import { withSuffix } from '../config';
import { formatApplies } from '../encode/formats';
import { kindOf } from '../options/outputs';
import { chooseFrames } from '../engine';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { asUnwritable, createTemp, finishTemp, removeQuietly } from '../encode/atomic';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Commit, Encoder, OutputFormat } from '../encode';
import { messages, runError } from '../errors';
import type { Renderer } from '../render';
import type { WrittenFile } from '../summary';
import type { FrameTime, LossGrid, PlanePath, Scene, Trajectory } from '../types';
import type { Warn, Warning } from '../warnings';
import { reclaimFrames } from './reclaim';
import { VERSION } from './manifest';
import { DRAWING_ADDRESS_SPACE, roomForAddressSpace } from '../limits';

/** What animate wrote: the files, and the bytes of the output to stdout (`--out -`), if there is one. */
export interface Animated {
  files: WrittenFile[];
  stdout?: Buffer;
}

export interface AnimateHooks {
  /** Details for --verbose: which ffmpeg runs. */
  log?: (message: string) => void;
  /** Where finished files wait until every output of the run has succeeded (see encode/atomic.ts). */
  commit?: Commit;
  /** Called after each animation frame is encoded (into every animated output). */
  progress?: (done: number, total: number) => void;
  /** Stops the run between frames; every output is then removed, never left half-written. */
  signal?: AbortSignal;
  /** The environment that chooses ffmpeg (MLVIS_FFMPEG, PATH) when no --ffmpeg is given; default process.env. */
  env?: NodeJS.ProcessEnv;
  /**
   * Threads the run may use, this one included (default: the number of cores). 1 starts none: a pass over a
   * large data set's rows and a GIF's encoding then stay on the calling thread (a batch worker sharing the
   * cores with others). The results are the same bits whatever the number.
   */
  threads?: number;
}

/** GIFs and interactive pages above this many bytes draw a warning: pages and READMEs load them whole. */
export const LARGE_GIF = 10 * 1024 * 1024;

/** A warning for each GIF or interactive page over `limit` bytes. */
export function largeGifs(written: readonly WrittenFile[], limit = LARGE_GIF): Warning[] {
  return written
    .filter((f) => (f.format === 'gif' || formatApplies(f.format)?.scene) && f.bytes > limit)
    .map((f) => ({ code: f.format === 'gif' ? 'largeGif' : 'largePage', path: f.path, bytes: f.bytes }));
}

/**
 * Stage 4: the renderer. Loaded on first use, like the encoders: canvas and d3 take about
 * 100 ms to load, which a --summary run, `mlvis datasets` or --help should not pay.
 */
export function createRenderer(scene: Scene): Renderer {
  return (require('../render') as typeof import('../render')).createRenderer(scene);
}

/** Stage 5: an encoder for one output file (see src/encode/encoder.ts). */
export function createEncoder(format: OutputFormat, options: import('../encode').EncoderOptions): Encoder {
  return (require('../encode') as typeof import('../encode')).createEncoder(format, options);
}

/** The iterations of the animation: every animated output shows the same frames, chosen over all paths. */
export function animationFrames(config: RunConfig, scene: Scene): number[] {
  const choice = { frames: config.frames, every: config.every, sample: config.sample };
  // Many starts: every path on the one surface, as one clock.
  if (scene.starts) return chooseFrames(scene.starts.paths.map((p) => ({ w: [p.u, p.v], loss: p.loss })), { ...choice, w0Range: scene.grid.uRange, w1Range: scene.grid.vRange });
  // Side by side, each path is measured in its own window, as a share of it: one frame clock for both.
  if (scene.sides) return chooseFrames(scene.sides.map((s) => inWindow(s.plane.paths[0], s.grid)), { ...choice, w0Range: [0, 1], w1Range: [0, 1] });
  return chooseFrames(
    // In the surface's plane, where "distance travelled" is measured as it appears on screen.
    scene.surface.paths.map((p) => ({ w: [p.u, p.v], loss: p.loss })),
    { ...choice, w0Range: scene.grid.uRange, w1Range: scene.grid.vRange },
  );
}

/** A path as shares of a grid's window (0 at one edge, 1 at the other), so paths on different surfaces compare. */
function inWindow(t: PlanePath, grid: LossGrid): Trajectory {
  const share = (v: Float64Array, [lo, hi]: readonly [number, number]) => v.map((x) => (x - lo) / (hi - lo || 1));
  return { w: [share(t.u, grid.uRange), share(t.v, grid.vRange)], loss: t.loss };
}

/**
 * Every iteration a run draws from this scene: the animation's frames (when it writes one) and its stills,
 * as encodeStills resolves them ("last", or past a divergence, is the last iteration).
 */
export function shownIterations(config: RunConfig, scene: Scene): number[] {
  const animated = config.outputs.some((o) => kindOf(o) !== 'still');
  const stills = config.outputs.filter((o) => kindOf(o) === 'still');
  const out = animated ? animationFrames(config, scene) : [];
  for (const o of stills) out.push(...stillIterations(o.poster ? ['last'] : config.stills, scene));
  return [...new Set(out)].sort((a, b) => a - b);
}

/** The iterations of stills: "last" and any past the scene's end (a run that diverged first) are its last. */
function stillIterations(stills: readonly (number | 'last')[], scene: Scene): number[] {
  return stills.map((f) => (f === 'last' || f > scene.iterations ? scene.iterations : f));
}

/**
 * Stages 3–5 for one scene: chooses the frames once, draws each frame once and hands it to every animated
 * output, then draws the stills. Each file is written atomically; on any failure every unfinished one is
 * removed. `suffix` names a file sweep's files (fit.gif → fit-lr0.1.gif).
 */
export async function animate(config: RunConfig, scene: Scene, suffix: string, hooks: AnimateHooks, warn: Warn): Promise<Animated> {
  // The encoders' own threads start loading now, while the renderer draws the static background.
  const animatedFormats = config.outputs.filter((o) => kindOf(o) !== 'still' && !formatApplies(o.format)?.scene).map((o) => o.format);
  if (hooks.threads !== 1) (require('../encode') as typeof import('../encode')).warmUp(animatedFormats);
  // Too little address space left for the canvas library (ulimit -v) ends in its native abort: said here instead.
  if (!roomForAddressSpace(DRAWING_ADDRESS_SPACE)) throw runError(messages.outOfMemory());
  // Only pages (written from the scene): no frame is drawn here, and the canvas library is not loaded.
  const renderer = config.outputs.some((o) => !formatApplies(o.format)?.scene) ? createRenderer(scene) : null;
  // stdout's file is written to a private folder first and read back whole: never half a file on stdout.
  const toStdout = config.outputs.find((o) => o.path === '-');
  const scratch = toStdout
    ? await mkdtemp(join(tmpdir(), 'mlvis-')).catch((e: NodeJS.ErrnoException) => {
        throw runError(messages.outputUnwritable(tmpdir(), e.code === 'ENOENT' ? 'the temporary folder does not exist' : (e.code ?? e.message), 'set TMPDIR to a folder that exists'));
      })
    : undefined;
  const outputs = config.outputs.map((o) =>
    o.path === '-' ? { ...o, path: join(scratch!, `stdout.${o.format}`), stdout: true } : { ...o, path: withSuffix(o.path, suffix), stdout: false },
  );
  try {
    const pages = outputs.filter((o) => formatApplies(o.format)?.scene);
    const animated = outputs.filter((o) => kindOf(o) !== 'still' && !formatApplies(o.format)?.scene);
    const stills = outputs.filter((o) => kindOf(o) === 'still');
    const written: WrittenFile[] = [];
    for (const out of pages) written.push(await writeSceneOutput(config, scene, out, hooks));
    // There is a renderer whenever there are frames to draw (animated or still outputs).
    if (animated.length > 0) written.push(...(await encodeAnimation(config, scene, renderer!, animated, hooks)));
    for (const out of stills) written.push(...(await encodeStills(config, scene, renderer!, out, hooks, warn)));
    const i = written.findIndex((f) => scratch !== undefined && f.path.startsWith(scratch));
    const stdout = i < 0 ? undefined : await readFile(written[i].path);
    if (i >= 0) written[i] = { ...written[i], path: '-' };
    for (const w of largeGifs(written)) warn((w.code === 'largeGif' || w.code === 'largePage') && w.path === '-' ? { ...w, path: 'stdout' } : w);
    return stdout ? { files: written, stdout } : { files: written };
  } finally {
    if (scratch) await rm(scratch, { recursive: true, force: true });
  }
}

type Target = OutputSpec & { stdout: boolean };

async function encodeAnimation(config: RunConfig, scene: Scene, renderer: Renderer, outputs: Target[], hooks: AnimateHooks): Promise<WrittenFile[]> {
  const iterations = animationFrames(config, scene);
  const at = (index: number): FrameTime => ({ index, count: iterations.length, seconds: index / config.fps, iteration: iterations[index] });
  const paletteSamples = outputs.some((o) => formatApplies(o.format)?.palette)
    ? [renderer.drawFrame(at(0)), renderer.drawFrame(at(iterations.length - 1))] // each GIF encoder keeps its own copy
    : undefined;
  // Frame 0 is the first sample: drawn once, not again.
  const draw = (k: number) => (k === 0 && paletteSamples ? paletteSamples[0] : renderer.drawFrame(at(k)));
  // stdout's scratch file is not part of the commit: it is read back at once.
  const encoders = outputs.map((o) => createEncoder(o.format, { ...encoderOptions(config, o.path, iterations.length, o.stdout ? undefined : hooks.commit, hooks), paletteSamples }));
  return encodeWith(encoders, outputs, iterations.length, async (add) => {
    for (let k = 0; k < iterations.length; k++) {
      if (hooks.signal?.aborted) throw runError(messages.interrupted());
      const frame = draw(k);
      await add(frame);
      // Collect the frames no encoder holds any more now and then (reclaim.ts), and yield: @napi-rs/canvas
      // frees a collected frame's pixels only when the event loop turns.
      reclaimFrames(frame.byteLength);
      await new Promise<void>((resolve) => setImmediate(resolve));
      hooks.progress?.(k + 1, iterations.length);
    }
  });
}

/**
 * An interactive page or the player's data (formats with `scene`): the scene's data and the animation's
 * frames and timing, written atomically like every output.
 */
async function writeSceneOutput(config: RunConfig, scene: Scene, out: Target, hooks: AnimateHooks): Promise<WrittenFile> {
  if (hooks.signal?.aborted) throw runError(messages.interrupted());
  const { sceneFile } = require('../page/writePage') as typeof import('../page/writePage');
  const frames = animationFrames(config, scene);
  const bytes = sceneFile(out.format as 'html' | 'player', scene, { frames, fps: config.fps, hold: config.hold, loop: config.loop }, VERSION);
  const temp = await createTemp(out.path);
  try {
    await writeFile(temp, bytes);
  } catch (error) {
    await removeQuietly(temp);
    throw asUnwritable(out.path, error);
  }
  const size = await finishTemp(out.stdout ? undefined : hooks.commit, temp, out.path);
  return { path: out.path, format: out.format, frames: frames.length, bytes: size };
}

/** One still per iteration asked for; several are named NAME-K.png by their iteration. */
async function encodeStills(config: RunConfig, scene: Scene, renderer: Renderer, out: Target, hooks: AnimateHooks, warn: Warn): Promise<WrittenFile[]> {
  const asked = out.poster ? ['last' as const] : config.stills;
  for (const f of asked) if (f !== 'last' && f > scene.iterations) warn({ code: 'frameAfterDivergence', frame: f, last: scene.iterations });
  const unique = [...new Set(stillIterations(asked, scene))];
  // A poster is the video's last frame, camera and all (an orbit ends turned); other stills are drawn at the start of the clock.
  const count = out.poster ? animationFrames(config, scene).length : 1;
  const clock = (iteration: number): FrameTime => ({ index: count - 1, count, seconds: (count - 1) / config.fps, iteration });
  const files: WrittenFile[] = [];
  for (const iteration of unique) {
    if (hooks.signal?.aborted) throw runError(messages.interrupted());
    const path = !out.poster && (unique.length > 1 || config.stills.length > 1) ? withSuffix(out.path, `-${iteration}`) : out.path;
    const encoder = createEncoder(out.format, encoderOptions(config, path, 1, out.stdout ? undefined : hooks.commit));
    files.push(...(await encodeWith([encoder], [{ ...out, path }], 1, (add) => add(renderer.drawFrame(clock(iteration))))));
  }
  return files;
}

function encoderOptions(config: RunConfig, path: string, frameCount: number, commit: Commit | undefined, hooks: AnimateHooks = {}) {
  return {
    path, width: config.width, height: config.height, fps: config.fps, holdSeconds: config.hold, loop: config.loop, frameCount,
    ffmpegPath: config.ffmpeg, env: hooks.env, commit, signal: hooks.signal, log: hooks.log,
    ...(hooks.threads === 1 ? { threads: 1 as const } : {}),
  };
}

/** start every encoder, feed them, finish them; on any failure abort every one (no partial files). */
async function encodeWith(
  encoders: Encoder[],
  outputs: OutputSpec[],
  frames: number,
  feed: (add: (rgba: Uint8Array) => Promise<void>) => Promise<void>,
): Promise<WrittenFile[]> {
  try {
    for (const e of encoders) await e.start();
    await feed(async (rgba) => {
      for (const e of encoders) await e.addFrame(rgba);
    });
    const files: WrittenFile[] = [];
    for (let i = 0; i < encoders.length; i++) {
      const r = await encoders[i].finish();
      files.push({ path: r.path, format: outputs[i].format, frames, bytes: r.bytes });
    }
    return files;
  } catch (err) {
    await Promise.all(encoders.map((e) => e.abort()));
    throw err;
  }
}
