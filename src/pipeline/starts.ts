/**
 * A basins run (--starts): one optimizer at one rate from many starts over a landscape's domain, each start
 * judged by the landscape's verdict (engine/landscapeVerdict.ts) and kept as compact arrays: which known
 * minimum it reached (only a converged verdict that names one counts), when, and where it ended.
 *
 * The rate is the one series' rate (--lr, else the default a single run from the function's usual start
 * gets), the same for every start: basins drawn at different rates would not be one optimizer's basins.
 */
import type { RunConfig } from '../config';
import { descendOn, hyperValuesOf, type Descent, type Problem } from '../engine';
import { knownPoints, landscapeOptimum } from '../engine/landscape';
import type { KnownPoint } from '../engine/objective';
import { startPoints, type StartsSpec } from '../engine/starts';
import { createRng } from '../random';
import type { Trajectory } from '../types';

/** Every start of a basins run and where it went. Index s is start s in every array. */
export interface StartsRun {
  spec: StartsSpec;
  optimizer: Descent['optimizer'];
  lr: number;
  /** The starting points. */
  x: Float64Array;
  y: Float64Array;
  /** Each start's recorded descent (a single point when the loss is not defined at the start). */
  paths: Trajectory[];
  /** The known minimum reached, an index into `minima`; -1 when none was (not converged, diverged, elsewhere). */
  minimum: Int32Array;
  /**
   * 1 where the path converged to a minimum that is none of the listed ones (the verdict's gradient and
   * curvature confirm it: 'unlistedMinimum'), e.g. one of Rastrigin's local minima; `minimum` is -1 there.
   */
  otherMinimum: Uint8Array;
  /** The first iteration from which the path stays at that minimum (listed or other); -1 when none was reached. */
  reachedAt: Int32Array;
  /** Updates performed (fewer than asked when the descent diverged). */
  iterations: Int32Array;
  /** The last finite loss (NaN when there is none). */
  finalLoss: Float64Array;
  /** The landscape verdict of each start ('undefined' where the loss is not defined at the start). */
  verdicts: string[];
  /** The landscape's known minima (global and local), in their listed order. */
  minima: readonly KnownPoint[];
}

/** How long the starts run between turns of the event loop, so that a stop is heard. */
const SLICE_MS = 20;

/** The starts' descents, all at once (tests, and scenes drawn without a run). */
export function descendStarts(config: RunConfig, problem: Problem, base: Descent): StartsRun {
  const steps = startsSteps(config, problem, base);
  let r = steps.next();
  while (!r.done) r = steps.next();
  return r.value;
}

/** The same, in slices with the event loop turning between them; `stopped` is thrown when `signal` fires. */
export async function descendStartsAsync(config: RunConfig, problem: Problem, base: Descent, signal: AbortSignal | undefined, stopped: () => Error): Promise<StartsRun> {
  const steps = startsSteps(config, problem, base);
  let t0 = performance.now();
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    if (performance.now() - t0 < SLICE_MS) continue;
    if (signal?.aborted) throw stopped();
    await new Promise<void>((resolve) => setImmediate(resolve));
    t0 = performance.now();
  }
}

/** One start per step; the result when all are done. */
function* startsSteps(config: RunConfig, problem: Problem, base: Descent): Generator<void, StartsRun, void> {
  const l = problem.landscape;
  if (!l || !config.starts) throw new Error('descendStarts: a basins run needs a landscape and --starts');
  const spec = config.starts.spec;
  const { x, y } = startPoints(spec, l.domain, createRng(config.seed, 'starts'));
  const n = x.length;
  const minima = knownPoints(l.minima);
  const run: StartsRun = {
    spec,
    optimizer: base.optimizer,
    lr: base.lr,
    x,
    y,
    paths: [],
    minimum: new Int32Array(n).fill(-1),
    otherMinimum: new Uint8Array(n),
    reachedAt: new Int32Array(n).fill(-1),
    iterations: new Int32Array(n),
    finalLoss: new Float64Array(n),
    verdicts: [],
    minima,
  };
  const s = config.series[0];
  const settings = { ...hyperValuesOf(config), ...s, lr: base.lr, iterations: config.iterations, schedule: config.rateSchedule, seed: config.seed, advise: false };
  for (let i = 0; i < n; i++) {
    const w = [x[i], y[i]];
    if (!Number.isFinite(l.objective.loss(w))) {
      run.paths.push({ w: [Float64Array.of(x[i]), Float64Array.of(y[i])], loss: Float64Array.of(NaN) });
      run.finalLoss[i] = NaN;
      run.verdicts.push('undefined');
      yield;
      continue;
    }
    // The problem from this start: the landscape's model is shared; only the start and the global minimum
    // its gap is measured to (the one nearest the start) differ. The rate is given, so the model's
    // curvature box around the run's own start decides nothing here.
    const d = descendOn({ ...problem, init: w, trainInit: w, optimum: landscapeOptimum(l, w) }, settings);
    run.paths.push(d.trajectory);
    run.iterations[i] = d.iterations;
    const v = d.assessment.landscape;
    const last = v?.final.iteration ?? d.trajectory.loss.length - 1;
    run.finalLoss[i] = d.trajectory.loss[last];
    run.verdicts.push(d.assessment.verdict ?? 'none');
    if (v && v.verdict === 'converged' && v.minimum && v.iterationReached !== null) {
      const target = v.minimum.w;
      const k = minima.findIndex((p) => p.w[0] === target[0] && p.w[1] === target[1]);
      if (k >= 0) {
        run.minimum[i] = k;
        run.reachedAt[i] = v.iterationReached;
      }
    } else if (v && v.verdict === 'converged' && !v.minimum && v.iterationReached !== null) {
      // Converged where no listed minimum is: the verdict confirmed a minimum by its gradient and curvature
      // (Rastrigin's local minima, or any minimum of an expression, whose minima are not known in advance).
      run.otherMinimum[i] = 1;
      run.reachedAt[i] = v.iterationReached;
    }
    yield;
  }
  return run;
}

/** How many starts reached each known minimum (in `minima` order), another (unlisted) minimum, or none. */
export function startCounts(run: StartsRun): { perMinimum: number[]; other: number; none: number } {
  const perMinimum = run.minima.map(() => 0);
  let none = 0;
  let other = 0;
  run.minimum.forEach((k, s) => {
    if (k >= 0) perMinimum[k]++;
    else if (run.otherMinimum[s]) other++;
    else none++;
  });
  return { perMinimum, other, none };
}
