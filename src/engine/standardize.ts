import { momentsOf } from './moments';

/**
 * The affine change of variable z = (x − mean)/std. A model trained on z with weights (v0, v1) predicts
 * v1·z + v0 = (v1/std)·x + (v0 − v1·mean/std), so the weights map back to the data's units exactly and the
 * loss, which depends only on the predictions, is the same in both.
 */
export interface Scaling {
  mean: number;
  std: number;
}

export function scalingOf(x: Float64Array): Scaling {
  const m = momentsOf(x);
  return { mean: m.meanX, std: Math.sqrt(m.varX) };
}

export function standardizeX(x: Float64Array, s: Scaling): Float64Array {
  const z = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) z[i] = (x[i] - s.mean) / s.std;
  return z;
}

/** Weights on z → weights on x. */
export function toDataUnits(v0: number, v1: number, s: Scaling): [number, number] {
  const w1 = v1 / s.std;
  return [v0 - w1 * s.mean, w1];
}

/** Weights on x → weights on z. */
export function toScaledUnits(w0: number, w1: number, s: Scaling): [number, number] {
  return [w0 + w1 * s.mean, w1 * s.std];
}
