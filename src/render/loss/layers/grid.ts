import { drawGrid } from '../../core/axes';
import type { LossLayer } from './context';

/** Light grid lines at the ticks (static). */
export const grid: LossLayer = {
  id: 'grid',
  make: ({ plot, style }) => ({ drawStatic: (ctx) => drawGrid(ctx, plot, style) }),
};
