import { drawHeading } from '../../core/axes';
import type { LossLayer } from './context';

/** The panel's heading, longest first (static). */
export const heading: LossLayer = {
  id: 'heading',
  make: ({ plot, style, gapMode }) => ({
    drawStatic: (ctx) => drawHeading(ctx, plot, style, gapMode ? ['Gap to the minimum per iteration', 'Gap to the minimum', 'Gap'] : ['Loss per iteration', 'Loss']),
  }),
};
