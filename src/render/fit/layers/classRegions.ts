import { seriesColour, stateAt } from '../../core/series';
import { fieldPicture, strokeHaloed, traceContour } from '../fieldGrid';
import { parseHex } from '../scatter';
import type { FitContext, FitLayer } from './context';
import { classColour } from './featurePoints';

/**
 * Softmax: the first series' likeliest class over the features' plane, each cell in its class's colour, as
 * strong as the model is sure of it (clear where the top two classes tie, at most REGION_ALPHA where one is
 * certain); then each series' boundaries, where the likeliest class changes, traced on the same cells in the
 * series' colour over a halo (the last series first, so the first is on top).
 */
export const classRegions: FitLayer = {
  id: 'classRegions',
  applies: (c) => c.two?.multi !== undefined,
  make: (c) => {
    const { plot, style } = c;
    const { rect } = plot;
    const K = c.two!.multi!;
    const { grid } = c.two!.field!;
    const { gw, gh } = grid;
    const cells = gw * gh;
    const colours = Array.from({ length: K }, (_, k) => parseHex(classColour(style.theme, k)));
    const picture = fieldPicture(grid);
    const { rgba } = picture;
    const probs = new Float64Array(cells * K);
    const margin = new Float64Array(cells);
    const p = new Float64Array(K);
    return {
      drawFrame(ctx, frame) {
        for (let i = c.scene.series.length - 1; i >= 0; i--) {
          if (!sample(c, i, frame.iteration, probs, p, K)) continue;
          if (i === 0) {
            for (let cell = 0; cell < cells; cell++) {
              let top = 0;
              let second = 0;
              let best = 0;
              for (let k = 0; k < K; k++) {
                const v = probs[cell * K + k];
                if (v > top) [second, top, best] = [top, v, k];
                else if (v > second) second = v;
              }
              const o = cell * 4;
              const colour = colours[best];
              rgba[o] = colour[0];
              rgba[o + 1] = colour[1];
              rgba[o + 2] = colour[2];
              rgba[o + 3] = Math.round((Math.round((top - second) * REGION_STEPS) / REGION_STEPS) * REGION_ALPHA * 255);
            }
            picture.draw(ctx, rect);
          }
          // Each boundary from the side of every class but the last (every boundary touches one of those).
          ctx.beginPath();
          for (let k = 0; k < K - 1; k++) {
            for (let cell = 0; cell < cells; cell++) {
              let other = 0;
              for (let j = 0; j < K; j++) if (j !== k) other = Math.max(other, probs[cell * K + j]);
              margin[cell] = probs[cell * K + k] - other;
            }
            traceContour(grid, margin, 0, ctx);
          }
          strokeHaloed(ctx, style, seriesColour(style, i));
        }
      },
    };
  },
};

/** Series i's class probabilities at every cell into probs (cell-major, K a cell); false when its weights are not finite. */
function sample(c: FitContext, i: number, iteration: number, probs: Float64Array, p: Float64Array, K: number): boolean {
  const series = c.scene.series[i];
  const j = stateAt(series, iteration);
  const w = series.trajectory.w.map((column) => column[j]);
  if (!w.every(Number.isFinite)) return false;
  const { xs, ys, gw, gh } = c.two!.field!.grid;
  const predict = c.scene.fit.predictClasses!;
  for (let b = 0; b < gh; b++) {
    for (let a = 0; a < gw; a++) {
      predict(w, xs[a], ys[b], p);
      probs.set(p, (b * gw + a) * K);
    }
  }
  return true;
}

/** Levels of a region's strength, and its opacity where one class is certain. */
const REGION_STEPS = 10;
const REGION_ALPHA = 0.4;
