import { drawCurrent } from '../surfacePath';
import type { CellLayer } from './context';

/** The current point, on top of the path and the markers. */
export const current: CellLayer = {
  id: 'current',
  make: ({ path, colour, style }) => ({ drawFrame: (ctx, frame) => drawCurrent(ctx, path, 0, frame.iteration, colour, style) }),
};
