import type { RunConfig } from '../config';
import { DEFAULT_GRID, iterationsToClose99, lossGrid, type Descent, type Problem } from '../engine';
import type { Scene, SurfaceSide } from '../types';
import { seriesOf, standardizedLabels, toTrainedPath, toTrainedPoint } from './scene';

/**
 * --compare-standardize's scene: the same descent on raw and on standardized x, each on its own surface in
 * the weights it moved. The two windows differ (a stretched valley in data units, a square around the bowl),
 * so each side gets its own grid; the series, the fit data and every reported number stay in data units.
 */
export function buildCompareScene(config: RunConfig, problems: Problem[], descents: Descent[], labels: string[]): Scene {
  const sides = descents.map((d, i) => sideOf(problems[i], d));
  const problem = problems[0];
  return {
    width: config.width,
    height: config.height,
    theme: config.theme,
    panels: ['surface'],
    model: problem.descriptor,
    data: problem.data,
    grid: sides[0].grid,
    optimum: problem.optimum,
    series: descents.map((d, i) => seriesOf(d, labels[i])),
    sides,
    layout: 'compare',
    iterations: Math.max(...descents.map((d) => d.iterations)),
    requestedIterations: config.iterations,
    text: { title: config.title },
    fontScale: config.fontScale,
  };
}

function sideOf(problem: Problem, d: Descent): SurfaceSide {
  const iterationsTo99 = iterationsToClose99(d.trajectory.loss, problem.optimum?.loss ?? null);
  const diverged = d.diverged !== null;
  const { reparametrization: r, descriptor } = problem;
  if (!r) {
    const grid = lossGrid(descriptor, problem.objective, d.trajectory, problem.optimum, diverged);
    return { grid, path: d.trajectory, optimum: problem.optimum, weightLabels: descriptor.weightLabels as [string, string], equalAspect: false, iterationsTo99 };
  }
  const path = toTrainedPath(d.trajectory, r);
  const optimum = toTrainedPoint(problem.optimum, r);
  const grid = lossGrid(descriptor, problem.trained, path, optimum, diverged, { ...DEFAULT_GRID, square: true });
  return { grid, path, optimum, weightLabels: standardizedLabels(problem), equalAspect: true, iterationsTo99 };
}
