import type { SKRSContext2D } from '@napi-rs/canvas';
import type { Dataset, Scene } from '../types';
import { drawAxes, drawGrid, drawHeading } from './axes';
import { clipSegment } from './clip';
import { drawLegend } from './legend';
import { drawDot, drawLabel } from './markers';
import { font } from './font';
import { placePlot, type Plot, type Rect, type Style } from './layout';
import { clipTo, inflate, type Panel } from './panel';
import { linearAxis, type Axis } from './scale';
import { drawPoints, pointStyle } from './scatter';

/**
 * The data and the current model: points (static, in the background) and per frame the line
 * w0 + w1·x (linear) or the sigmoid σ(w0 + w1·x) with its 0.5 decision boundary dashed (logistic).
 */
export function fitPanel(measure: SKRSContext2D, outer: Rect, scene: Scene, style: Style): Panel {
  const { data, trajectory: t } = scene;
  const logistic = scene.model === 'logistic';
  const xWindow = pad(extent(data.x), 0.05);
  const yWindow: [number, number] = logistic ? [-0.1, 1.1] : pad(extent(data.y), 0.1);
  const plot = placePlot(
    measure,
    outer,
    style,
    (range, n) => linearAxis(xWindow, range, n),
    (range, n) => (logistic ? probabilityAxis(range, n) : linearAxis(yWindow, range, n)),
  );
  const { rect } = plot;
  const box = inflate(rect, style.line * 2);
  const { theme, f } = style;
  // The sigmoid is sampled every 2 pixels: smooth at any size, a few hundred lineTo calls a frame.
  const samples = Math.max(16, Math.ceil(rect.w / 2));

  return {
    plot,
    drawStatic(ctx) {
      drawGrid(ctx, plot, style);
      drawData(ctx, plot, data, logistic, style);
      drawAxes(ctx, outer, plot, style, {
        xLabel: data.xName,
        yLabel: logistic ? `P(${data.yName} = ${positiveName(data)})` : data.yName,
      });
      const names = classNames(data);
      const legendWidth = logistic
        ? drawLegend(
            ctx,
            plot,
            style,
            [theme.class0, theme.class1].map((colour, i) => ({
              label: names[i],
              marker: (c, x, y, r) => drawDot(c, x, y, r * 0.85, colour, colour, 0),
            })),
            rect.w * 0.6,
          )
        : 0;
      const headings = logistic ? ['Data and predicted probability', 'Data and model', 'Data'] : ['Data and current fit', 'Data and fit', 'Data'];
      drawHeading(ctx, plot, style, headings, rect.w - legendWidth - f);
    },
    drawFrame(ctx, k) {
      const w0 = t.w0[k];
      const w1 = t.w1[k];
      if (!Number.isFinite(w0) || !Number.isFinite(w1)) return;
      clipTo(ctx, rect);
      ctx.lineJoin = 'round';
      ctx.lineCap = 'butt';
      ctx.beginPath();
      const visible = logistic ? (traceSigmoid(ctx, plot, w0, w1, samples), true) : traceLine(ctx, plot, box, w0, w1);
      ctx.strokeStyle = theme.background;
      ctx.lineWidth = style.line + 2;
      ctx.stroke();
      ctx.strokeStyle = theme.accent;
      ctx.lineWidth = style.line;
      ctx.stroke();
      if (!visible) {
        // A diverging or far-off model would otherwise just vanish: say where it went.
        const mid = (plot.x.domain[0] + plot.x.domain[1]) / 2;
        const where = w0 + w1 * mid > plot.y.domain[1] ? 'above' : 'below';
        ctx.font = font(f, true);
        drawLabel(ctx, `fit line out of view (${where})`, rect.x + f * 0.5, rect.y + f * 0.5, f, theme.accent, theme.labelBox);
      }
      if (logistic && w1 !== 0) {
        const xb = plot.x.map(-w0 / w1);
        if (xb >= rect.x && xb <= rect.x + rect.w) {
          ctx.beginPath();
          ctx.moveTo(xb, rect.y);
          ctx.lineTo(xb, rect.y + rect.h);
          ctx.setLineDash([f * 0.5, f * 0.35]);
          ctx.lineWidth = Math.max(1, style.line * 0.7);
          ctx.stroke();
          ctx.setLineDash([]);
        }
      }
      ctx.restore();
    },
  };
}

/** Adds the fit line, clipped to the panel, to the path; false when no part of it is in view. */
function traceLine(ctx: SKRSContext2D, plot: Plot, box: Rect, w0: number, w1: number): boolean {
  const [a, b] = plot.x.domain;
  const x0 = plot.x.map(a);
  const x1 = plot.x.map(b);
  const y0 = plot.y.map(w0 + w1 * a);
  const y1 = plot.y.map(w0 + w1 * b);
  const c = clipSegment(x0, y0, x1, y1, box);
  if (!c) return false;
  ctx.moveTo(x0 + c[0] * (x1 - x0), y0 + c[0] * (y1 - y0));
  ctx.lineTo(x0 + c[1] * (x1 - x0), y0 + c[1] * (y1 - y0));
  return true;
}

function traceSigmoid(ctx: SKRSContext2D, plot: Plot, w0: number, w1: number, samples: number): void {
  const [a, b] = plot.x.domain;
  for (let s = 0; s <= samples; s++) {
    const x = a + ((b - a) * s) / samples;
    const px = plot.x.map(x);
    const py = plot.y.map(sigmoid(w0 + w1 * x));
    if (s === 0) ctx.moveTo(px, py);
    else ctx.lineTo(px, py);
  }
}

function drawData(ctx: SKRSContext2D, plot: Plot, data: Dataset, logistic: boolean, style: Style): void {
  const n = data.x.length;
  const px = new Float64Array(n);
  const py = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    px[i] = plot.x.map(data.x[i]);
    py[i] = plot.y.map(data.y[i]);
  }
  if (!logistic) {
    drawPoints(ctx, px, py, plot.rect, pointStyle(n, style.f, style.theme.points));
    return;
  }
  for (const cls of [0, 1]) {
    const idx: number[] = [];
    for (let i = 0; i < n; i++) if ((data.y[i] >= 0.5 ? 1 : 0) === cls) idx.push(i);
    const xs = Float64Array.from(idx, (i) => px[i]);
    const ys = Float64Array.from(idx, (i) => py[i]);
    drawPoints(ctx, xs, ys, plot.rect, pointStyle(n, style.f, cls === 0 ? style.theme.class0 : style.theme.class1));
  }
}

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

/** σ(z) without overflow for large |z|. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
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

/** Widens [a, b] by `share` of its span on each side (by 1 when it has no span). */
function pad([a, b]: [number, number], share: number): [number, number] {
  const m = b > a ? (b - a) * share : Math.max(1, Math.abs(a) * 0.1);
  return [a - m, b + m];
}
