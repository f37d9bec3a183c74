import { clipTo, inflate } from '../../core/panel';
import { prefixPaths } from '../../core/polyline';
import { seriesColour, stateAt } from '../../core/series';
import type { LossLayer } from './context';

/** Each series' curve up to the frame's iteration, never ahead of it, series 0 on top; clipped to the plot. */
export const curves: LossLayer = {
  id: 'curves',
  make: ({ scene, plot, box, style, values, y, curves }) => {
    // Each curve grows frame by frame as one Path2D (prefixPaths): tracing every prefix anew cost a native
    // call per vertex per frame. The same moves and vertices, so the same pixels.
    const paths = curves.map(prefixPaths);
    return {
    drawFrame(ctx, frame) {
      clipTo(ctx, inflate(plot.rect, style.line));
      ctx.lineWidth = style.line;
      ctx.lineJoin = 'round';
      ctx.lineCap = 'round';
      for (let i = curves.length - 1; i >= 0; i--) {
        const j = stateAt(scene.series[i], frame.iteration);
        const v = values[i][j];
        ctx.strokeStyle = seriesColour(style, i);
        ctx.stroke(paths[i](j, plot.x.map(j), Number.isFinite(v) ? y(v) : NaN, box));
      }
      ctx.restore();
    },
    };
  },
};
