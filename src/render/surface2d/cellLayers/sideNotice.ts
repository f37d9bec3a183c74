import { font } from '../../core/font';
import { drawLabel } from '../../core/markers';
import type { CellLayer } from './context';

/** The last frame's notice when the shared rate leaves both sides short of 99 % of their gap, wordiest first. */
const SHORT_FORMS = ['at this shared rate neither side gets near the optimum', 'neither side gets near the optimum', 'neither near the optimum'];

/**
 * A side of --compare-standardize: that the classes are separable (no finite minimum), or on the last frame
 * that the shared rate left both sides short, over the plot, where the eye is.
 */
export const sideNotice: CellLayer = {
  id: 'sideNotice',
  applies: (c) => c.side !== undefined,
  make: ({ side, series, plane, plot, style }) => {
    const { rect } = plot;
    const { f, theme } = style;
    return {
      drawFrame(ctx, frame) {
        if (plane.landmarks.length === 0) drawLabel(ctx, 'no finite minimum: the classes are separable', rect.x + f * 0.5, rect.y + rect.h - f * 2.2, f, theme.accent, theme.labelBox);
        else if (side!.short && frame.iteration >= series.iterations) {
          ctx.font = font(f, true);
          const text = SHORT_FORMS.find((t) => ctx.measureText(t).width <= rect.w - f * 1.5) ?? SHORT_FORMS[SHORT_FORMS.length - 1];
          drawLabel(ctx, text, rect.x + f * 0.5, rect.y + rect.h - f * 2.2, f, theme.accent, theme.labelBox);
        }
      },
    };
  },
};
