import { createCanvas, type Canvas, type SKRSContext2D } from '@napi-rs/canvas';
import { viridis } from '../../core/viridis';
import { pointStyle } from '../scatter';
import type { FitContext, FitLayer } from './context';

/**
 * Two features: each row at (x1, x2), coloured by its y on the viridis scale (static), or, for classes, in
 * its class's colour over the probability field: drawn each frame from a picture of them made once (one
 * image copy a frame, whatever the number of rows).
 */
export const featurePoints: FitLayer = {
  id: 'featurePoints',
  applies: (c) => c.two !== undefined,
  make: (c) => {
    if (!c.two!.classes) return { drawStatic: (ctx) => drawPoints(ctx, c) };
    let sprite: Canvas | undefined;
    const { rect } = c.plot;
    return {
      drawFrame(ctx) {
        if (!sprite) {
          sprite = createCanvas(Math.ceil(rect.w), Math.ceil(rect.h));
          const s = sprite.getContext('2d');
          s.translate(-rect.x, -rect.y);
          drawPoints(s, c);
        }
        ctx.drawImage(sprite, rect.x, rect.y);
      },
    };
  },
};

/** The colours of up to eight classes (Okabe & Ito's palette; the theme's own two come first). */
const CLASS_COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];

/** Class k's colour: the theme's two, then Okabe & Ito's palette (softmax's further classes). */
export function classColour(theme: { class0: string; class1: string }, k: number): string {
  return k === 0 ? theme.class0 : k === 1 ? theme.class1 : CLASS_COLOURS[k % CLASS_COLOURS.length];
}

function drawPoints(ctx: SKRSContext2D, { scene, plot, style, two }: FitContext): void {
  const { x1, x2, yRange, classes } = two!;
  const y = scene.data.y;
  const { radius, alpha } = pointStyle(y.length, style.f, style.theme.points);
  const span = yRange[1] - yRange[0] || 1;
  ctx.save();
  ctx.beginPath();
  ctx.rect(plot.rect.x, plot.rect.y, plot.rect.w, plot.rect.h);
  ctx.clip();
  ctx.globalAlpha = Math.max(alpha, 0.8);
  ctx.strokeStyle = style.theme.background;
  ctx.lineWidth = Math.max(0.6, radius * 0.25);
  for (let i = 0; i < y.length; i++) {
    const px = plot.x.map(x1[i]);
    const py = plot.y.map(x2[i]);
    ctx.beginPath();
    ctx.arc(px, py, radius, 0, 2 * Math.PI);
    ctx.fillStyle = classes ? classColour(style.theme, two!.multi ? y[i] : y[i] >= 0.5 ? 1 : 0) : viridis((y[i] - yRange[0]) / span);
    ctx.fill();
    ctx.stroke();
  }
  // --holdout: the test rows as rings in their class's (or value's) colour, never trained on.
  const held = scene.data.holdout;
  if (held?.features) {
    const [h1, h2] = held.features;
    ctx.lineWidth = Math.max(1.2, radius * 0.45);
    for (let i = 0; i < held.y.length; i++) {
      ctx.beginPath();
      ctx.arc(plot.x.map(h1[i]), plot.y.map(h2[i]), radius * 0.85, 0, 2 * Math.PI);
      ctx.strokeStyle = classes ? classColour(style.theme, two!.multi ? held.y[i] : held.y[i] >= 0.5 ? 1 : 0) : viridis((held.y[i] - yRange[0]) / span);
      ctx.stroke();
    }
  }
  ctx.restore();
}
