import { fitText } from '../../core/axes';
import { font } from '../../core/font';
import { formatNumber } from '../../core/format';
import { drawLabel } from '../../core/markers';
import { seriesColour, stateAt } from '../../core/series';
import type { LossLayer } from './context';

/**
 * A loss that fell below the linear axis's window (off a saddle, down a loss unbounded below) has left the
 * plot at the bottom: while it is there, a notice in the series' colour at the plot's lower right says how low
 * it is now ("f = −8.852e70, below the panel"), so a curve that ran off is not read as one that levelled out.
 */
export const offPanel: LossLayer = {
  id: 'offPanel',
  applies: (c) => c.offBelow !== undefined && c.offBelow !== null,
  make: ({ scene, plot, style, values, offBelow }) => ({
    drawFrame(ctx, frame) {
      const { rect } = plot;
      const { f, theme } = style;
      const single = scene.series.length === 1;
      ctx.font = font(f, true);
      let row = 0;
      scene.series.forEach((s, i) => {
        const v = values[i][stateAt(s, frame.iteration)];
        if (!(v < offBelow!)) return;
        // The longest wording that fits the plot (a race's labels are long).
        const value = `f = ${formatNumber(v)}`;
        const wordings = single ? [`${value}, below the panel`, `${value} ↓`] : [`${s.label}: ${value}, below the panel`, `${s.label}: ${value} ↓`, `${value} ↓`];
        const room = rect.w - f * 1.8;
        const text = wordings.find((t) => ctx.measureText(t).width <= room) ?? fitText(ctx, wordings[wordings.length - 1], room);
        // Lower right: the curve leaves the plot where it fell, usually early, on the left.
        const w = ctx.measureText(text).width + f * 0.8;
        drawLabel(ctx, text, rect.x + rect.w - f * 0.5 - w, rect.y + rect.h - f * 2.2 - row++ * f * 1.8, f, seriesColour(style, i), theme.labelBox);
      });
    },
  }),
};
