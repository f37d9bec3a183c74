/**
 * --arrows as the pipeline computes it: the gradient step −∇g/L at each series' point, at the iterations the
 * run draws, in the units of the surface panel. Checked against a finite difference of the loss as the
 * panel's axes measure it, and on the round bowl of a standardized least-squares run, where the step must
 * land on the minimum.
 */
import { sceneFromOptions } from '../../src/index';
import { linearModel } from '../../src/engine/linear';
import { toDataUnits } from '../../src/engine/standardize';
import { momentsOf } from '../../src/engine/moments';
import { numericGradient, expectClose } from '../helpers/approx';

describe('the arrows of --arrows', () => {
  it('are −∇g/L at the current point, at exactly the iterations drawn (data units)', () => {
    const scene = sceneFromOptions({ model: 'linear', optimizer: 'sgd', iterations: 200, arrows: true, out: 'never.png', frame: [0, 17, 'last'] });
    const a = scene.arrows!;
    expect(a.iterations).toEqual([0, 17, 200]);
    expect(a.velocity).toEqual([false]);
    const m = linearModel(scene.data.x, scene.data.y);
    const L = m.curvature();
    const t = scene.series[0].trajectory;
    a.iterations.forEach((k, j) => {
      const [g0, g1] = numericGradient((w0, w1) => m.loss([w0, w1]), t.w[0][k], t.w[1][k]);
      expectClose(a.step[0][2 * j], -g0 / L, 1e-6);
      expectClose(a.step[0][2 * j + 1], -g1 / L, 1e-6);
    });
  });

  it('are in the standardized weights when training was standardized, and land on the minimum of its round bowl', () => {
    const scene = sceneFromOptions({ model: 'linear', data: 'cars', optimizer: 'momentum', lr: 0.3, iterations: 60, arrows: true, out: 'never.gif', frames: 10 });
    const a = scene.arrows!;
    expect(a.iterations).toHaveLength(10);
    expect(a.velocity).toEqual([true]);
    const s = scene.surface;
    const minimum = s.landmarks[0];
    const m = momentsOf(scene.data.x);
    const scaling = { mean: m.meanX, std: Math.sqrt(m.varX) };
    const data = linearModel(scene.data.x, scene.data.y);
    // The loss as the panel's axes measure it: standardized weights, mapped back to evaluate.
    const loss = (v0: number, v1: number) => data.loss(toDataUnits([v0, v1], scaling));
    const L = 2; // the Hessian of the MSE on standardized x is 2·I
    a.iterations.forEach((k, j) => {
      const [v0, v1] = [s.paths[0].u[k], s.paths[0].v[k]];
      const [g0, g1] = numericGradient(loss, v0, v1);
      expectClose(a.step[0][2 * j], -g0 / L, 1e-5);
      expectClose(a.step[0][2 * j + 1], -g1 / L, 1e-5);
      expectClose(v0 + a.step[0][2 * j], minimum.u, 1e-6);
      expectClose(v1 + a.step[0][2 * j + 1], minimum.v, 1e-6);
    });
  });

  it('are absent without --arrows, and a race says which series carry a velocity', () => {
    expect(sceneFromOptions({ model: 'linear', iterations: 20, out: 'never.png' }).arrows).toBeUndefined();
    const race = sceneFromOptions({ model: 'linear', optimizer: ['gd', 'nesterov', 'adam', 'rmsprop'], iterations: 20, arrows: true, out: 'never.png' });
    expect(race.arrows!.velocity).toEqual([false, true, true, false]);
    expect(race.arrows!.step).toHaveLength(4);
  });
});
