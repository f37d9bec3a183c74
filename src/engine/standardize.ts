import { momentsOf } from './moments';
import type { SampledObjective } from './objective';
import type { Reparametrization } from './reparametrization';

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

/** Weights on z → weights on x, into `out` (intercept and slope; the change of variable touches no other). */
export function toDataUnits(v: ArrayLike<number>, s: Scaling, out: Float64Array = new Float64Array(v.length)): Float64Array {
  for (let k = 2; k < v.length; k++) out[k] = v[k];
  const w1 = v[1] / s.std;
  out[0] = v[0] - w1 * s.mean;
  out[1] = w1;
  return out;
}

/** Weights on x → weights on z, into `out`. */
export function toScaledUnits(w: ArrayLike<number>, s: Scaling, out: Float64Array = new Float64Array(w.length)): Float64Array {
  for (let k = 2; k < w.length; k++) out[k] = w[k];
  const w0 = w[0] + w[1] * s.mean;
  out[1] = w[1] * s.std;
  out[0] = w0;
  return out;
}

/**
 * A regression's standardization as a reparametrization: `create` builds the same model on z (with the
 * same passes over the rows), which the optimizer then descends; every weight is reported on x.
 */
export function standardization(x: Float64Array, create: (z: Float64Array) => SampledObjective): Reparametrization {
  const s = scalingOf(x);
  return {
    trained: create(standardizeX(x, s)),
    toTrained: (w, out) => toScaledUnits(w, s, out),
    toReported: (v, out) => toDataUnits(v, s, out),
    summary: { standardization: { mean: s.mean, std: s.std } },
  };
}
