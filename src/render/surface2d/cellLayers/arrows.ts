import { drawArrowsAt } from '../arrows';
import type { CellLayer } from './context';

/** --arrows: the gradient step (and an optimizer's last step) at the current point of a grid's cell. */
export const arrows: CellLayer = {
  id: 'arrows',
  applies: (c) => c.arrows && c.scene.arrows !== undefined,
  make: ({ scene, index, path, plot, colour, style }) => ({
    drawFrame: (ctx, frame) => drawArrowsAt(ctx, scene.arrows!, index, path, plot, frame.iteration, colour, style),
  }),
};
