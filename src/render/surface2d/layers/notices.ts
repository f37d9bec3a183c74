import { drawSurfaceNotices } from '../notices';
import type { SurfaceLayer } from './context';

/** Which series diverged by now, and why there is no minimum to mark. */
export const notices: SurfaceLayer = {
  id: 'notices',
  make: ({ scene, plot, style }) => ({
    drawFrame: (ctx, frame) => drawSurfaceNotices(ctx, plot.rect, scene, style, frame.iteration, scene.optimum !== null),
  }),
};
