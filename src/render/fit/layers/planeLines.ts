import type { SKRSContext2D } from '@napi-rs/canvas';
import { clipSegment } from '../../core/clip';
import { strokeHaloed } from '../fieldGrid';
import { font } from '../../core/font';
import { seriesColour, stateAt } from '../../core/series';
import type { FitContext, FitLayer } from './context';

/**
 * Two features: each series' current fit as lines of equal fitted y (w0 + w1·x1 + w2·x2 = level) at round
 * levels across y's range, in its colour over a halo; series 0's lines are labelled with their level. The
 * lines turn and spread as the descent moves the plane; matching a point's colour to the nearest line's
 * label shows where the fit is off.
 */
export const planeLines: FitLayer = {
  id: 'planeLines',
  applies: (c) => c.two !== undefined && !c.two.curved,
  make: (c) => ({
    drawFrame(ctx, frame) {
      for (let i = c.scene.series.length - 1; i >= 0; i--) {
        const t = c.scene.series[i].trajectory;
        const j = stateAt(c.scene.series[i], frame.iteration);
        const w = t.w.map((column) => column[j]);
        if (w.every(Number.isFinite)) drawLevels(ctx, c, w, seriesColour(c.style, i), i === 0);
      }
    },
  }),
};

function drawLevels(ctx: SKRSContext2D, c: FitContext, w: number[], colour: string, labelled: boolean): void {
  const { plot, box, style } = c;
  const { levels, labels } = c.two!;
  const [w0, w1, w2] = w;
  const norm2 = w1 * w1 + w2 * w2;
  if (!(norm2 > 0)) return;
  // A point of the line and its direction, in data units; long enough to cross the window, then clipped.
  const [a0, a1] = plot.x.domain;
  const [b0, b1] = plot.y.domain;
  const reach = 4 * (Math.abs(a1 - a0) + Math.abs(b1 - b0)) + Math.abs(a0) + Math.abs(b0);
  const ends: ([number, number, number, number] | null)[] = levels.map((level) => {
    const k = (level - w0) / norm2;
    const [px, py] = [k * w1, k * w2];
    const u = Math.hypot(w1, w2);
    const [dx, dy] = [(-w2 / u) * reach, (w1 / u) * reach];
    const x0 = plot.x.map(px - dx);
    const y0 = plot.y.map(py - dy);
    const x1 = plot.x.map(px + dx);
    const y1 = plot.y.map(py + dy);
    const cut = clipSegment(x0, y0, x1, y1, box);
    if (!cut) return null;
    return [x0 + cut[0] * (x1 - x0), y0 + cut[0] * (y1 - y0), x0 + cut[1] * (x1 - x0), y0 + cut[1] * (y1 - y0)];
  });
  ctx.save();
  ctx.beginPath();
  ctx.rect(box.x, box.y, box.w, box.h);
  ctx.clip();
  ctx.beginPath();
  for (const e of ends) {
    if (!e) continue;
    ctx.moveTo(e[0], e[1]);
    ctx.lineTo(e[2], e[3]);
  }
  strokeHaloed(ctx, style, colour, 'butt');
  if (labelled) {
    ctx.font = font(style.f * 0.8);
    ctx.textBaseline = 'middle';
    ctx.lineJoin = 'round';
    ends.forEach((e, k) => {
      if (!e) return;
      // At the end nearer the plot's top or right edge, pulled inside the box.
      const [x, y] = e[1] < e[3] ? [e[0], e[1]] : [e[2], e[3]];
      const text = labels[k];
      const tw = ctx.measureText(text).width;
      const tx = Math.min(Math.max(x - tw / 2, plot.rect.x + 2), plot.rect.x + plot.rect.w - tw - 2);
      const ty = Math.min(Math.max(y + style.f * 0.7, plot.rect.y + style.f * 0.6), plot.rect.y + plot.rect.h - style.f * 0.6);
      ctx.lineWidth = 3;
      ctx.strokeStyle = style.theme.background;
      ctx.strokeText(text, tx, ty);
      ctx.fillStyle = colour;
      ctx.fillText(text, tx, ty);
    });
  }
  ctx.restore();
}
