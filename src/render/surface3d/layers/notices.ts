import { drawSurfaceNotices } from '../../surface2d/notices';
import { inRect, type SceneLayer } from './context';

/** Which series diverged by now, and why there is no minimum to mark. */
export const notices: SceneLayer = {
  id: 'notices',
  make: ({ scene, rect, style }) => ({
    drawFrame: (ctx, frame) => inRect(ctx, rect, () => drawSurfaceNotices(ctx, rect, scene, style, frame.iteration, scene.optimum !== null)),
  }),
};
