import { optimizerOf, type Problem } from '../engine';
import type { Scene, SurfaceArrows } from '../types';

/**
 * The arrows of --arrows at the iterations a run draws, as plain numbers: the gradient step −∇g/L at each
 * series' point, in the surface panel's plane (the model the optimizers descend, which is the
 * standardized one when training was standardized). Only the drawn iterations: a frame costs one full
 * gradient per series, and memory stays at frames × series, whatever the number of iterations.
 */
export function surfaceArrows(problem: Problem, scene: Scene, iterations: readonly number[]): SurfaceArrows {
  const model = problem.trained;
  const curvature = model.curvature();
  const shown = [...new Set(iterations)].sort((a, b) => a - b);
  // The plane of today's views is the weights the optimizers moved (the two weights themselves, or the
  // standardized ones), so the gradient of the trained model is the step in the plane. A view of more
  // weights would map the step through its Jacobian.
  const paths = scene.surface.paths;
  const g = new Float64Array(model.dim);
  const w = new Float64Array(model.dim);
  const step = paths.map((t) => {
    const out = new Float64Array(2 * shown.length);
    shown.forEach((k, j) => {
      const i = Math.min(k, t.loss.length - 1);
      w[0] = t.u[i];
      w[1] = t.v[i];
      if (w.every(Number.isFinite)) model.gradient(w, g);
      else g.fill(NaN);
      out[2 * j] = -g[0] / curvature;
      out[2 * j + 1] = -g[1] / curvature;
    });
    return out;
  });
  return { iterations: shown, step, velocity: scene.series.map((s) => optimizerOf(s.optimizer).velocity) };
}
