import type { CellLayer } from './context';

/** The cell's own colour bar beside its plot (static), where it has one. */
export const colourBar: CellLayer = {
  id: 'colourBar',
  applies: (c) => c.bar !== null,
  make: ({ bar, plot }) => ({ drawStatic: (ctx) => bar!.draw(ctx, plot.rect) }),
};
