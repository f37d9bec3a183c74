import type { SKRSContext2D } from '@napi-rs/canvas';
import { samplesOfUpdate } from '../../engine/samples';
import type { Dataset, FitPrediction, Series } from '../../types';
import type { Plot, Style } from '../core/layout';
import type { LegendItem } from '../core/legend';
import { stateAt } from '../core/series';

/**
 * The samples the update into iteration k used (sgd: one, minibatch: its batch), on the fit panel: a ring
 * round each in the series' colour and, for a model of values and a batch of at most MAX_RESIDUALS, its
 * residual to the line shown, the error that pulled the line there. Nothing at the start, past the series' last update, or without a sample log.
 */
export function drawStepSamples(ctx: SKRSContext2D, plot: Plot, model: FitPrediction, data: Dataset, series: Series, k: number, colour: string, radius: number, style: Style): void {
  const log = series.samples;
  if (!log || k < 1 || stateAt(series, k) !== k) return;
  const picked = samplesOfUpdate(log, k);
  if (picked.length === 0) return;
  const w = series.trajectory.w.map((c) => c[k]);
  const r = ringRadius(radius, style);
  ctx.save();
  if (model.target === 'values' && picked.length <= MAX_RESIDUALS && w.every(Number.isFinite)) {
    ctx.lineCap = 'butt';
    for (const i of picked) {
      const x = plot.x.map(data.x[i]);
      const y = plot.y.map(data.y[i]);
      const fit = plot.y.map(model.predict(w, data.x[i]));
      // From the ring's edge, so the segment does not cross the point it belongs to.
      const dir = Math.sign(fit - y);
      if (Math.abs(fit - y) <= r) continue;
      segment(ctx, x, y + dir * r, x, fit, colour, style);
    }
  }
  for (const i of picked) ring(ctx, plot.x.map(data.x[i]), plot.y.map(data.y[i]), r, colour, style);
  ctx.restore();
}

/** Beyond this many samples a step's residuals hatch the whole panel; the rings alone then show the batch. */
const MAX_RESIDUALS = 8;

/** A ring clear of a data point of radius `radius` (from pointStyle), never smaller than a marker. */
const ringRadius = (radius: number, style: Style) => Math.max(radius * 1.9, radius + style.line * 1.6, style.f * 0.38);

function ring(ctx: SKRSContext2D, x: number, y: number, r: number, colour: string, style: Style): void {
  const width = Math.max(1.5, style.line * 0.8);
  ctx.beginPath();
  ctx.arc(x, y, r, 0, 2 * Math.PI);
  ctx.strokeStyle = style.theme.background;
  ctx.lineWidth = width + 2;
  ctx.stroke();
  ctx.strokeStyle = colour;
  ctx.lineWidth = width;
  ctx.stroke();
}

function segment(ctx: SKRSContext2D, x0: number, y0: number, x1: number, y1: number, colour: string, style: Style): void {
  ctx.beginPath();
  ctx.moveTo(x0, y0);
  ctx.lineTo(x1, y1);
  ctx.strokeStyle = colour;
  ctx.lineWidth = Math.max(1, style.line * 0.6);
  ctx.stroke();
}

/**
 * The legend entry: "current sample" (sgd), "current batch" (minibatch), "sampled now" (both); `short`
 * ("sample", "batch", "sampled") for a legend that also names the classes.
 */
export function stepSamplesLegend(series: readonly Series[], colour: string, radius: number, style: Style, short = false): LegendItem[] {
  const logs = series.filter((s) => s.samples);
  if (logs.length === 0) return [];
  const kind = logs.every((s) => s.samples!.batch === 1) ? 'sample' : logs.every((s) => s.samples!.batch > 1) ? 'batch' : null;
  const label = short ? (kind ?? 'sampled') : kind ? `current ${kind}` : 'sampled now';
  return [{ label, marker: (c, x, y, r) => ring(c, x, y, Math.min(r, ringRadius(radius, style)), colour, style) }];
}
