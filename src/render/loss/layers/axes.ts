import { drawAxes } from '../../core/axes';
import type { LossLayer } from './context';

/** Iterations across, the gap or the loss up, named with the loss's short name and its scale (static). */
export const axes: LossLayer = {
  id: 'axes',
  make: ({ scene, outer, plot, style, gapMode, linear }) => ({
    drawStatic(ctx) {
      const name = scene.model.lossShort;
      const yLabel = gapMode ? `loss − minimum (${name}, log scale)` : linear ? `loss (${name})` : `loss (${name}, log scale)`;
      drawAxes(ctx, outer, plot, style, { xLabel: 'iteration', yLabel });
    },
  }),
};
