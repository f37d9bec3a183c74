import type { SKRSContext2D } from '@napi-rs/canvas';
import { font } from '../../core/font';
import { drawLabel } from '../../core/markers';
import { seriesColour, stateAt } from '../../core/series';
import { jitter } from '../jitter';
import { pointStyle } from '../scatter';
import type { FitContext, FitLayer } from './context';
import { JITTER } from './data';
import { classColour } from './featurePoints';

/**
 * Three or more features, the guide under the rows (static): the line fitted = y (values), or the curve
 * p = σ(z) with the dashed line z = 0 where p = 0.5 (classes). Labelled where it leaves the plot.
 */
export const scoreGuide: FitLayer = {
  id: 'scoreGuide',
  applies: (c) => c.score !== undefined,
  make: ({ plot, classes, style }) => ({
    drawStatic(ctx) {
      const { rect } = plot;
      const { f, theme } = style;
      ctx.save();
      ctx.beginPath();
      ctx.rect(rect.x, rect.y, rect.w, rect.h);
      ctx.clip();
      ctx.strokeStyle = theme.mutedText;
      ctx.fillStyle = theme.mutedText;
      ctx.lineWidth = Math.max(1, style.line * 0.7);
      ctx.font = font(f * 0.85);
      ctx.beginPath();
      if (classes) {
        const [z0, z1] = plot.x.domain;
        const steps = Math.max(32, Math.ceil(rect.w / 2));
        for (let s = 0; s <= steps; s++) {
          const z = z0 + ((z1 - z0) * s) / steps;
          const px = plot.x.map(z);
          const py = plot.y.map(1 / (1 + Math.exp(-z)));
          if (s === 0) ctx.moveTo(px, py);
          else ctx.lineTo(px, py);
        }
        ctx.stroke();
        const x0 = plot.x.map(0);
        ctx.beginPath();
        ctx.setLineDash([f * 0.5, f * 0.35]);
        ctx.moveTo(x0, rect.y);
        ctx.lineTo(x0, rect.y + rect.h);
        ctx.stroke();
        ctx.setLineDash([]);
        // Right of the line and under the curve, where no row lies (the rows sit at 0 and 1).
        ctx.textBaseline = 'top';
        ctx.fillText('p = 0.5', x0 + f * 0.4, plot.y.map(0.5) + f * 0.3);
      } else {
        // fitted = y across the part of the window both axes share.
        const lo = Math.max(plot.x.domain[0], plot.y.domain[0]);
        const hi = Math.min(plot.x.domain[1], plot.y.domain[1]);
        ctx.setLineDash([f * 0.5, f * 0.35]);
        ctx.moveTo(plot.x.map(lo), plot.y.map(lo));
        ctx.lineTo(plot.x.map(hi), plot.y.map(hi));
        ctx.stroke();
        ctx.setLineDash([]);
        // Its label is drawn over the rows each frame (scorePoints): well-fitted rows gather at the line.
      }
      ctx.restore();
    },
  }),
};

/**
 * Three or more features: each series' rows at this frame's weights (ScoreView), series 0 on top, a fit
 * beyond the window pinned to its edge. Series 0's rows are discs, in its colour (values) or each class in
 * its own (classes); a race's other series are rings in their colours, so that the classes and every series
 * stay apart. Held-out rows as rings.
 */
export const scorePoints: FitLayer = {
  id: 'scorePoints',
  applies: (c) => c.score !== undefined,
  make: (c) => ({
    drawFrame(ctx, frame) {
      const { scene, plot, style, classes } = c;
      for (let s = scene.series.length - 1; s >= 0; s--) drawSeries(ctx, c, s, frame.iteration);
      if (classes) return;
      // The guide's name, on a backing box at the line's upper end, over whatever rows lie there.
      const { f, theme } = style;
      const hi = Math.min(plot.x.domain[1], plot.y.domain[1]);
      ctx.font = font(f * 0.85);
      const text = 'fitted = actual';
      const w = ctx.measureText(text).width + f * 0.8;
      drawLabel(ctx, text, Math.min(plot.x.map(hi), plot.rect.x + plot.rect.w) - w - f * 0.3, Math.max(plot.y.map(hi), plot.rect.y) + f * 0.3, f * 0.85, theme.mutedText, theme.labelBox);
    },
  }),
};

function drawSeries(ctx: SKRSContext2D, c: FitContext, s: number, k: number): void {
  const { scene, plot, style, classes } = c;
  const { columns, y, parts, trained } = c.score!;
  const t = scene.series[s].trajectory;
  const j = stateAt(scene.series[s], k);
  const w = t.w.map((column) => column[j]);
  if (!w.every(Number.isFinite)) return;
  scene.fit.scoreRows!(w, columns, parts);
  const { rect } = plot;
  const { radius, alpha } = pointStyle(y.length, style.f, style.theme.points);
  const left = rect.x + radius;
  const right = rect.x + rect.w - radius;
  const first = s === 0;
  const groups = classes && first ? [0, 1] : [-1];
  ctx.save();
  ctx.beginPath();
  ctx.rect(rect.x, rect.y, rect.w, rect.h);
  ctx.clip();
  for (const group of groups) {
    const colour = group < 0 ? seriesColour(style, s) : classColour(style.theme, group);
    // Series 0: its training rows as discs, its held-out rows as rings; a race's later series: every row a ring.
    const spans = first ? ([[0, trained, false], [trained, y.length, true]] as const) : ([[0, y.length, true]] as const);
    for (const [from, to, ring] of spans) {
      ctx.beginPath();
      let any = false;
      for (let i = from; i < to; i++) {
        if (group >= 0 && (y[i] >= 0.5 ? 1 : 0) !== group) continue;
        const v = parts[i];
        if (Number.isNaN(v)) continue;
        const px = Math.min(right, Math.max(left, plot.x.map(v)));
        const py = plot.y.map(classes ? y[i] + JITTER * jitter(i) : y[i]);
        ctx.moveTo(px + radius, py);
        ctx.arc(px, py, ring ? radius * 0.85 : radius, 0, 2 * Math.PI);
        any = true;
      }
      if (!any) continue;
      if (ring) {
        ctx.globalAlpha = Math.max(alpha, first ? 0.8 : 0.6);
        ctx.strokeStyle = colour;
        ctx.lineWidth = Math.max(1.2, radius * 0.45);
        ctx.stroke();
      } else {
        ctx.globalAlpha = Math.max(alpha, 0.6);
        ctx.fillStyle = colour;
        ctx.fill();
      }
    }
  }
  ctx.restore();
}
