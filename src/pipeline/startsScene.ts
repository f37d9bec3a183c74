import type { RunConfig } from '../config';
import { DEFAULT_GRID, lossGrid, optimizerOf, type Problem } from '../engine';
import type { Scene, StartsLayer } from '../types';
import { knownPoints } from '../engine/landscape';
import { landmarksOf } from './scene';
import type { StartsRun } from './starts';

/**
 * The scene of a --starts run: the landscape's surface over its domain (paths that leave it are clipped),
 * its landmarks, and the starts as compact arrays; no series of their own.
 */
export function startsScene(config: RunConfig, problem: Problem, run: StartsRun): Scene {
  const l = problem.landscape!;
  const marks = landmarksOf(l);
  // The minima come first among the landmarks, in the same order as run.minima (see landmarksOf).
  const minima = knownPoints(l.minima);
  const landmark = run.minimum.map((k) => (k >= 0 && marks[k] && marks[k].w[0] === minima[k].w[0] && marks[k].w[1] === minima[k].w[1] ? k : -1));
  const o = optimizerOf(run.optimizer);
  const count = run.x.length;
  const starts: StartsLayer = {
    basins: config.starts!.basins,
    x: run.x,
    y: run.y,
    paths: run.paths,
    landmark,
    reachedAt: run.reachedAt,
    optimizerTitle: o.title,
    optimizerShort: o.short,
    lr: run.lr,
    placement: run.spec.kind === 'grid' ? `${count} starts, grid ${run.spec.side}×${run.spec.side}` : `${count} random starts`,
    minima: minima.length > 0 ? 'known' : l.minima.kind === 'none' ? 'none' : 'unknown',
  };
  const window = { w0: [...l.domain.x] as [number, number], w1: [...l.domain.y] as [number, number] };
  const start = { w: [Float64Array.from(run.x.subarray(0, 1)), Float64Array.from(run.y.subarray(0, 1))], loss: Float64Array.of(0) };
  const grid = lossGrid(problem.descriptor, problem.objective, start, problem.optimum, false, { ...DEFAULT_GRID, window, levelScale: l.levels });
  const iterations = run.paths.reduce((m, p) => Math.max(m, p.loss.length - 1), 0);
  return {
    width: config.width,
    height: config.height,
    theme: config.theme,
    panels: ['surface'],
    model: problem.descriptor,
    data: problem.data,
    grid,
    optimum: problem.optimum,
    landmarks: marks,
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
