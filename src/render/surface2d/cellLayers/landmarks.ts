import { drawLandmarks } from '../landmarks';
import type { CellLayer } from './context';

/** The plane's known points: a model's one minimum, a landscape's minima and saddles (the legend is the frame's). */
export const landmarks: CellLayer = {
  id: 'landmarks',
  make: ({ plane, plot, style }) => ({ drawFrame: (ctx) => drawLandmarks(ctx, plane.landmarks, plot, style.f * 0.75, style) }),
};
