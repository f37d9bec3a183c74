import * as v from 'valibot';
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
  v.pipe(
    v.number('must be a number'),
    v.integer('must be a whole number'),
    v.minValue(min, `must be at least ${min}`),
    v.maxValue(max, `must be at most ${max}`),
  );
const finite = v.pipe(v.number('must be a number'), v.finite('must be finite'));
const positive = v.pipe(finite, v.gtValue(0, 'must be greater than 0'));
const fraction = v.pipe(finite, v.minValue(0, 'must be at least 0'), v.ltValue(1, 'must be less than 1'));
const text = v.pipe(v.string(), v.minLength(1, 'must not be empty'));
const choice = <T extends string>(options: readonly T[]) => v.picklist(options, `is not one of ${options.join(', ')}`);

// valibot rather than zod: the same declarations, but it loads in 14 ms where zod took 96 ms of the
// CLI's start-up (measured with require() on this machine), and the issue asks for about 150 ms in all.
const schema = v.strictObject(
  {
    model: choice(['linear', 'logistic'] as const),
    data: v.optional(text),
    x: v.optional(v.string()),
    y: v.optional(v.string()),
    positive: v.optional(v.string()),
    points: v.optional(int(2, 10_000_000)),
    noise: v.optional(v.pipe(finite, v.minValue(0, 'must be at least 0'))),
    seed: v.optional(v.string()),
    optimizer: v.optional(choice(OPTIMIZERS)),
    lr: v.optional(positive),
    iterations: v.optional(int(0, 10_000_000)),
    batchSize: v.optional(int(1, 10_000_000)),
    momentum: v.optional(fraction),
    beta1: v.optional(fraction),
    beta2: v.optional(fraction),
    eps: v.optional(positive),
    init: v.optional(v.tuple([finite, finite], 'must be two numbers')),
    standardize: v.optional(v.boolean()),
    out: v.optional(text),
    width: v.optional(int(160, 8192)),
    height: v.optional(int(120, 8192)),
    panels: v.optional(v.pipe(v.array(choice(PANELS)), v.minLength(1, 'needs at least one panel'))),
    theme: v.optional(choice(THEMES)),
    frames: v.optional(int(2, 100_000)),
    every: v.optional(int(1, 10_000_000)),
    sample: v.optional(choice(SAMPLE_MODES)),
    fps: v.optional(v.pipe(finite, v.minValue(0.1, 'must be at least 0.1'), v.maxValue(100, 'must be at most 100 (GIF delays are in 1/100 s)'))),
    hold: v.optional(v.pipe(finite, v.minValue(0, 'must be at least 0'), v.maxValue(3600, 'must be at most 3600'))),
    loop: v.optional(int(0, 65535)),
    frame: v.optional(v.union([v.literal('last'), int(0, 10_000_000)], 'is not a whole number of iterations or "last"')),
    ffmpeg: v.optional(text),
    trajectory: v.optional(v.boolean()),
  },
  'is not an option mlvis knows',
);

/**
 * Checks a whole run before any work starts and fills in the defaults. Throws a usage error (exit code 2)
 * naming the flag, the value and what it should be. `warn` receives notes about adjusted values.
 */
export function resolveConfig(options: RunOptions, warn: (message: string) => void = () => {}): RunConfig {
  const parsed = v.safeParse(schema, options);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const key = String(issue.path?.[0]?.key ?? '');
    const value = key ? (options as unknown as Record<string, unknown>)[key] : undefined;
    throw usageError(`${flagOf(key)}: ${JSON.stringify(value)} ${issue.message}`);
  }
  const o = parsed.output;
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
