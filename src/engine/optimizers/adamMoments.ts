import type { Weights } from '../model';
import type { Differentiable } from '../objective';

/**
 * Adam's running moments, which its variants (AdamW, AMSGrad, Nadam) share: update(w) sets g to ∇g(w) and,
 * per coordinate, m ← β1·m + (1 − β1)·g and v ← β2·v + (1 − β2)·g². Each variant then takes its own step from
 * them (the steps read coordinate k only, so the same bits as one loop doing both).
 */
export function adamMoments(model: Differentiable, p: { beta1: number; beta2: number }) {
  const g = new Float64Array(model.dim);
  const m = new Float64Array(model.dim);
  const v = new Float64Array(model.dim);
  return {
    g,
    m,
    v,
    update(w: Weights): void {
      model.gradient(w, g);
      for (let k = 0; k < g.length; k++) {
        m[k] = p.beta1 * m[k] + (1 - p.beta1) * g[k];
        v[k] = p.beta2 * v[k] + (1 - p.beta2) * g[k] * g[k];
      }
    },
  };
}
