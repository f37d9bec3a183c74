import type { CellLayer } from './context';

/** The heading above the plot: the series' label (static) and its current loss or divergence; drawn unclipped. */
export const heading: CellLayer = {
  id: 'heading',
  make: ({ heading }) => ({
    unclipped: true,
    drawStatic: (ctx) => heading.drawStatic(ctx),
    drawFrame: (ctx, frame) => heading.drawFrame(ctx, frame.iteration),
  }),
};
