/**
 * The layers of the 2-D surface panel, bottom to top: the static ones (contours, reference paths, colour
 * bar, axes) are drawn once into the background, the others every frame in this order; the heading and the
 * key are added over them with the legend entries the chosen layers declare. A layer is a file and a line here.
 */
import { arrows } from './arrows';
import { axes } from './axes';
import { colourBar } from './colourBar';
import type { SurfaceLayer } from './context';
import { contours } from './contours';
import { current } from './current';
import { landmarks } from './landmarks';
import { notices } from './notices';
import { optimum } from './optimum';
import { paths } from './paths';
import { reachedNames } from './reachedNames';
import { referencePaths } from './referencePaths';
import { referenceRings } from './referenceRings';
import { starts } from './starts';

export const SURFACE_LAYERS: readonly SurfaceLayer[] = [
  contours,
  referencePaths,
  colourBar,
  axes,
  paths,
  starts,
  optimum,
  landmarks,
  referenceRings,
  arrows,
  current,
  reachedNames,
  notices,
];
