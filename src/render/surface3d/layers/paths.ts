import { seriesColour } from '../../core/series';
import { strokePath3 } from '../path3d';
import { inRect, type SceneLayer } from './context';

/** Each series' path travelled by the frame's iteration, riding on the surface, faint where it hides it. */
export const paths: SceneLayer = {
  id: 'paths',
  make: ({ paths, widths, rect, vp, style, hides, cameraAt }) => ({
    drawFrame(ctx, frame) {
      const cam = cameraAt(frame);
      inRect(ctx, rect, () => paths.forEach((p, i) => strokePath3(ctx, p, frame.iteration, cam, vp, seriesColour(style, i), style, widths[i], hides)));
    },
  }),
};
