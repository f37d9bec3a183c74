import { startMarker } from '../marks';
import type { CellLayer } from './context';

/** The start of the path (none when it is not finite). */
export const start: CellLayer = {
  id: 'start',
  make: ({ starts, style }) => ({
    drawFrame(ctx) {
      for (const [x, y] of starts) startMarker(ctx, x, y, style.f * 0.32, style);
    },
  }),
};
