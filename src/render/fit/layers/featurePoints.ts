import { viridis } from '../../core/viridis';
import { pointStyle } from '../scatter';
import type { FitLayer } from './context';

/** Two features: each row at (x1, x2), coloured by its y on the viridis scale (static). */
export const featurePoints: FitLayer = {
  id: 'featurePoints',
  applies: (c) => c.two !== undefined,
  make: ({ scene, plot, style, two }) => ({
    drawStatic(ctx) {
      const { x1, x2, yRange } = two!;
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
        ctx.fillStyle = viridis((y[i] - yRange[0]) / span);
        ctx.fill();
        ctx.stroke();
      }
      ctx.restore();
    },
  }),
};
