import { clipTo, inflate } from '../../core/panel';
import { tracePrefix } from '../../core/polyline';
import { seriesColour, stateAt } from '../../core/series';
import type { LossLayer } from './context';

/** Each series' curve up to the frame's iteration, never ahead of it, series 0 on top; clipped to the plot. */
export const curves: LossLayer = {
  id: 'curves',
  make: ({ scene, plot, box, style, values, y, curves }) => ({
    drawFrame(ctx, frame) {
      clipTo(ctx, inflate(plot.rect, style.line));
      ctx.lineWidth = style.line;
      ctx.lineJoin = 'round';
      ctx.lineCap = 'round';
      for (let i = curves.length - 1; i >= 0; i--) {
        const j = stateAt(scene.series[i], frame.iteration);
        const v = values[i][j];
        ctx.beginPath();
        tracePrefix(ctx, curves[i], j, plot.x.map(j), Number.isFinite(v) ? y(v) : NaN, box);
        ctx.strokeStyle = seriesColour(style, i);
        ctx.stroke();
      }
      ctx.restore();
    },
  }),
};
