import { seriesColour } from '../../core/series';
import { strokeHaloed, traceContour } from '../fieldGrid';
import type { FitLayer } from './context';
import { fieldAt } from './probabilityField';

/**
 * A network's decision boundary: each series' p = 1/2 contour over the features' plane, traced on the
 * field's cells (marching squares), in its colour over a halo; the last series first so the first is on top
 * (the heading names the line).
 */
export const boundaryContours: FitLayer = {
  id: 'boundaryContours',
  applies: (c) => c.two?.classes === true && c.two.curved === true && c.two.multi === undefined,
  make: (c) => ({
    drawFrame(ctx, frame) {
      const { style } = c;
      const grid = c.two!.field!.grid;
      for (let i = c.scene.series.length - 1; i >= 0; i--) {
        const values = fieldAt(c, i, frame.iteration);
        if (!values) continue;
        ctx.beginPath();
        traceContour(grid, values, 0.5, ctx);
        strokeHaloed(ctx, style, seriesColour(style, i));
      }
    },
  }),
};
