/**
 * The layers of one small surface (a cell of a sweep's grid, a side of --compare-standardize), bottom to
 * top: the static ones (bands, reference, colour bar, axes, the heading's label) are drawn once into the
 * background, the others every frame in this order, clipped to the plot, the heading last and unclipped.
 * The marker legend is the frame's, shared by every cell. A layer is a file and a line here.
 */
import { arrows } from './arrows';
import { axes } from './axes';
import { background } from './background';
import { colourBar } from './colourBar';
import type { CellLayer } from './context';
import { current } from './current';
import { heading } from './heading';
import { landmarks } from './landmarks';
import { path } from './path';
import { referencePath } from './referencePath';
import { referenceRing } from './referenceRing';
import { sideNotice } from './sideNotice';
import { start } from './start';

export const CELL_LAYERS: readonly CellLayer[] = [
  background,
  referencePath,
  colourBar,
  axes,
  path,
  start,
  landmarks,
  referenceRing,
  arrows,
  current,
  sideNotice,
  heading,
];
