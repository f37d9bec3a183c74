import { strokePath } from '../surfacePath';
import type { CellLayer } from './context';

/** The cell's path travelled by the frame's iteration, in the cell's colour. */
export const path: CellLayer = {
  id: 'path',
  make: ({ path, box, colour, style }) => ({ drawFrame: (ctx, frame) => strokePath(ctx, path, frame.iteration, box, colour, style) }),
};
