/** --reference-path through the pipeline: which series get one, and that it is the gd descent the engine names. */
import { sceneFromOptions } from '../../src/index';
import { descend } from '../../src/engine';

describe('the reference path', () => {
  it('is full-batch gd at half the sgd rate (linear), from the same start, for the same iterations', () => {
    const scene = sceneFromOptions({ model: 'linear', optimizer: 'sgd', iterations: 150, referencePath: true });
    const s = scene.series[0];
    const gd = descend(scene.data, { model: 'linear', optimizer: 'gd', lr: s.lr / 2, iterations: 150, batchSize: 32, momentum: 0.9, beta1: 0.9, eps: 1e-8, init: [0, 0], standardize: false, seed: 'mlvis' });
    expect(Array.from(s.reference!.w[0])).toEqual(Array.from(gd.trajectory.w[0]));
    expect(Array.from(s.reference!.w[1])).toEqual(Array.from(gd.trajectory.w[1]));
  });

  it('goes only to the stochastic series of a race, and into the standardized units of the surface', () => {
    const scene = sceneFromOptions({ model: 'linear', data: 'cars', optimizer: ['gd', 'minibatch'], iterations: 40, referencePath: true });
    expect(scene.series[0].reference).toBeUndefined();
    expect(scene.series[1].reference!.loss).toHaveLength(41);
    const refs = scene.surface.references;
    expect(refs[0]).toBeUndefined();
    // Same start as the real path, in the surface's units.
    expect(refs[1]!.u[0]).toBe(scene.surface.paths[1].u[0]);
    expect(refs[1]!.v[0]).toBe(scene.surface.paths[1].v[0]);
  });

  it('is not computed without the switch', () => {
    expect(sceneFromOptions({ model: 'linear', optimizer: 'sgd', iterations: 20 }).series[0].reference).toBeUndefined();
  });
});
