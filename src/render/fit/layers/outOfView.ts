import { font } from '../../core/font';
import { drawLabel } from '../../core/markers';
import { seriesColour } from '../../core/series';
import type { FitLayer } from './context';

/** A diverging or far-off model would otherwise just vanish: says where it went (see the models layer). */
export const outOfView: FitLayer = {
  id: 'outOfView',
  applies: (c) => c.two === undefined && c.score === undefined,
  make: ({ scene, plot, style, outOfView }) => ({
    drawFrame(ctx) {
      const { f, theme } = style;
      const { rect } = plot;
      const single = scene.series.length === 1;
      ctx.font = font(f, true);
      outOfView.forEach(([i, where], row) => {
        const text = single ? `fit line out of view (${where})` : `${scene.series[i].label}: out of view (${where})`;
        drawLabel(ctx, text, rect.x + f * 0.5, rect.y + f * 0.5 + row * f * 1.8, f, seriesColour(style, i), theme.labelBox);
      });
    },
  }),
};
