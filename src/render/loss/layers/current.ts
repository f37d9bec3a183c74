import { drawSeriesMarker } from '../../core/markers';
import { seriesColour, stateAt } from '../../core/series';
import type { LossLayer } from './context';

/** Each series' current point in its marker, series 0 on top; unclipped, so a marker on the right edge is whole. */
export const current: LossLayer = {
  id: 'current',
  make: ({ scene, plot, style, values, y }) => ({
    drawFrame(ctx, frame) {
      const { rect } = plot;
      for (let i = scene.series.length - 1; i >= 0; i--) {
        const j = stateAt(scene.series[i], frame.iteration);
        const v = values[i][j];
        const cy = Number.isFinite(v) ? y(v) : NaN;
        if (Number.isFinite(cy) && cy >= rect.y && cy <= rect.y + rect.h) {
          drawSeriesMarker(ctx, i, plot.x.map(j), cy, style.f * 0.36, seriesColour(style, i), style.theme.halo, Math.max(1.2, style.line * 0.6));
        }
      }
    },
  }),
};
