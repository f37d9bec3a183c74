import { drawAxes } from '../../core/axes';
import type { SurfaceLayer } from './context';

/** The plane's axes, ticks and names (static): the labels are the view's, never the renderer's guess. */
export const axes: SurfaceLayer = {
  id: 'axes',
  make: ({ scene, outer, plot, style }) => ({
    drawStatic(ctx) {
      const [xLabel, yLabel] = scene.surface.labels;
      drawAxes(ctx, plot.box ?? outer, plot, style, { xLabel, yLabel });
    },
  }),
};
