import { distinctStarts, startLegend, startMarker } from '../marks';
import type { SurfaceLayer } from './context';

/** The start of every path, each point once (a race shares its start). */
export const starts: SurfaceLayer = {
  id: 'starts',
  make: ({ paths, style }) => {
    const points = distinctStarts(paths.map((p) => [p.sx(0), p.sy(0)]));
    return {
      drawFrame(ctx) {
        for (const [x, y] of points) startMarker(ctx, x, y, style.f * 0.32, style);
      },
      legend: [startLegend(style)],
    };
  },
};
