import { drawReachedNames } from '../landmarks';
import type { SurfaceLayer } from './context';

/** A landscape: the name of each known point a path has reached, from the iteration its verdict says it did. */
export const reachedNames: SurfaceLayer = {
  id: 'reachedNames',
  applies: (c) => c.scene.surface.marks === 'landmarks',
  make: ({ scene, plot, style }) => ({
    drawFrame: (ctx, frame) => drawReachedNames(ctx, scene.surface.landmarks, scene.series, plot, frame.iteration, style),
  }),
};
