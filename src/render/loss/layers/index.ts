/**
 * The layers of the loss panel, bottom to top: the static ones drawn once into the background, the others
 * every frame in this order. A layer is a file and a line here.
 */
import { atMinimum } from './atMinimum';
import { axes } from './axes';
import type { LossLayer } from './context';
import { current } from './current';
import { curves } from './curves';
import { grid } from './grid';
import { heading } from './heading';
import { offPanel } from './offPanel';
import { testCurves } from './testCurves';

export const LOSS_LAYERS: readonly LossLayer[] = [grid, axes, heading, atMinimum, testCurves, curves, current, offPanel];
