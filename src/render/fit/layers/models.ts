import type { SKRSContext2D } from '@napi-rs/canvas';
import { seriesColour, stateAt } from '../../core/series';
import { decisionBoundaries, decisionBoundary, traceCurve, traceLine, traceValues } from '../fitModel';
import type { FitContext, FitLayer } from './context';

/**
 * Each series' current model in its colour over a halo, series 0 on top: the line of a model of values, or
 * the predicted probability with its 1/2 decision boundary dashed. Records which models are out of view.
 */
export const models: FitLayer = {
  id: 'models',
  applies: (c) => c.two === undefined && c.score === undefined,
  make: (c) => {
    // The curve is sampled every 2 pixels: smooth at any size, a few hundred lineTo calls a frame.
    const samples = Math.max(16, Math.ceil(c.plot.rect.w / 2));
    return {
      drawFrame(ctx, frame) {
        ctx.lineCap = 'butt';
        c.outOfView.length = 0;
        for (let i = c.scene.series.length - 1; i >= 0; i--) {
          const where = drawModel(ctx, c, i, frame.iteration, samples);
          if (where) c.outOfView.unshift([i, where]);
        }
      },
    };
  },
};

/** Draws series i's model; returns where it went when none of it is in view. */
function drawModel(ctx: SKRSContext2D, c: FitContext, i: number, k: number, samples: number): 'above' | 'below' | null {
  const { scene, plot, box, classes, style } = c;
  const { fit } = scene;
  const { rect } = plot;
  const t = scene.series[i].trajectory;
  const j = stateAt(scene.series[i], k);
  const w = t.w.map((column) => column[j]);
  if (!w.every(Number.isFinite)) return null;
  const colour = seriesColour(style, i);
  // A curve is clipped by the panel (a line is clipped as it is traced).
  if (fit.curve) {
    ctx.save();
    ctx.beginPath();
    ctx.rect(box.x, box.y, box.w, box.h);
    ctx.clip();
  }
  ctx.beginPath();
  const visible = classes ? (traceCurve(ctx, plot, fit, w, samples), true) : fit.curve ? traceValues(ctx, plot, box, fit, w, samples) : traceLine(ctx, plot, box, fit, w);
  ctx.strokeStyle = style.theme.background;
  ctx.lineWidth = style.line + 2;
  ctx.stroke();
  ctx.strokeStyle = colour;
  ctx.lineWidth = style.line;
  ctx.stroke();
  if (fit.curve) ctx.restore();
  if (classes) {
    // A monotone model crosses 1/2 once at most; a network's curve may cross it again and again.
    const crossings = fit.curve ? decisionBoundaries(plot, fit, w, samples) : [decisionBoundary(plot, fit, w)].filter((x): x is number => x !== null);
    if (crossings.length > 0) {
      ctx.beginPath();
      for (const xb of crossings) {
        const px = plot.x.map(xb);
        ctx.moveTo(px, rect.y);
        ctx.lineTo(px, rect.y + rect.h);
      }
      ctx.setLineDash([style.f * 0.5, style.f * 0.35]);
      ctx.lineWidth = Math.max(1, style.line * 0.7);
      ctx.stroke();
      ctx.setLineDash([]);
    }
  }
  if (visible) return null;
  const mid = (plot.x.domain[0] + plot.x.domain[1]) / 2;
  return fit.predict(w, mid) > plot.y.domain[1] ? 'above' : 'below';
}
