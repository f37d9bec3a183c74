import { seriesColour } from '../../core/series';
import { arrowLegend, drawArrowsAt } from '../arrows';
import type { SurfaceLayer } from './context';

/** --arrows: the gradient step (and an optimizer's last step) at each current point. */
export const arrows: SurfaceLayer = {
  id: 'arrows',
  applies: (c) => c.scene.arrows !== undefined,
  make: ({ scene, paths, plot, style, keyColour }) => {
    const a = scene.arrows!;
    return {
      drawFrame(ctx, frame) {
        paths.forEach((p, i) => drawArrowsAt(ctx, a, i, p, plot, frame.iteration, seriesColour(style, i), style));
      },
      key: arrowLegend(a, style, keyColour),
    };
  },
};
