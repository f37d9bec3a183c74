import { drawHeading } from '../../core/axes';
import type { LossLayer } from './context';

/** The panel's heading, longest first (static). */
export const heading: LossLayer = {
  id: 'heading',
  make: ({ plot, style, gapMode, test }) => ({
    drawStatic: (ctx) =>
      drawHeading(
        ctx,
        plot,
        style,
        test
          ? ['Loss per iteration: train solid, test dashed', 'Loss: train solid, test dashed', 'Train solid, test dashed', 'Loss']
          : gapMode
          ? ['Gap to the minimum per iteration', 'Gap to the minimum', 'Gap']
          : ['Loss per iteration', 'Loss'],
      ),
  }),
};
