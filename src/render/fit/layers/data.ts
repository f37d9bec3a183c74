import type { SKRSContext2D } from '@napi-rs/canvas';
import type { Dataset } from '../../../types';
import type { Plot, Style } from '../../core/layout';
import { jitter } from '../jitter';
import { drawPoints, pointStyle } from '../scatter';
import type { FitLayer } from './context';

/** The data set's points (static): x against y, or each class in its colour, jittered about 0 and 1. */
export const data: FitLayer = {
  id: 'data',
  applies: (c) => c.two === undefined && c.score === undefined,
  make: ({ scene, plot, classes, style }) => ({ drawStatic: (ctx) => drawData(ctx, plot, scene.data, classes, style) }),
};

/**
 * Plain loops into typed arrays: on a million rows, building the classes through arrays of indices and
 * Float64Array.from with a function a point took ~200 ms of a run's drawing preparation.
 */
function drawData(ctx: SKRSContext2D, plot: Plot, data: Dataset, classes: boolean, style: Style): void {
  const { x, y } = data;
  const n = x.length;
  if (!classes) {
    const xs = new Float64Array(n);
    const ys = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      xs[i] = plot.x.map(x[i]);
      ys[i] = plot.y.map(y[i]);
    }
    drawPoints(ctx, xs, ys, plot.rect, pointStyle(n, style.f, style.theme.points));
    if (data.holdout) drawHeldOut(ctx, plot, data.holdout, style, n);
    return;
  }
  // Labels are only 0 and 1, so the points of a class would pile onto one line: each is moved by a fixed
  // amount within ±JITTER and drawn see-through, so that where they crowd shows as a denser, darker band.
  let ones = 0;
  for (let i = 0; i < n; i++) if (y[i] >= 0.5) ones++;
  for (const cls of [0, 1]) {
    const xs = new Float64Array(cls === 1 ? ones : n - ones);
    const ys = new Float64Array(xs.length);
    for (let i = 0, k = 0; i < n; i++) {
      if ((y[i] >= 0.5 ? 1 : 0) !== cls) continue;
      xs[k] = plot.x.map(x[i]);
      ys[k++] = plot.y.map(y[i] + JITTER * jitter(i));
    }
    const ps = pointStyle(n, style.f, cls === 0 ? style.theme.class0 : style.theme.class1);
    drawPoints(ctx, xs, ys, plot.rect, { ...ps, alpha: ps.alpha * CLASS_ALPHA });
  }
}

/** --holdout: the test rows as rings in the points' colour, the training points' size: never trained on. */
function drawHeldOut(ctx: SKRSContext2D, plot: Plot, held: NonNullable<Dataset['holdout']>, style: Style, nTrain: number): void {
  const { radius } = pointStyle(nTrain + held.x.length, style.f, style.theme.points);
  ctx.save();
  ctx.beginPath();
  ctx.rect(plot.rect.x, plot.rect.y, plot.rect.w, plot.rect.h);
  ctx.clip();
  ctx.strokeStyle = style.theme.points;
  ctx.lineWidth = Math.max(1, radius * 0.4);
  ctx.beginPath();
  for (let i = 0; i < held.x.length; i++) {
    const x = plot.x.map(held.x[i]);
    const y = plot.y.map(held.y[i]);
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    ctx.moveTo(x + radius, y);
    ctx.arc(x, y, radius, 0, 2 * Math.PI);
  }
  ctx.stroke();
  ctx.restore();
}

/** Half the height of a class's band of points, in probability units (the window reaches 0.1 past 0 and 1). */
export const JITTER = 0.045;
/** The share of the usual point opacity a class point gets: overlaps must add up visibly. */
const CLASS_ALPHA = 0.6;
