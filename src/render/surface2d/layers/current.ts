import { seriesColour } from '../../core/series';
import { drawCurrent } from '../surfacePath';
import type { SurfaceLayer } from './context';

/** Each series' current point, series 0 on top. */
export const current: SurfaceLayer = {
  id: 'current',
  make: ({ paths, style }) => ({
    drawFrame(ctx, frame) {
      for (let i = paths.length - 1; i >= 0; i--) drawCurrent(ctx, paths[i], i, frame.iteration, seriesColour(style, i), style);
    },
  }),
};
