import { drawNamesAt, reachedBy } from '../../surface2d/landmarks';
import { inRect, type SceneLayer } from './context';
import { landmarkSpots } from './spots';

/** A landscape: the point a path reached, named as in 2-D, from the iteration its verdict says. */
export const reachedNames: SceneLayer = {
  id: 'reachedNames',
  applies: (c) => c.scene.surface.marks === 'landmarks',
  make: (c) => ({
    drawFrame(ctx, frame) {
      const spots = landmarkSpots(c, c.cameraAt(frame));
      inRect(ctx, c.rect, () => drawNamesAt(ctx, c.scene.surface.landmarks, reachedBy(c.scene.series, frame.iteration), spots, c.rect, c.style));
    },
  }),
};
