import { drawContours } from '../contours';
import type { SurfaceLayer } from './context';

/** The viridis bands of the loss with their iso-lines (static). */
export const contours: SurfaceLayer = {
  id: 'contours',
  make: ({ scene, plot, style }) => ({ drawStatic: (ctx) => drawContours(ctx, scene.grid, plot.rect, style) }),
};
