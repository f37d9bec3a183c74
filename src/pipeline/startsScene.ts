import type { RunConfig } from '../config';
import { DEFAULT_GRID, optimizerOf, planeGrid, type Problem } from '../engine';
import type { Scene, StartsLayer } from '../types';
import { knownPoints } from '../engine/landscape';
import { fitOf, landmarksOf } from './scene';
import { planePath } from './view';
import { planePoint, problemView } from './problemView';
import type { StartsRun } from './starts';

/**
 * The scene of a --starts run: the landscape's surface over its domain (paths that leave it are clipped),
 * its landmarks, and the starts as compact arrays; no series of their own.
 */
export function startsScene(config: RunConfig, problem: Problem, run: StartsRun): Scene {
  const l = problem.landscape!;
  const pv = problemView(problem);
  const marks = landmarksOf(pv.view, problem);
  // The minima come first among the landmarks, in the same order as run.minima (see landmarksOf).
  const minima = knownPoints(l.minima);
  const landmark = run.minimum.map((k) => (k >= 0 && marks[k] && [marks[k].u, marks[k].v].every((c, j) => c === pv.view.toPlane(minima[k].w)[j]) ? k : -1));
  const o = optimizerOf(run.optimizer);
  const count = run.x.length;
  const starts: StartsLayer = {
    basins: config.starts!.basins,
    x: run.x,
    y: run.y,
    paths: run.paths.map((t) => planePath(pv.view, t)),
    landmark,
    otherMinimum: run.otherMinimum,
    reachedAt: run.reachedAt,
    optimizerTitle: o.title,
    optimizerShort: o.short,
    lr: run.lr,
    placement: run.spec.kind === 'grid' ? `${count} starts, grid ${run.spec.side}×${run.spec.side}` : `${count} random starts`,
    minima: minima.length > 0 ? 'known' : l.minima.kind === 'none' ? 'none' : 'unknown',
  };
  const window = { u: [...l.domain.x] as [number, number], v: [...l.domain.y] as [number, number] };
  const start = { u: Float64Array.from(run.x.subarray(0, 1)), v: Float64Array.from(run.y.subarray(0, 1)), loss: Float64Array.of(0) };
  const optimum = problem.optimum && planePoint(pv.view, problem.optimum);
  const grid = planeGrid(pv.loss, start, optimum, false, { ...DEFAULT_GRID, window, levelScale: l.levels });
  const iterations = run.paths.reduce((m, p) => Math.max(m, p.loss.length - 1), 0);
  return {
    width: config.width,
    height: config.height,
    theme: config.theme,
    panels: ['surface'],
    model: problem.descriptor,
    data: problem.data,
    fit: fitOf(problem),
    grid,
    surface: { labels: pv.view.labels, note: pv.note, equalAspect: true, paths: [], references: [], landmarks: marks, marks: 'landmarks' },
    optimum: problem.optimum,
    series: [],
    layout: 'overlay',
    view: '2d',
    iterations,
    requestedIterations: config.iterations,
    text: { title: config.title },
    ...(config.rateSchedule.kind === 'constant' ? {} : { schedule: config.schedule }),
    fontScale: config.fontScale,
    starts,
  };
}
