/**
 * The layers of the fit panel, bottom to top: the static ones drawn once into the background, the others
 * every frame in this order, clipped to the plot. A layer is a file and a line here.
 */
import { axes } from './axes';
import type { FitLayer } from './context';
import { data } from './data';
import { grid } from './grid';
import { heading } from './heading';
import { models } from './models';
import { outOfView } from './outOfView';
import { featurePoints } from './featurePoints';
import { planeLines } from './planeLines';
import { probabilityField } from './probabilityField';
import { boundaryContours } from './boundaryContours';
import { classRegions } from './classRegions';
import { stepSamples } from './stepSamples';
import { scoreGuide, scorePoints } from './scoreView';

export const FIT_LAYERS: readonly FitLayer[] = [grid, data, probabilityField, classRegions, featurePoints, scoreGuide, axes, heading, scorePoints, models, planeLines, boundaryContours, stepSamples, outOfView];
