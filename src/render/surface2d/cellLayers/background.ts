import { drawContours } from '../contours';
import type { CellLayer } from './context';

/** The viridis bands with their iso-lines (static): a grid's shared bands copied in, or the cell's own. */
export const background: CellLayer = {
  id: 'background',
  make: ({ grid, bands, plot, style }) => ({
    drawStatic(ctx) {
      const { rect } = plot;
      if (bands) ctx.drawImage(bands, rect.x, rect.y);
      else drawContours(ctx, grid, rect, style);
    },
  }),
};
