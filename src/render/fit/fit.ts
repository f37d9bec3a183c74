import type { SKRSContext2D } from '@napi-rs/canvas';
import type { Dataset, Scene } from '../../types';
import { drawAxes, drawGrid, drawHeading } from '../core/axes';
import { decisionBoundary, traceCurve, traceLine } from './fitModel';
import { drawLegend, type LegendItem } from '../core/legend';
import { drawDot, drawLabel } from '../core/markers';
import { font } from '../core/font';
import { pad, valueWindow } from './fitWindow';
import { jitter } from './jitter';
import { placePlot, type Plot, type Rect, type Style } from '../core/layout';
import { clipTo, inflate, type Panel } from '../core/panel';
import { linearAxis, type Axis } from '../core/scale';
import { drawPoints, pointStyle } from './scatter';
import { seriesColour, stateAt } from '../core/series';
import { drawStepSamples, stepSamplesLegend } from './stepSamples';

/**
 * The data and the current models: points (static, in the background) and per frame each series' model in
 * its colour: the line for a model of values, or the predicted probability with its 1/2 decision boundary
 * dashed for a model of classes.
 */
export function fitPanel(measure: SKRSContext2D, outer: Rect, scene: Scene, style: Style): Panel {
  const { data, model } = scene;
  const classes = model.target === 'classes';
  const xWindow = pad(extent(data.x), 0.05);
  const starts = scene.series.map((s) => s.trajectory.w.map((column) => column[0]));
  const yWindow: [number, number] = classes ? [-0.1, 1.1] : valueWindow(extent(data.y), xWindow, model, starts);
  const plot = placePlot(
    measure,
    outer,
    style,
    (range, n) => linearAxis(xWindow, range, n),
    (range, n) => (classes ? probabilityAxis(range, n) : linearAxis(yWindow, range, n)),
  );
  const { rect } = plot;
  const box = inflate(rect, style.line * 2);
  const { theme, f } = style;
  // The curve is sampled every 2 pixels: smooth at any size, a few hundred lineTo calls a frame.
  const samples = Math.max(16, Math.ceil(rect.w / 2));
  const single = scene.series.length === 1;
  const pointRadius = pointStyle(data.x.length, f, theme.points).radius;
  const keyColour = single ? seriesColour(style, 0) : theme.text;
  const sampleKey = stepSamplesLegend(scene.series, keyColour, pointRadius, style);
  const shortKey = stepSamplesLegend(scene.series, keyColour, pointRadius, style, true);

  /** Draws series i's model; returns where it went when none of it is in view. */
  const drawModel = (ctx: SKRSContext2D, i: number, k: number): 'above' | 'below' | null => {
    const t = scene.series[i].trajectory;
    const j = stateAt(scene.series[i], k);
    const w = t.w.map((column) => column[j]);
    if (!w.every(Number.isFinite)) return null;
    const colour = seriesColour(style, i);
    ctx.beginPath();
    const visible = classes ? (traceCurve(ctx, plot, model, w, samples), true) : traceLine(ctx, plot, box, model, w);
    ctx.strokeStyle = theme.background;
    ctx.lineWidth = style.line + 2;
    ctx.stroke();
    ctx.strokeStyle = colour;
    ctx.lineWidth = style.line;
    ctx.stroke();
    if (classes) {
      const xb = decisionBoundary(plot, model, w);
      if (xb !== null) {
        const px = plot.x.map(xb);
        ctx.beginPath();
        ctx.moveTo(px, rect.y);
        ctx.lineTo(px, rect.y + rect.h);
        ctx.setLineDash([f * 0.5, f * 0.35]);
        ctx.lineWidth = Math.max(1, style.line * 0.7);
        ctx.stroke();
        ctx.setLineDash([]);
      }
    }
    if (visible) return null;
    const mid = (plot.x.domain[0] + plot.x.domain[1]) / 2;
    return model.predict(w, mid) > plot.y.domain[1] ? 'above' : 'below';
  };

  return {
    plot,
    drawStatic(ctx) {
      drawGrid(ctx, plot, style);
      drawData(ctx, plot, data, classes, style);
      const names = scene.text?.classNames ?? classNames(data);
      drawAxes(ctx, outer, plot, style, {
        xLabel: scene.text?.xLabel ?? data.xName,
        // Named classes name the probability too: the legend's "male" and the axis's "P(Sex = male)" agree.
        yLabel: scene.text?.yLabel ?? (classes ? `P(${data.yName} = ${scene.text?.classNames?.[1] ?? positiveName(data)})` : data.yName),
      });
      const classKey: LegendItem[] = classes
        ? [theme.class0, theme.class1].map((colour, i) => ({ label: names[i], marker: (c, x, y, r) => drawDot(c, x, y, r * 0.85, colour, colour, 0) }))
        : [];
      // The step's samples join the legend when there is room, in a shorter word if need be; the classes come first.
      const legendWidth =
        drawLegend(ctx, plot, style, [...classKey, ...sampleKey], rect.w * 0.6) ||
        drawLegend(ctx, plot, style, [...classKey, ...shortKey], rect.w * 0.6) ||
        (classes ? drawLegend(ctx, plot, style, classKey, rect.w * 0.6) : 0);
      const headings = classes ? ['Data and predicted probability', 'Data and model', 'Data'] : ['Data and current fit', 'Data and fit', 'Data'];
      drawHeading(ctx, plot, style, headings, rect.w - legendWidth - f);
    },
    drawFrame(ctx, frame) {
      clipTo(ctx, rect);
      ctx.lineJoin = 'round';
      ctx.lineCap = 'butt';
      const gone: [number, 'above' | 'below'][] = [];
      for (let i = scene.series.length - 1; i >= 0; i--) {
        const where = drawModel(ctx, i, frame.iteration);
        if (where) gone.unshift([i, where]);
      }
      for (let i = scene.series.length - 1; i >= 0; i--) {
        drawStepSamples(ctx, plot, model, data, scene.series[i], frame.iteration, seriesColour(style, i), pointRadius, style);
      }
      // A diverging or far-off model would otherwise just vanish: say where it went.
      ctx.font = font(f, true);
      gone.forEach(([i, where], row) => {
        const text = single ? `fit line out of view (${where})` : `${scene.series[i].label}: out of view (${where})`;
        drawLabel(ctx, text, rect.x + f * 0.5, rect.y + f * 0.5 + row * f * 1.8, f, seriesColour(style, i), theme.labelBox);
      });
      ctx.restore();
    },
  };
}

function drawData(ctx: SKRSContext2D, plot: Plot, data: Dataset, classes: boolean, style: Style): void {
  const n = data.x.length;
  const px = Float64Array.from(data.x, (x) => plot.x.map(x));
  if (!classes) {
    drawPoints(ctx, px, Float64Array.from(data.y, (y) => plot.y.map(y)), plot.rect, pointStyle(n, style.f, style.theme.points));
    return;
  }
  // Labels are only 0 and 1, so the points of a class would pile onto one line: each is moved by a fixed
  // amount within ±JITTER and drawn see-through, so that where they crowd shows as a denser, darker band.
  for (const cls of [0, 1]) {
    const idx: number[] = [];
    for (let i = 0; i < n; i++) if ((data.y[i] >= 0.5 ? 1 : 0) === cls) idx.push(i);
    const xs = Float64Array.from(idx, (i) => px[i]);
    const ys = Float64Array.from(idx, (i) => plot.y.map(data.y[i] + JITTER * jitter(i)));
    const ps = pointStyle(n, style.f, cls === 0 ? style.theme.class0 : style.theme.class1);
    drawPoints(ctx, xs, ys, plot.rect, { ...ps, alpha: ps.alpha * CLASS_ALPHA });
  }
}

/** Half the height of a class's band of points, in probability units (the window reaches 0.1 past 0 and 1). */
const JITTER = 0.045;
/** The share of the usual point opacity a class point gets: overlaps must add up visibly. */
const CLASS_ALPHA = 0.6;

/** The probability axis: the window [−0.1, 1.1] with ticks at 0, 0.5, 1 (and quarters when there is room). */
function probabilityAxis(range: [number, number], count: number): Axis {
  const base = linearAxis([-0.1, 1.1], range, count);
  const ticks = count >= 4 ? [0, 0.25, 0.5, 0.75, 1] : [0, 0.5, 1];
  return { ...base, ticks, labels: ticks.map((v) => String(v)) };
}

function classNames(data: Dataset): [string, string] {
  return data.classNames ?? [`${data.yName} = 0`, `${data.yName} = 1`];
}

function positiveName(data: Dataset): string {
  return data.positive ?? data.classNames?.[1] ?? '1';
}

function extent(v: Float64Array): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < v.length; i++) {
    if (v[i] < lo) lo = v[i];
    if (v[i] > hi) hi = v[i];
  }
  return Number.isFinite(lo) ? [lo, hi] : [0, 1];
}
