import type { ModelDescriptor } from '../engine/model';
import type { FitPrediction } from '../types';

/**
 * The fit panel's model: a descriptor's prediction, a plain function of the weights in the data's units.
 * Its own module (types alone besides), so that the interactive page can make it from a descriptor it
 * rebuilt without loading the pipeline.
 */
export function fitOfDescriptor(d: ModelDescriptor): FitPrediction {
  const { target, predict, curve, twoFeatures, predict2, predictGrid, predictClasses, features, scoreRows } = d;
  return {
    target,
    predict,
    ...(curve ? { curve } : {}),
    ...(twoFeatures && predict2 ? { twoFeatures, predict2 } : {}),
    ...(twoFeatures && predictGrid ? { predictGrid } : {}),
    ...(predictClasses ? { predictClasses } : {}),
    ...(features && scoreRows ? { features, scoreRows } : {}),
  };
}
