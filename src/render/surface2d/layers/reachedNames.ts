import { reachedNamesPainter } from '../landmarks';
import type { SurfaceLayer } from './context';

/** A landscape: the name of each known point a path has reached, from the iteration its verdict says it did. */
export const reachedNames: SurfaceLayer = {
  id: 'reachedNames',
  applies: (c) => c.scene.surface.marks === 'landmarks',
  make: ({ scene, plot, style }) => {
    const paint = reachedNamesPainter(scene.surface.landmarks, scene.series, plot, style);
    return { drawFrame: (ctx, frame) => paint(ctx, frame.iteration) };
  },
};
