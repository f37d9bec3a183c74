import type { RunConfig } from '../config';
import { lossGrid, optimizerOf, type Descent, type Problem } from '../engine';
import type { Scene, SceneLayout, Series, Trajectory } from '../types';

/** Several descents as the renderer sees them: labelled series over one shared surface. */
export function buildScene(config: RunConfig, problem: Problem, descents: Descent[], labels: string[]): Scene {
  // Several descents on one frame name their rates too, unless the rate is what the labels already vary:
  // a race at default rates compares optimizers at different rates, and the viewer should see which.
  const withRate = descents.length > 1 && config.sweep?.key !== 'lr';
  const series: Series[] = descents.map((d, i) => {
    const o = optimizerOf(d.optimizer);
    return {
      label: withRate ? `${labels[i]} · lr ${shortRate(d.lr)}` : labels[i],
      optimizer: d.optimizer,
      optimizerTitle: o.title,
      optimizerShort: o.short,
      lr: d.lr,
      trajectory: d.trajectory,
      iterations: d.iterations,
      diverged: d.diverged,
    };
  });
  const layout: SceneLayout = config.layout === 'grid' ? 'grid' : 'overlay';
  return {
    width: config.width,
    height: config.height,
    theme: config.theme,
    panels: config.panels,
    model: problem.descriptor,
    data: problem.data,
    grid: lossGrid(problem.descriptor, problem.dataModel, joinPaths(descents), problem.optimum, descents.every((d) => d.diverged !== null)),
    optimum: problem.optimum,
    series,
    layout,
    iterations: Math.max(...descents.map((d) => d.iterations)),
    requestedIterations: config.iterations,
    text: { title: config.title, xLabel: config.xlabel, yLabel: config.ylabel, classNames: config.labels },
    fontScale: config.fontScale,
  };
}

/**
 * One trajectory through every series' points, for choosing the surface's window: the window holds all
 * paths. A diverged series contributes only its points below four times the start's loss (lossGrid's cap),
 * so one blow-up in a race does not shrink everyone else's path to a dot.
 */
function joinPaths(descents: Descent[]): Trajectory {
  if (descents.length === 1) return descents[0].trajectory;
  const cap = 4 * Math.max(...descents.map((d) => d.trajectory.loss[0]));
  const kept = descents.map((d) => {
    const keep: number[] = [];
    for (let i = 0; i < d.trajectory.loss.length; i++) if (!d.diverged || d.trajectory.loss[i] <= cap) keep.push(i);
    return keep;
  });
  const pick = (column: (d: Descent) => Float64Array) => Float64Array.from(descents.flatMap((d, s) => kept[s].map((i) => column(d)[i])));
  const dim = descents[0].trajectory.w.length;
  return { w: Array.from({ length: dim }, (_, k) => pick((d) => d.trajectory.w[k])), loss: pick((d) => d.trajectory.loss) };
}

/** A rate in two significant digits, small ones in exponent form so a legend stays narrow: 0.023, 1.8e-3. */
function shortRate(lr: number): string {
  return lr < 0.01 ? lr.toExponential(1) : String(Number(lr.toPrecision(2)));
}
