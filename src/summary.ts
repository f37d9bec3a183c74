import { SOFTMAX_CONVENTION } from './engine/softmax';
import { standardizeFor, type RunConfig } from './config';
import { coefficientsOfX } from './engine/polynomial';
import { iterationsToClose99, type Descent, type Problem } from './engine';
import type { Divergence, Trajectory } from './types';
import { knownPoints, pointName, type Landscape } from './engine/landscape';
import { messages } from './errors';
import type { TuneSummary } from './pipeline/tune';

/** One file written: the path (the pattern for a PNG sequence), its format, frames and bytes. */
export interface WrittenFile {
  path: string;
  format: string;
  frames: number;
  bytes: number;
}

/** Weights by their names (w0, w1) and the loss there. */
type Weights = Record<string, number> & { loss: number };
/** Every iteration: `iteration`, one array per weight name (w0, w1), and `loss`. */
type TrajectoryJson = Record<string, number[]> & { iteration: number[]; loss: number[] };

/** One descent of a race or sweep. */
/**
 * mlvis poly: the weights a0…aK are the coefficients of powers of (x − centre); the same curve in powers of x
 * itself has the coefficients c0…cK given here, correctly rounded from the a's (as a numpy polyfit reports them).
 */
export interface PolynomialSummary {
  degree: number;
  /** --plane as given; null at degree 1 (two weights: the surface is the weights themselves). */
  plane: string | null;
  centre: number;
  optimum_in_x: Record<string, number> | null;
}

export interface SeriesSummary {
  label: string;
  /** --holdout: the final weights' loss on the held-out rows. */
  test_loss?: number;
  /** mlvis poly: the final weights as the coefficients of x's own powers. */
  final_in_x?: Record<string, number>;
  /** mlvis softmax: the final weights in the convention of the optimum. */
  final_centred?: Weights;
  /** mlvis mlp on classes, mlvis softmax: the share of training rows whose class the final weights predict. */
  accuracy?: number;
  optimizer: string;
  /** The base learning rate; with a --schedule, each update's rate follows it from this one. */
  lr: number;
  /** --schedule as given: "constant", "step:EVERY:FACTOR", "cosine" or "warmup:N". */
  schedule: string;
  momentum?: number;
  batch_size?: number;
  iterations: number;
  final: Weights;
  /** Share of the loss gap (start minus optimum) closed; null when the loss has no finite minimum. */
  gap_closed: number | null;
  /**
   * The final weights' distance to the optimum relative to the start's, in the coordinates the optimizer
   * moved (standardized or not): 0 at the optimum, 1 as far as the start; null with no optimum.
   */
  distance: number | null;
  /** converged, stalled, cycling or diverged (see engine/verdict.ts); null with no optimum or no iterations. */
  verdict: string | null;
  /** The first iteration at which 99 % of the loss gap was closed (exact optimum); null when it never was. */
  iterations_to_99: number | null;
  /** --compare-standardize: whether this side trained on standardized x. */
  standardize?: boolean;
  diverged: Divergence | null;
  /** `mlvis function`: the known minimum or saddle the descent reached and from which iteration; null when none. */
  reached?: Reached | null;
  /** `mlvis function`: the verdict in words ("reached the global minimum (3, 2) at iteration 412"). */
  verdict_text?: string;
  trajectory?: TrajectoryJson;
  outputs?: WrittenFile[];
}

/** One start of a --starts run: where it started, the known minimum it reached (null: none), from which iteration, its final loss. */
export interface StartSummary {
  x: number;
  y: number;
  reached: string | null;
  /** The first iteration from which the path stays at the minimum reached; null when none was. */
  iterations: number | null;
  /** The loss at the last finite iterate; null where the loss is not defined at the start. */
  final_loss: number | null;
  /** The landscape verdict (converged, stalled, cycling, diverged, still descending, saddle; undefined where the loss is not defined at the start). */
  verdict: string;
}

/** A landscape's known point that a descent reached. */
export interface Reached {
  kind: 'global' | 'local' | 'saddle';
  name: string;
  x: number;
  y: number;
  loss: number;
  iteration: number | null;
}

/**
 * The machine-readable account of a run (--summary). Field names are a contract: scripts read them. A
 * single descent has today's top-level fields (optimizer, lr, iterations, final, diverged, trajectory); a
 * race or sweep has `series`, one entry per descent, instead.
 */
export interface Summary {
  model: RunConfig['model'];
  optimizer?: string;
  lr?: number;
  /** --schedule as given (single descent; per series otherwise). */
  schedule?: string;
  /** Updates performed; `final` holds the weights after exactly this many. */
  iterations?: number;
  requested_iterations: number;
  /** Whether training ran on standardized x; with --compare-standardize false, and each series says its own. */
  standardize: boolean;
  /** When standardized: x's mean and (population) standard deviation; the surface's weights are v0 = w0 + w1·mean, v1 = w1·std. With two features (--x a,b), `columns` instead: each column's mean and std. */
  standardization?: { mean?: number; std?: number; columns?: readonly { column: string; mean: number; std: number }[] };
  /** The data (a model on data; absent for `mlvis function`, which has `function` instead). */
  data: { source: string; x: string; y: string; n: number; skipped: number; positive?: string; noise?: number };
  /** `mlvis function`: the function descended, its formula, its domain and settings. */
  function?: { name: string; title: string; formula: string; domain: { x: [number, number]; y: [number, number] }; condition?: number; angle?: number };
  /** `mlvis function`: its known minima and saddles (exact), or null when none are known. */
  minima?: { x: number; y: number; loss: number; kind: 'global' | 'local' | 'saddle'; name: string }[] | null;
  seed: string;
  final?: Weights;
  optimum: Weights | null;
  /** Share of the loss gap closed, from the exact optimum (single descent; per series otherwise). */
  gap_closed?: number | null;
  /** The final weights' distance to the optimum relative to the start's (single descent; per series otherwise). */
  distance?: number | null;
  verdict?: string | null;
  /** `mlvis function`, single descent: the point reached (see SeriesSummary.reached). */
  reached?: Reached | null;
  verdict_text?: string;
  diverged?: Divergence | null;
  trajectory?: TrajectoryJson;
  layout?: string;
  /** --starts as given ("200", "grid:40"); see `starts` and `counts`. */
  start_placement?: string;
  /** --starts: every start, in order (a grid row by row from the domain's lower-left corner). */
  starts?: StartSummary[];
  /** --starts: how many starts reached each known minimum, in the order of `minima`, then `none_reached`. */
  counts?: { minimum: string; kind: 'global' | 'local'; x: number; y: number; count: number }[];
  /**
   * --starts: the starts whose path converged to a minimum that is none of the listed ones (a local minimum
   * the verdict confirmed by a vanishing gradient and positive curvature, e.g. one of Rastrigin's).
   */
  other_minimum?: number;
  /** --starts: the starts that reached no minimum (not converged, diverged, or stopped at a saddle or a flat point); not those in `other_minimum`. */
  none_reached?: number;
  sweep?: { option: string; values: number[] };
  series?: SeriesSummary[];
  /** --tune: the grid of rates tried and, per series, the rate chosen and each trial's final gap (see pipeline/tune.ts). */
  tune?: TuneSummary;
  /**
   * --holdout: the share asked for, the rows trained on and held out, and the optimum's loss on the held-out
   * rows (the training optimum, never fitted to them).
   */
  holdout?: { share: number; n_train: number; n_test: number; optimum_test_loss: number | null };
  /** --holdout: the final weights' loss on the held-out rows. */
  test_loss?: number;
  /** mlvis poly: the final weights as the coefficients of x's own powers (c0…cK). */
  final_in_x?: Record<string, number>;
  /** mlvis softmax: the final weights in the convention the optimum is reported in (see softmax.convention). */
  final_centred?: Weights;
  /** mlvis poly: see PolynomialSummary. */
  polynomial?: PolynomialSummary;
  /** mlvis mlp: the layers' units (inputs, hidden…, 1), the activation, the task and the number of weights. */
  network?: { layers: number[]; activation: string; task: 'classes' | 'values'; weights: number; plane: string };
  /** mlvis mlp on classes, mlvis softmax: the share of training rows whose class the final weights predict. */
  accuracy?: number;
  /** mlvis softmax: the classes (y's index order) and the convention its weights and optimum are reported in. */
  softmax?: { classes: string[]; convention: string; plane: string };
  /** Frames of the animation (or 1 for a still); with exactly one output file, its path and size too. */
  frames?: number;
  out?: string;
  bytes?: number;
  outputs?: WrittenFile[];
}

export function buildSummary(config: RunConfig, problem: Problem, descents: Descent[]): Summary {
  const { optimum } = problem;
  const names = problem.descriptor.weightNames;
  const head = summaryHead(config, problem);
  const opt = optimum ? named(names, optimum.w, optimum.loss) : null;
  if (descents.length === 1) {
    const d = descents[0];
    const { model, ...rest } = head;
    const s: Summary = { model, optimizer: d.optimizer, lr: d.lr, schedule: config.schedule, iterations: d.iterations, ...rest, final: finalOf(names, d.trajectory), ...finalExtras(problem, d), optimum: opt, gap_closed: d.assessment.gapClosed, distance: d.assessment.distance, verdict: d.assessment.verdict, ...reachedFields(d), diverged: d.diverged };
    if (config.trajectory) s.trajectory = trajectoryJson(names, d.trajectory);
    return s;
  }
  return {
    ...head,
    optimum: opt,
    layout: config.layout,
    ...(config.sweep ? { sweep: { option: config.sweep.key === 'batchSize' ? 'batch_size' : config.sweep.key, values: config.sweep.values } } : {}),
    series: descents.map((d, i) => ({ ...seriesSummary(config, names, d, i, optimum?.loss ?? null), ...finalExtras(problem, d) })),
  };
}

/**
 * mlvis poly: the degree, the plane drawn, the centre the weights a0…aK are taken about, and the optimum as
 * the coefficients c0…cK of x's own powers (correctly rounded; see coefficientsOfX).
 */
function polynomialFields(problem: Problem, config: RunConfig): { polynomial?: PolynomialSummary } {
  if (problem.descriptor.name !== 'poly') return {};
  const centre = centreOf(problem);
  const inX = (w: ArrayLike<number>) => inPowersOfX(w, centre);
  return {
    polynomial: {
      degree: problem.objective.dim - 1,
      plane: problem.objective.dim > 2 ? config.plane : null,
      centre,
      optimum_in_x: problem.optimum ? inX(problem.optimum.w) : null,
    },
  };
}

/** A polynomial's centre: the mean of x that its weights are taken about (its standardization's). */
function centreOf(problem: Problem): number {
  return problem.reparametrization?.summary.standardization?.mean ?? 0;
}

/** Weights about `centre` as the named coefficients c0…cK of x's own powers. */
function inPowersOfX(w: ArrayLike<number>, centre: number): Record<string, number> {
  return Object.fromEntries(coefficientsOfX(w, centre).map((c, k) => [`c${k}`, c]));
}

/**
 * --holdout: the final weights' loss on the held-out rows; mlvis poly: the final weights as coefficients of
 * x; mlvis mlp on classes: the final weights' accuracy on the training rows.
 */
function finalExtras(problem: Problem, d: Descent): { test_loss?: number; final_in_x?: Record<string, number>; accuracy?: number; final_centred?: Weights } {
  const t = d.trajectory;
  const last = t.loss.length - 1;
  const w = t.w.map((c) => c[last]);
  const inX = problem.descriptor.name === 'poly' ? { final_in_x: inPowersOfX(w, centreOf(problem)) } : {};
  // Softmax: the final weights moved onto the convention the optimum is reported in (the same predictions).
  const canonical = problem.descriptor.canonical;
  const centred = canonical && w.every(Number.isFinite) ? { final_centred: named(problem.descriptor.weightNames, canonical(w), t.loss[last]) } : {};
  return { ...(problem.testLoss ? { test_loss: problem.testLoss(w) } : {}), ...inX, ...accuracyOf(problem, w), ...centred };
}

/**
 * The share of rows whose class the weights predict (p ≥ 1/2 for class 1; softmax: the likeliest): a network on
 * classes, softmax, and logistic regression on three or more feature columns.
 */
function accuracyOf(problem: Problem, w: number[]): { accuracy?: number } {
  const { descriptor: m, data } = problem;
  if (m.predictClasses && data.features && w.every(Number.isFinite)) {
    const K = m.classNames!.length;
    const p = new Float64Array(K);
    const [a, b] = data.features.columns;
    let right = 0;
    for (let i = 0; i < data.y.length; i++) {
      m.predictClasses(w, a[i], b[i], p);
      let best = 0;
      for (let k = 1; k < K; k++) if (p[k] > p[best]) best = k;
      if (best === data.y[i]) right++;
    }
    return { accuracy: right / data.y.length };
  }
  // Logistic regression on feature columns: the rows whose linear part has the class's sign (z ≥ 0 for class 1).
  if (m.name === 'logistic' && data.features && m.scoreRows && w.every(Number.isFinite)) {
    const z = new Float64Array(data.y.length);
    m.scoreRows(w, data.features.columns, z);
    let right = 0;
    for (let i = 0; i < z.length; i++) if ((z[i] >= 0 ? 1 : 0) === data.y[i]) right++;
    return { accuracy: right / data.y.length };
  }
  if (m.name !== 'mlp' || m.target !== 'classes' || !w.every(Number.isFinite)) return {};
  const f = data.features;
  const p = f && m.predict2 ? (i: number) => m.predict2!(w, f.columns[0][i], f.columns[1][i]) : (i: number) => m.predict(w, data.x[i]);
  let right = 0;
  for (let i = 0; i < data.y.length; i++) if ((p(i) >= 0.5 ? 1 : 0) === data.y[i]) right++;
  return { accuracy: right / data.y.length };
}

/** mlvis mlp: the network's layers, activation, task and size. */
function networkFields(problem: Problem, config: RunConfig): { network?: NonNullable<Summary['network']>; softmax?: NonNullable<Summary['softmax']> } {
  if (problem.descriptor.name === 'softmax') return { softmax: { classes: [...(problem.descriptor.classNames ?? [])], convention: SOFTMAX_CONVENTION, plane: config.plane } };
  if (problem.descriptor.name !== 'mlp') return {};
  const inputs = problem.data.features ? problem.data.features.columns.length : 1;
  return { network: { layers: [inputs, ...config.hidden, 1], activation: config.activation, task: problem.descriptor.target, weights: problem.objective.dim, plane: config.plane } };
}

/** The fields every summary starts with: the model, the data (or the function), the seed. */
export function summaryHead(config: RunConfig, problem: Problem) {
  const { data } = problem;
  return {
    model: config.model,
    requested_iterations: config.iterations,
    standardize: !problem.landscape && config.layout !== 'compare' && standardizeFor(config, data),
    ...(problem.reparametrization && config.layout !== 'compare' ? problem.reparametrization.summary : {}),
    data: {
      source: data.source,
      // --x a,b: both feature columns.
      x: data.features ? data.features.names.join(',') : data.xName,
      y: data.yName,
      n: data.x.length,
      skipped: data.skipped,
      ...(data.positive !== undefined ? { positive: data.positive } : {}),
      ...(data.noise !== undefined ? { noise: data.noise } : {}),
    },
    ...polynomialFields(problem, config),
    ...networkFields(problem, config),
    ...(data.holdout
      ? { holdout: { share: data.holdout.share, n_train: data.x.length, n_test: data.holdout.x.length, optimum_test_loss: problem.optimum && problem.testLoss ? problem.testLoss(problem.optimum.w) : null } }
      : {}),
    seed: config.seed,
    ...(problem.landscape ? landscapeFields(problem.landscape) : {}),
  };
}

function seriesSummary(config: RunConfig, names: readonly string[], d: Descent, i: number, optimumLoss: number | null): SeriesSummary {
  const side = config.series[i].standardize;
  const s: SeriesSummary = {
    label: config.series[i].label,
    optimizer: d.optimizer,
    lr: d.lr,
    schedule: config.schedule,
    ...(config.sweep?.key === 'momentum' ? { momentum: d.params.momentum } : {}),
    ...(config.sweep?.key === 'batchSize' ? { batch_size: d.params.batchSize } : {}),
    iterations: d.iterations,
    final: finalOf(names, d.trajectory),
    gap_closed: d.assessment.gapClosed,
    distance: d.assessment.distance,
    verdict: d.assessment.verdict,
    iterations_to_99: iterationsToClose99(d.trajectory.loss, optimumLoss),
    ...(side !== undefined ? { standardize: side } : {}),
    ...reachedFields(d),
    diverged: d.diverged,
  };
  if (config.trajectory) s.trajectory = trajectoryJson(names, d.trajectory);
  return s;
}

export function named(names: readonly string[], w: ArrayLike<number>, loss: number): Weights {
  const out: Record<string, number> = {};
  names.forEach((name, k) => (out[name] = w[k]));
  out.loss = loss;
  return out as Weights;
}

function finalOf(names: readonly string[], t: Trajectory): Weights {
  const last = t.loss.length - 1;
  return named(names, t.w.map((c) => c[last]), t.loss[last]);
}

function trajectoryJson(names: readonly string[], t: Trajectory): TrajectoryJson {
  const out: Record<string, number[]> = { iteration: Array.from({ length: t.loss.length }, (_, i) => i) };
  names.forEach((name, k) => (out[name] = Array.from(t.w[k])));
  out.loss = Array.from(t.loss);
  return out as TrajectoryJson;
}

/**
 * Records the files written: always in the run's `outputs` (every file of the run, in order), in a file
 * sweep also in its series' own; with exactly one file, today's `out` and `bytes` name it.
 */
export function addOutputs(summary: Summary, files: WrittenFile[], seriesIndex?: number): void {
  if (seriesIndex !== undefined && summary.series) {
    const s = summary.series[seriesIndex];
    s.outputs = [...(s.outputs ?? []), ...files];
  }
  summary.outputs = [...(summary.outputs ?? []), ...files];
  const all = summary.outputs;
  const animation = all.find((f) => f.frames > 1);
  summary.frames = animation ? animation.frames : all[0]?.frames;
  if (all.length === 1) {
    summary.out = all[0].path;
    summary.bytes = all[0].bytes;
  } else {
    delete summary.out;
    delete summary.bytes;
  }
}

/** The summary as JSON text, one trailing newline. */
export function summaryJson(summary: Summary): string {
  return JSON.stringify(summary, null, 2) + '\n';
}

/** A landscape's own fields: the function and its known points (its stand-in data set names it too). */
function landscapeFields(l: Landscape): Pick<Summary, 'function' | 'minima'> {
  const points = [...knownPoints(l.minima), ...l.saddles];
  return {
    function: { name: l.name, title: l.title, formula: l.formula, domain: l.domain, ...l.params },
    minima: l.minima.kind === 'unknown' && points.length === 0 ? null : points.map((p) => ({ x: p.w[0], y: p.w[1], loss: p.loss, kind: p.kind, name: pointName(p) })),
  };
}

/** A landscape descent's point reached and its verdict in words; nothing for a model on data. */
function reachedFields(d: Descent): { reached?: Reached | null; verdict_text?: string } {
  const v = d.assessment.landscape;
  if (!v) return {};
  const p = v.minimum ?? v.saddle;
  const kind = v.minimum ? v.minimum.kind : 'saddle';
  return {
    // Named as in `minima` (pointName: one minus sign), so a script can match the two.
    reached: p && (v.verdict === 'converged' || v.verdict === 'saddle') ? { kind, name: p.name.replace(/\u2212/g, '-'), x: p.w[0], y: p.w[1], loss: p.loss, iteration: v.iterationReached } : null,
    verdict_text: messages.landscapeVerdict(v),
  };
}
