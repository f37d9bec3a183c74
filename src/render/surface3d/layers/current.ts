import { seriesColour } from '../../core/series';
import { drawCurrent3 } from '../path3d';
import { inRect, type SceneLayer } from './context';

/** Each series' current point, series 0 on top. */
export const current: SceneLayer = {
  id: 'current',
  make: ({ paths, rect, vp, style, hides, cameraAt }) => ({
    drawFrame(ctx, frame) {
      const cam = cameraAt(frame);
      inRect(ctx, rect, () => {
        for (let i = paths.length - 1; i >= 0; i--) drawCurrent3(ctx, paths[i], i, frame.iteration, cam, vp, seriesColour(style, i), style, hides);
      });
    },
  }),
};
