import type { RunConfig } from '../config';
import { lossGrid, optimizerOf, type Descent, type Problem } from '../engine';
import type { Scene, SceneLayout, Series, Trajectory } from '../types';

/** Several descents as the renderer sees them: labelled series over one shared surface. */
export function buildScene(config: RunConfig, problem: Problem, descents: Descent[], labels: string[]): Scene {
  const series: Series[] = descents.map((d, i) => {
    const o = optimizerOf(d.optimizer);
    return {
      label: labels[i],
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
  const keep = (d: Descent, i: number) => !d.diverged || d.trajectory.loss[i] <= cap;
  let n = 0;
  for (const d of descents) for (let i = 0; i < d.trajectory.w0.length; i++) if (keep(d, i)) n++;
  const t: Trajectory = { w0: new Float64Array(n), w1: new Float64Array(n), loss: new Float64Array(n) };
  let k = 0;
  for (const d of descents) {
    for (let i = 0; i < d.trajectory.w0.length; i++) {
      if (!keep(d, i)) continue;
      t.w0[k] = d.trajectory.w0[i];
      t.w1[k] = d.trajectory.w1[i];
      t.loss[k++] = d.trajectory.loss[i];
    }
  }
  return t;
}
