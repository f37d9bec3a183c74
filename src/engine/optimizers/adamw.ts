import { adamMoments } from './adamMoments';
import { defineOptimizer, type OptimizerDescriptor } from './descriptor';
import { adaptiveRate, adaptiveStableRate } from '../rates';

/**
 * AdamW (Loshchilov and Hutter): Adam with decoupled weight decay λ (--weight-decay). With m, v and their bias
 * corrections as Adam's: m ← β1·m + (1 − β1)·g, v ← β2·v + (1 − β2)·g², then
 * w ← w − α·(m̂/(√v̂ + ε) + λ·w). The decay pulls w towards 0 by α·λ·w whatever the gradient's size, instead of
 * entering the moments as an L2 term would (where Adam's normalisation would shrink it).
 */
export const adamw: OptimizerDescriptor = defineOptimizer({
  name: 'adamw',
  title: 'AdamW',
  short: 'AdamW',
  params: ['beta1', 'beta2', 'eps', 'weightDecay'],
  stochastic: false,
  velocity: true,
  plain: false,
  createStep(model, p) {
    const { m, v, update } = adamMoments(model, p);
    return (w, t, lr) => {
      update(w);
      const c1 = 1 - p.beta1 ** t;
      const c2 = 1 - p.beta2 ** t;
      for (let k = 0; k < w.length; k++) w[k] -= lr * (m[k] / c1 / (Math.sqrt(v[k] / c2) + p.eps) + p.weightDecay * w[k]);
    };
  },
  // Its steps are Adam's (the decay adds α·λ·|w|, small beside α for the default λ = 0.01): Adam's rules.
  defaultRate: (model, _p, c) => adaptiveRate(model, c),
  stableRate: (model, p, c) => adaptiveStableRate(adamw, model, p, c),
});
