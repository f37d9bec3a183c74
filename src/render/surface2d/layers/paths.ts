import { seriesColour } from '../../core/series';
import { pathLayers, stackedWidths, strokePath, usesLayers } from '../surfacePath';
import type { SurfaceLayer } from './context';

/**
 * Each series' path travelled by the frame's iteration, in its colour, widest first, so that a path running
 * under another still shows along its edges; series 0 last, on top where paths cross. Long paths are kept on
 * layers and extended frame by frame (pathLayers); the rest are stroked whole.
 */
export const paths: SurfaceLayer = {
  id: 'paths',
  make: ({ paths, plot, box, style }) => {
    const widths = stackedWidths(paths.length, style);
    const layered = paths.map((p, i) => (usesLayers(p, widths[i]) ? pathLayers(p, plot.rect, style, widths[i]) : null));
    return {
      drawFrame(ctx, frame) {
        const k = frame.iteration;
        paths.forEach((p, i) => {
          const draw = layered[i];
          if (draw) draw(ctx, k, box, seriesColour(style, i));
          else strokePath(ctx, p, k, box, seriesColour(style, i), style, widths[i]);
        });
      },
    };
  },
};
