import { z } from 'zod';
import { messages, usageError } from './errors';
import { SAMPLE_MODES, type SampleMode } from './engine/frames';
import type { DataRequest } from './data';
import type { DescentConfig } from './engine';
import { OPTIMIZERS, type Dataset, type ModelName, type OptimizerName, type PanelName, type ThemeName } from './types';

export const FORMATS = ['gif', 'mp4', 'webm', 'png'] as const;
export type Format = (typeof FORMATS)[number];
export const PANELS: readonly PanelName[] = ['surface', 'fit', 'loss'];
export const THEMES: readonly ThemeName[] = ['light', 'dark'];

/** What a caller of the library may set; everything but the model has a default. */
export interface RunOptions {
  model: ModelName;
  // data
  data?: string;
  x?: string;
  y?: string;
  positive?: string;
  points?: number;
  noise?: number;
  seed?: string;
  // training
  optimizer?: OptimizerName;
  lr?: number;
  iterations?: number;
  batchSize?: number;
  momentum?: number;
  beta1?: number;
  beta2?: number;
  eps?: number;
  init?: [number, number];
  standardize?: boolean;
  // animation
  out?: string;
  width?: number;
  height?: number;
  panels?: PanelName[];
  theme?: ThemeName;
  frames?: number;
  every?: number;
  sample?: SampleMode;
  fps?: number;
  hold?: number;
  loop?: number;
  frame?: number | 'last';
  ffmpeg?: string;
  // report
  trajectory?: boolean;
}

/** A whole run, validated, with every default filled in: the data request and the descent, plus the output. */
export interface RunConfig extends DataRequest, Omit<DescentConfig, 'standardize'> {
  init: [number, number];
  /** Absent: the data set's suggestion (built-in sets: on), else off. */
  standardize?: boolean;
  out?: { path: string; format: Format; sequence: boolean };
  width: number;
  height: number;
  panels: PanelName[];
  theme: ThemeName;
  frames: number;
  every?: number;
  sample: SampleMode;
  fps: number;
  hold: number;
  loop: number;
  frame: number | 'last';
  ffmpeg?: string;
  trajectory: boolean;
}

export const DEFAULTS = {
  points: 100,
  seed: 'mlvis',
  optimizer: 'gd' as OptimizerName,
  iterations: 1000,
  batchSize: 32,
  momentum: 0.9,
  beta1: 0.9,
  eps: 1e-8,
  init: [0, 0] as [number, number],
  width: 960,
  height: 480,
  panels: ['surface', 'fit'] as PanelName[],
  theme: 'light' as ThemeName,
  frames: 100,
  sample: 'adaptive' as SampleMode,
  fps: 20,
  hold: 1.5,
  loop: 0,
};

/** Below this many pixels per panel, tick labels collide and titles are cut to a letter. */
const MIN_PANEL_WIDTH = 160;

/** The flag each option comes from, for messages. */
const FLAG: Record<string, string> = {
  batchSize: '--batch-size',
  iterations: '--iters',
  width: '--size',
  height: '--size',
};
export const flagOf = (key: string): string => FLAG[key] ?? `--${key.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())}`;

const int = (min: number, max: number) =>
  z.number().int(`must be a whole number`).min(min, `must be at least ${min}`).max(max, `must be at most ${max}`);
const positive = z.number().positive('must be greater than 0').finite('must be finite');
const fraction = z.number().min(0, 'must be at least 0').lt(1, 'must be less than 1');

const schema = z
  .object({
    model: z.enum(['linear', 'logistic']),
    data: z.string().min(1, 'must not be empty').optional(),
    x: z.string().optional(),
    y: z.string().optional(),
    positive: z.string().optional(),
    points: int(2, 10_000_000).optional(),
    noise: z.number().min(0, 'must be at least 0').finite('must be finite').optional(),
    seed: z.string().optional(),
    optimizer: z.enum(OPTIMIZERS).optional(),
    lr: positive.optional(),
    iterations: int(0, 10_000_000).optional(),
    batchSize: int(1, 10_000_000).optional(),
    momentum: fraction.optional(),
    beta1: fraction.optional(),
    beta2: fraction.optional(),
    eps: positive.optional(),
    init: z.tuple([z.number().finite(), z.number().finite()]).optional(),
    standardize: z.boolean().optional(),
    out: z.string().min(1, 'must not be empty').optional(),
    width: int(160, 8192).optional(),
    height: int(120, 8192).optional(),
    panels: z.array(z.enum(['surface', 'fit', 'loss'])).min(1, 'needs at least one panel').optional(),
    theme: z.enum(['light', 'dark']).optional(),
    frames: int(2, 100_000).optional(),
    every: int(1, 10_000_000).optional(),
    sample: z.enum(SAMPLE_MODES).optional(),
    fps: z.number().min(0.1, 'must be at least 0.1').max(100, 'must be at most 100 (GIF delays are in 1/100 s)').optional(),
    hold: z.number().min(0, 'must be at least 0').max(3600, 'must be at most 3600').optional(),
    loop: int(0, 65535).optional(),
    frame: z.union([z.literal('last'), int(0, 10_000_000)], { error: 'is not a whole number of iterations or "last"' }).optional(),
    ffmpeg: z.string().min(1).optional(),
    trajectory: z.boolean().optional(),
  })
  .strict();

/**
 * Checks a whole run before any work starts and fills in the defaults. Throws a usage error (exit code 2)
 * naming the flag, the value and what it should be. `warn` receives notes about adjusted values.
 */
export function resolveConfig(options: RunOptions, warn: (message: string) => void = () => {}): RunConfig {
  const parsed = schema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = String(issue.path[0] ?? '');
    const value = key ? (options as unknown as Record<string, unknown>)[key] : undefined;
    throw usageError(`${flagOf(key)}: ${JSON.stringify(value)} ${issue.message.replace(/^Invalid input.*$/, 'is not valid')}`);
  }
  const o = parsed.data;
  if (o.frames !== undefined && o.every !== undefined) throw usageError(messages.framesAndEvery());
  if (o.panels && new Set(o.panels).size !== o.panels.length) throw usageError(messages.duplicatePanels(o.panels));
  const iterations = o.iterations ?? DEFAULTS.iterations;
  let width = o.width ?? DEFAULTS.width;
  let height = o.height ?? DEFAULTS.height;
  const panelCount = (o.panels ?? DEFAULTS.panels).length;
  if (width < MIN_PANEL_WIDTH * panelCount) throw usageError(messages.tooNarrow(width, height, panelCount, MIN_PANEL_WIDTH * panelCount));
  const out = o.out === undefined ? undefined : outputOf(o.out);
  if (out && (out.format === 'mp4' || out.format === 'webm') && (width % 2 || height % 2)) {
    const w = width - (width % 2);
    const h = height - (height % 2);
    warn(messages.roundedToEven(width, height, w, h));
    width = w;
    height = h;
  }
  for (const [flag, why] of ignoredFlags(o)) warn(messages.flagIgnored(flag, why));
  if (o.frame !== undefined && out && out.format !== 'png') warn(messages.frameIgnored());
  else if (typeof o.frame === 'number' && o.frame > iterations) throw usageError(messages.frameOutOfRange(o.frame, iterations));

  const given = Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as unknown as RunOptions;
  return {
    ...DEFAULTS,
    frame: 'last',
    trajectory: false,
    ...given,
    iterations,
    width,
    height,
    out,
  };
}

/** Flags that were given but have no effect on this run, with the reason, so nobody waits for a change that cannot come. */
function ignoredFlags(o: RunOptions): [string, string][] {
  const out: [string, string][] = [];
  const opt = o.optimizer ?? DEFAULTS.optimizer;
  const given = (k: keyof RunOptions) => o[k] !== undefined;
  if (o.data === undefined) for (const k of ['x', 'y', 'positive'] as const) if (given(k)) out.push([flagOf(k), 'it applies to --data']);
  if (o.data !== undefined) for (const k of ['points', 'noise'] as const) if (given(k)) out.push([flagOf(k), 'it applies to synthetic data (no --data)']);
  if (o.model === 'linear' && given('positive')) out.push(['--positive', 'it applies to logistic regression']);
  if (given('batchSize') && opt !== 'minibatch') out.push(['--batch-size', 'it applies to --optimizer minibatch']);
  if (given('momentum') && opt !== 'momentum' && opt !== 'nesterov') out.push(['--momentum', 'it applies to --optimizer momentum or nesterov']);
  if (given('beta1') && opt !== 'adam') out.push(['--beta1', 'it applies to --optimizer adam']);
  if (given('beta2') && opt !== 'adam' && opt !== 'rmsprop') out.push(['--beta2', 'it applies to --optimizer adam or rmsprop']);
  if (given('eps') && !['adagrad', 'rmsprop', 'adam'].includes(opt)) out.push(['--eps', 'it applies to --optimizer adagrad, rmsprop or adam']);
  if (o.out === undefined) {
    for (const k of ['width', 'panels', 'theme', 'frames', 'every', 'sample', 'fps', 'hold', 'loop'] as const) {
      if (given(k)) out.push([flagOf(k), 'nothing is drawn without --out']);
    }
  }
  return out;
}

/** The output format from the file name; a %d pattern is only for PNG sequences. */
export function outputOf(path: string): { path: string; format: Format; sequence: boolean } {
  const m = /\.([A-Za-z0-9]+)$/.exec(path);
  const ext = m ? m[1].toLowerCase() : '';
  if (!(FORMATS as readonly string[]).includes(ext)) throw usageError(messages.badFormat(path));
  const format = ext as Format;
  const sequence = /%0?\d*d/.test(path);
  if (sequence && format !== 'png') throw usageError(messages.sequenceNotPng(path));
  return { path, format, sequence };
}

/** --standardize / --no-standardize when given, else the data set's suggestion (built-in sets: on). */
export function standardizeFor(config: RunConfig, data: Dataset): boolean {
  return config.standardize ?? data.suggestStandardize ?? false;
}
