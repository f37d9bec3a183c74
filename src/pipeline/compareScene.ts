import type { RunConfig } from '../config';
import { DEFAULT_GRID, iterationsToClose99, planeGrid, type Descent, type Problem } from '../engine';
import type { Scene, SurfaceSide } from '../types';
import { planePoint, problemView } from './problemView';
import { sceneBasics, seriesOf, surfacePlane } from './scene';

/**
 * --compare-standardize's scene: the same descent on raw and on standardized x, each on its own surface in
 * the weights it moved. The two windows differ (a stretched valley in data units, a square around the bowl),
 * so each side gets its own grid; the series, the fit data and every reported number stay in data units.
 */
export function buildCompareScene(config: RunConfig, problems: Problem[], descents: Descent[], labels: string[]): Scene {
  const sides = descents.map((d, i) => sideOf(problems[i], d));
  const problem = problems[0];
  return {
    ...sceneBasics(config, problem),
    panels: ['surface'],
    grid: sides[0].grid,
    surface: sides[0].plane,
    series: descents.map((d, i) => seriesOf(d, labels[i])),
    sides,
    layout: 'compare',
    iterations: Math.max(...descents.map((d) => d.iterations)),
    text: { title: config.title },
  };
}

/** One side: its descent in the plane of its own problem's view (standardized weights are drawn square). */
function sideOf(problem: Problem, d: Descent): SurfaceSide {
  const iterationsTo99 = iterationsToClose99(d.trajectory.loss, problem.optimum?.loss ?? null);
  const diverged = d.diverged !== null;
  const pv = problemView(problem);
  const plane = surfacePlane(pv, problem, [d], pv.sameUnits);
  const optimum = problem.optimum && planePoint(pv.view, problem.optimum);
  const grid = planeGrid(pv.loss, plane.paths[0], optimum, diverged, pv.sameUnits ? { ...DEFAULT_GRID, square: true } : DEFAULT_GRID);
  return { grid, plane, iterationsTo99 };
}
