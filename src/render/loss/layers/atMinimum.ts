import { fitText } from '../../core/axes';
import { font } from '../../core/font';
import type { LossLayer } from './context';

/** A run that sat at the minimum throughout: its gap axis would mean nothing, so the plot says why (static). */
export const atMinimum: LossLayer = {
  id: 'atMinimum',
  applies: (c) => c.atMinimum,
  make: ({ plot, style }) => ({
    drawStatic(ctx) {
      const { rect } = plot;
      ctx.font = font(style.f);
      ctx.fillStyle = style.theme.mutedText;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.fillText(fitText(ctx, 'at the minimum throughout: the gap is 0', rect.w - style.f), rect.x + rect.w / 2, rect.y + rect.h / 2);
    },
  }),
};
