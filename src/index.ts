/**
 * mlvis, the library. One run is five stages, each a function of the one before:
 *
 *   loadData ──► descend ──► chooseFrames ──► render ──► encode
 *   (Dataset)    (Descent:    (iterations     (RGBA       (GIF / MP4 /
 *                trajectory,   to draw)        frames)     WebM / PNG)
 *                optimum)
 *
 * `run` chains them; each stage is also exported on its own. Nothing here prints or exits: warnings and
 * progress go to the hooks the caller passes, errors are thrown as MlvisError with the fix in the message.
 */
import { resolveConfig, standardizeFor, type RunConfig, type RunOptions } from './config';
import { loadDataset } from './data';
import { chooseFrames, descend, lossGrid, type Descent } from './engine';
import type { Encoder, EncoderOptions, OutputFormat } from './encode';
import type { Renderer } from './render';
import { buildSummary, type Summary } from './summary';
import type { Dataset, Scene } from './types';
import { messages, runError } from './errors';

export { resolveConfig, DEFAULTS, FORMATS, PANELS, THEMES } from './config';
export type { RunOptions, RunConfig, Format } from './config';
export { MlvisError, messages } from './errors';
export { listDatasets } from './data';
export { descend, chooseFrames, lossGrid } from './engine';
export type { Descent } from './engine';
export { buildSummary, summaryJson } from './summary';
export type { Summary } from './summary';
export * from './types';

export interface RunHooks {
  /** A message for the user that does not stop the run. */
  warn?: (message: string) => void;
  /** Called after each frame is encoded. */
  progress?: (done: number, total: number) => void;
  /** Stops the run between frames (e.g. on Ctrl-C); the output is then removed, never left half-written. */
  signal?: AbortSignal;
}

export interface RunResult {
  summary: Summary;
  config: RunConfig;
}

/**
 * Stage 4: the renderer. Loaded on first use, like the encoders: canvas, d3 and fluent-ffmpeg take about
 * 100 ms to load, which a --summary run, `mlvis datasets` or --help should not pay.
 */
export function createRenderer(scene: Scene): Renderer {
  return (require('./render') as typeof import('./render')).createRenderer(scene);
}

/** Stage 5: an encoder for one output file (see src/encode/encoder.ts). */
export function createEncoder(format: OutputFormat, options: EncoderOptions): Encoder {
  return (require('./encode') as typeof import('./encode')).createEncoder(format, options);
}

/** Stage 1: the data of the run. */
export function loadData(config: RunConfig, warn: (m: string) => void): Dataset {
  return loadDataset(config, warn);
}

/** Stage 2: the descent, recorded, with the exact optimum. */
export function train(config: RunConfig, data: Dataset): Descent {
  return descend(data, { ...config, standardize: standardizeFor(config, data) });
}

/** Stages 3–5: choose the frames, draw them, encode them into config.out. Returns frames and bytes written. */
export async function animate(
  config: RunConfig,
  data: Dataset,
  descent: Descent,
  hooks: RunHooks = {},
): Promise<{ frames: number; path: string; bytes: number }> {
  const out = config.out!;
  const scene = buildScene(config, data, descent);
  const iterations = stillOrFrames(config, descent, scene.grid, hooks.warn ?? (() => {}));
  const renderer = createRenderer(scene);
  const paletteSamples =
    out.format === 'gif'
      ? [renderer.drawFrame(iterations[0]).slice(), renderer.drawFrame(iterations[iterations.length - 1]).slice()]
      : undefined;
  const encoder = createEncoder(out.format, {
    path: out.path,
    width: config.width,
    height: config.height,
    fps: config.fps,
    holdSeconds: config.hold,
    loop: config.loop,
    frameCount: iterations.length,
    ffmpegPath: config.ffmpeg,
    paletteSamples,
  });
  try {
    await encoder.start();
    for (let k = 0; k < iterations.length; k++) {
      if (hooks.signal?.aborted) throw runError(messages.interrupted());
      await encoder.addFrame(renderer.drawFrame(iterations[k]));
      // @napi-rs/canvas frees a frame's pixels only when the event loop turns: yield once per frame.
      await new Promise<void>((resolve) => setImmediate(resolve));
      hooks.progress?.(k + 1, iterations.length);
    }
    const result = await encoder.finish();
    return { frames: iterations.length, path: result.path, bytes: result.bytes };
  } catch (err) {
    await encoder.abort();
    throw err;
  }
}

/** Everything the renderer needs: the data, the recorded descent and the loss surface around it. */
export function buildScene(config: RunConfig, data: Dataset, descent: Descent): Scene {
  return {
    width: config.width,
    height: config.height,
    theme: config.theme,
    panels: config.panels,
    model: config.model,
    optimizer: config.optimizer,
    data,
    grid: lossGrid(descent.model, descent.trajectory, descent.optimum, descent.diverged !== null),
    optimum: descent.optimum,
    trajectory: descent.trajectory,
    iterations: descent.iterations,
    requestedIterations: config.iterations,
    diverged: descent.diverged,
  };
}

function stillOrFrames(config: RunConfig, d: Descent, grid: Scene['grid'], warn: (m: string) => void): number[] {
  const out = config.out!;
  if (out.format === 'png' && !out.sequence) {
    if (config.frame === 'last') return [d.iterations];
    if (config.frame > d.iterations) {
      warn(messages.frameAfterDivergence(config.frame, d.iterations));
      return [d.iterations];
    }
    return [config.frame];
  }
  return chooseFrames(d.trajectory, {
    frames: config.frames,
    every: config.every,
    sample: config.sample,
    w0Range: grid.w0Range,
    w1Range: grid.w1Range,
  });
}

/** The whole pipeline: validate, load, train, and (with `out`) draw and encode. */
export async function run(options: RunOptions, hooks: RunHooks = {}): Promise<RunResult> {
  const warn = hooks.warn ?? (() => {});
  const config = resolveConfig(options, warn);
  const data = loadData(config, warn);
  const descent = train(config, data);
  for (const w of descent.warnings) warn(w);
  const summary = buildSummary(config, data, descent);
  if (config.out) {
    const written = await animate(config, data, descent, hooks);
    summary.frames = written.frames;
    summary.out = written.path;
    summary.bytes = written.bytes;
  }
  return { summary, config };
}
