import { drawGrid } from '../../core/axes';
import type { FitLayer } from './context';

/** Light grid lines at the ticks (static). */
export const grid: FitLayer = {
  id: 'grid',
  make: ({ plot, style }) => ({ drawStatic: (ctx) => drawGrid(ctx, plot, style) }),
};
