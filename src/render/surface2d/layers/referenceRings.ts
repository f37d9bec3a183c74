import { seriesColour } from '../../core/series';
import { drawReferenceRing } from '../referencePath';
import type { SurfaceLayer } from './context';

/** --reference-path: the ring on each reference at the current iteration, over the start and the minimum. */
export const referenceRings: SurfaceLayer = {
  id: 'referenceRings',
  applies: (c) => c.references.some(Boolean),
  make: ({ references, style }) => ({
    drawFrame(ctx, frame) {
      references.forEach((r, i) => r && drawReferenceRing(ctx, r, frame.iteration, seriesColour(style, i), style));
    },
  }),
};
