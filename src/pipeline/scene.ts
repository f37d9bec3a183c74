import type { RunConfig } from '../config';
import { DEFAULT_GRID, lossGrid, optimizerOf, type Descent, type Problem } from '../engine';
import { toScaledUnits, type Scaling } from '../engine/standardize';
import { shortRate } from '../render/format';
import type { Scene, SceneLayout, Series, StandardizedSurface, Trajectory } from '../types';

/** Several descents as the renderer sees them: labelled series over one shared surface. */
export function buildScene(config: RunConfig, problem: Problem, descents: Descent[], labels: string[]): Scene {
  // Several descents on one frame name their rates too, unless the rate is what the labels already vary:
  // a race at default rates compares optimizers at different rates, and the viewer should see which.
  const withRate = descents.length > 1 && config.sweep?.key !== 'lr';
  const series: Series[] = descents.map((d, i) => seriesOf(d, withRate ? `${labels[i]} · lr ${shortRate(d.lr)}` : labels[i]));
  const layout: SceneLayout = config.layout === 'grid' ? 'grid' : 'overlay';
  const allDiverged = descents.every((d) => d.diverged !== null);
  const standardized = problem.scaling ? standardizedSurface(problem, descents) : undefined;
  const grid = standardized
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
  const kept = descents.map((d) => {
    const keep: number[] = [];
    for (let i = 0; i < d.trajectory.loss.length; i++) if (!d.diverged || d.trajectory.loss[i] <= cap) keep.push(i);
    return keep;
  });
  const pick = (column: (t: Trajectory) => Float64Array) => Float64Array.from(paths.flatMap((t, s) => kept[s].map((i) => column(t)[i])));
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
