import { drawDot } from '../../core/markers';
import { prefixPaths } from '../../core/polyline';
import { seriesColour, stateAt } from '../../core/series';
import type { LossLayer } from './context';
import { strokeCurves } from './curves';

/**
 * --holdout: each series' loss on the test rows, dashed in its colour under the training curves, up to the
 * frame's iteration, with a hollow ring at the current value. Over-fitting shows as this curve turning up
 * while the training loss still falls.
 */
export const testCurves: LossLayer = {
  id: 'testCurves',
  applies: (c) => c.test !== undefined,
  make: (c) => {
    const { scene, plot, style, y, test } = c;
    const { values, curves } = test!;
    const paths = curves.map(prefixPaths);
    const dash = [style.f * 0.5, style.f * 0.35];
    return {
      drawFrame(ctx, frame) {
        strokeCurves(ctx, c, paths, values, frame.iteration, dash);
        const { rect } = plot;
        for (let i = curves.length - 1; i >= 0; i--) {
          const j = stateAt(scene.series[i], frame.iteration);
          const cy = Number.isFinite(values[i][j]) ? y(values[i][j]) : NaN;
          if (Number.isFinite(cy) && cy >= rect.y && cy <= rect.y + rect.h) {
            drawDot(ctx, plot.x.map(j), cy, style.f * 0.3, style.theme.background, seriesColour(style, i), Math.max(1.2, style.line * 0.6));
          }
        }
      },
    };
  },
};
