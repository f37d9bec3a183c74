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

/**
 * Each feature column's mean and standard deviation, the deviations scaled by their largest before squaring
 * (a column near 1e200 neither overflows nor, near 1e-200, underflows).
 */
export function columnScalings(columns: readonly Float64Array[]): Scaling[] {
  return columns.map((x) => {
    const n = x.length;
    let mean = 0;
    for (let i = 0; i < n; i++) mean += x[i] / n;
    let spread = 0;
    for (let i = 0; i < n; i++) spread = Math.max(spread, Math.abs(x[i] - mean));
    let s2 = 0;
    for (let i = 0; i < n; i++) s2 += ((x[i] - mean) / spread) ** 2;
    return { mean, std: spread * Math.sqrt(s2 / n) };
  });
}

/**
 * The affine maps between weights on feature columns x (w0 the intercept, wⱼ the column j's) and on their
 * standardized zⱼ = (xⱼ − meanⱼ)/stdⱼ (v): wⱼ = vⱼ/stdⱼ, w0 = v0 − Σ wⱼ·meanⱼ; and J = ∂v/∂w, row-major.
 */
export function featureMaps(s: readonly Scaling[]): {
  toTrained(w: ArrayLike<number>, out?: Float64Array): Float64Array;
  toReported(v: ArrayLike<number>, out?: Float64Array): Float64Array;
  jacobian: Float64Array;
} {
  const p = s.length + 1;
  const jacobian = new Float64Array(p * p);
  jacobian[0] = 1;
  s.forEach((c, j) => {
    jacobian[j + 1] = c.mean;
    jacobian[(j + 1) * p + j + 1] = c.std;
  });
  return {
    jacobian,
    toReported(v, out = new Float64Array(p)) {
      let w0 = v[0];
      for (let j = 1; j < p; j++) {
        const w = v[j] / s[j - 1].std;
        w0 -= w * s[j - 1].mean;
        out[j] = w;
      }
      out[0] = w0;
      return out;
    },
    toTrained(w, out = new Float64Array(p)) {
      let v0 = w[0];
      for (let j = 1; j < p; j++) v0 += w[j] * s[j - 1].mean;
      for (let j = 1; j < p; j++) out[j] = w[j] * s[j - 1].std;
      out[0] = v0;
      return out;
    },
  };
}
