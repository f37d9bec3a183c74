import { drawReferenceRing } from '../referencePath';
import type { CellLayer } from './context';

/** --reference-path: the ring on the reference at the current iteration. */
export const referenceRing: CellLayer = {
  id: 'referenceRing',
  applies: (c) => c.reference !== undefined,
  make: ({ reference, colour, style }) => ({ drawFrame: (ctx, frame) => drawReferenceRing(ctx, reference!, frame.iteration, colour, style) }),
};
