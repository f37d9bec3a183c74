import type { RunConfig } from '../config';
import { DEFAULT_GRID, lossGrid, optimizerOf, type Descent, type Problem } from '../engine';
import { toScaledUnits, type Scaling } from '../engine/standardize';
import { shortRate } from '../render/format';
import type { Landmark, Scene, SceneLayout, Series, StandardizedSurface, Trajectory } from '../types';
import { knownPoints, pointName, type Landscape } from '../engine/landscape';
import type { KnownPoint } from '../engine/objective';

/** Several descents as the renderer sees them: labelled series over one shared surface. */
export function buildScene(config: RunConfig, problem: Problem, descents: Descent[], labels: string[]): Scene {
  // Several descents on one frame name their rates too, unless the rate is what the labels already vary:
  // a race at default rates compares optimizers at different rates, and the viewer should see which.
  const withRate = descents.length > 1 && config.sweep?.key !== 'lr';
  const series: Series[] = descents.map((d, i) => withReached(seriesOf(d, withRate ? `${labels[i]} · lr ${shortRate(d.lr)}` : labels[i]), d, problem));
  const layout: SceneLayout = config.layout === 'grid' ? 'grid' : 'overlay';
  const allDiverged = descents.every((d) => d.diverged !== null);
  const standardized = problem.scaling ? standardizedSurface(problem, descents) : undefined;
  const l = problem.landscape;
  const grid = l
    ? lossGrid(problem.descriptor, problem.dataModel, joinPaths(descents, descents.map((d) => d.trajectory)), problem.optimum, allDiverged, { ...DEFAULT_GRID, window: landscapeWindow(l, descents), levelScale: l.levels })
    : standardized
    ? lossGrid(problem.descriptor, problem.trainModel, joinPaths(descents, standardized.paths), standardized.optimum, allDiverged, { ...DEFAULT_GRID, square: layout === 'overlay' })
    : lossGrid(problem.descriptor, problem.dataModel, joinPaths(descents, descents.map((d) => d.trajectory)), problem.optimum, allDiverged);
  return {
    width: config.width,
    height: config.height,
    theme: config.theme,
    panels: config.panels,
    model: problem.descriptor,
    data: problem.data,
    grid,
    ...(standardized ? { standardized } : {}),
    optimum: problem.optimum,
    ...(problem.landscape ? { landmarks: landmarksOf(problem.landscape), noMinimum: noMinimumText(problem.landscape) } : {}),
    series,
    layout,
    view: config.view,
    orbit: config.orbit,
    iterations: Math.max(...descents.map((d) => d.iterations)),
    requestedIterations: config.iterations,
    text: { title: config.title, xLabel: config.xlabel, yLabel: config.ylabel, classNames: config.labels },
    ...(config.rateSchedule.kind === 'constant' ? {} : { schedule: config.schedule }),
    fontScale: config.fontScale,
  };
}

/** A descent as the renderer sees it, under the label it is drawn with. */
export function seriesOf(d: Descent, label: string): Series {
  const o = optimizerOf(d.optimizer);
  return {
    label,
    optimizer: d.optimizer,
    optimizerTitle: o.title,
    optimizerShort: o.short,
    lr: d.lr,
    trajectory: d.trajectory,
    iterations: d.iterations,
    diverged: d.diverged,
    ...(d.samples ? { samples: d.samples } : {}),
    ...(d.reference ? { reference: d.reference } : {}),
  };
}

/**
 * One trajectory through every series' points, for choosing the surface's window: the window holds all
 * paths. A diverged series contributes only its points below four times the start's loss (lossGrid's cap),
 * so one blow-up in a race does not shrink everyone else's path to a dot.
 */
function joinPaths(descents: Descent[], paths: Trajectory[]): Trajectory {
  if (descents.length === 1) return paths[0];
  const cap = 4 * Math.max(...descents.map((d) => d.trajectory.loss[0]));
  // Typed arrays throughout: a race of six over 10,000 iterations joins 60,000 points per column.
  const kept = descents.map((d) => {
    const loss = d.trajectory.loss;
    if (!d.diverged) return null; // every point
    const keep: number[] = [];
    for (let i = 0; i < loss.length; i++) if (loss[i] <= cap) keep.push(i);
    return keep;
  });
  const total = paths.reduce((sum, t, s) => sum + (kept[s]?.length ?? t.loss.length), 0);
  const pick = (column: (t: Trajectory) => Float64Array) => {
    const out = new Float64Array(total);
    let at = 0;
    paths.forEach((t, s) => {
      const values = column(t);
      const keep = kept[s];
      if (!keep) {
        out.set(values.subarray(0, t.loss.length), at);
        at += t.loss.length;
      } else for (const i of keep) out[at++] = values[i];
    });
    return out;
  };
  const dim = paths[0].w.length;
  return { w: Array.from({ length: dim }, (_, k) => pick((t) => t.w[k])), loss: pick((t) => t.loss) };
}

/** A path recorded in the data's units, in the weights on standardized x (the loss column is shared). */
export function toScaledPath(t: Trajectory, scaling: Scaling): Trajectory {
  const n = t.loss.length;
  const w = t.w.map(() => new Float64Array(n));
  const point = new Float64Array(t.w.length);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < t.w.length; k++) point[k] = t.w[k][i];
    const v = toScaledUnits(point, scaling);
    for (let k = 0; k < t.w.length; k++) w[k][i] = v[k];
  }
  return { w, loss: t.loss };
}

/** The axis names of the weights on standardized x. */
export function standardizedLabels(problem: Problem): [string, string] {
  const [a, b] = problem.descriptor.standardizedWeightLabels;
  return [a, b];
}

/**
 * The surface of a standardized run in the weights the optimizers moved: each recorded point (kept in the
 * data's units) mapped back through the same affine change of variable. The loss is the same in both units.
 */
function standardizedSurface(problem: Problem, descents: Descent[]): StandardizedSurface {
  const scaling = problem.scaling!;
  const toSurface = (t: Trajectory) => toScaledPath(t, scaling);
  const paths = descents.map((d) => toSurface(d.trajectory));
  const references = descents.map((d) => (d.reference ? toSurface(d.reference) : undefined));
  const o = problem.optimum;
  const optimum = o ? { w: Array.from(toScaledUnits(o.w, scaling)), loss: o.loss } : null;
  return { paths, optimum, references, weightLabels: standardizedLabels(problem) };
}

/**
 * A landscape's window: its domain, widened to hold the paths (a diverged path's points only up to 1.5 times
 * the domain's span beyond it, so one blow-up does not shrink the picture to a dot).
 */
function landscapeWindow(l: Landscape, descents: Descent[]): { w0: [number, number]; w1: [number, number] } {
  const axis = (k: 0 | 1, [a, b]: [number, number]): [number, number] => {
    const reach = 1.5 * (b - a);
    let lo = a;
    let hi = b;
    for (const d of descents) {
      const values = d.trajectory.w[k];
      for (let i = 0; i < values.length; i++) {
        const v = values[i];
        if (!(v >= a - reach && v <= b + reach)) continue; // not finite, or too far out
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    }
    const pad = lo < a || hi > b ? 0.05 * (hi - lo) : 0;
    return [lo < a ? lo - pad : lo, hi > b ? hi + pad : hi];
  };
  return { w0: axis(0, l.domain.x), w1: axis(1, l.domain.y) };
}

/** A landscape's known minima and saddles as the surface marks them. */
export function landmarksOf(l: Landscape): Landmark[] {
  const at = (p: KnownPoint): Landmark => ({ w: [p.w[0], p.w[1]], loss: p.loss, kind: p.kind, name: pointName(p) });
  return [...knownPoints(l.minima).map(at), ...l.saddles.map(at)];
}

/** The landmark a landscape's descent reached (its verdict's minimum or saddle), and from which iteration. */
function withReached(s: Series, d: Descent, problem: Problem): Series {
  const v = d.assessment.landscape;
  const l = problem.landscape;
  if (!v || !l || v.iterationReached === null) return s;
  const target = v.minimum?.w ?? v.saddle?.w;
  if (!target) return s;
  const index = landmarksOf(l).findIndex((m) => m.w[0] === target[0] && m.w[1] === target[1]);
  return index < 0 ? s : { ...s, reached: { landmark: index, iteration: v.iterationReached } };
}

/** Why a landscape has no minimum to mark, longest first. */
function noMinimumText(l: Landscape): readonly string[] {
  if (l.minima.kind === 'none') return ['no minimum: the loss is unbounded below', 'no minimum: unbounded below', 'no minimum'];
  return ['minimum not known: judged by the gradient', 'minimum not known', 'no known minimum'];
}
