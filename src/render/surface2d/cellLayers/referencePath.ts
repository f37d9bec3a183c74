import { clipTo } from '../../core/panel';
import { strokeReference } from '../referencePath';
import type { CellLayer } from './context';

/** --reference-path: the cell's full-batch reference, dashed and faint under everything that moves (static). */
export const referencePath: CellLayer = {
  id: 'referencePath',
  applies: (c) => c.reference !== undefined,
  make: ({ reference, plot, box, colour, style }) => ({
    drawStatic(ctx) {
      clipTo(ctx, plot.rect);
      strokeReference(ctx, reference!, box, colour, style);
      ctx.restore();
    },
  }),
};
