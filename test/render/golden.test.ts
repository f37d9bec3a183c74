/**
 * Golden frames: the first, middle and last frame of fixed scenes, compared strictly with PNGs in
 * test/render/golden/ (see goldenFiles.ts; goldenStrict.test.ts shows that small mutations fail). The
 * hand-built scenes cover one run of each model, a race of three optimizers, a 4-cell sweep and a slide (own
 * title, axis labels and class names, larger text); the seeded
 * ones come through the real pipeline.
 */
import { createRenderer, type Renderer } from '../../src/render';
import type { Scene } from '../../src/types';
import { makeGrid, makeRace, makeScene, makeSlide } from './fixtures';
import { compareWithGolden } from './goldenFiles';

/**
 * A scene from a fixed seeded run through the real pipeline (data, engine, loss grid). The library is
 * loaded when the test runs, so that a broken entry point fails these tests only, not the hand-built ones.
 */
function seededScene(model: 'linear' | 'logistic'): Scene {
  const { sceneFromOptions } = require('../../src/index') as typeof import('../../src/index');
  return sceneFromOptions({ model, iterations: 200, width: 640, height: 320, seed: 'golden' });
}

const scenes: [string, () => Scene][] = [
  ['linear-light', () => makeScene('linear', { panels: ['surface', 'fit', 'loss'] })],
  ['logistic-dark', () => makeScene('logistic', { theme: 'dark' })],
  ['race-light', () => makeRace('linear', { panels: ['surface', 'fit', 'loss'] })],
  ['grid-light', () => makeGrid('linear')],
  ['slide-logistic', () => makeSlide()],
  ['seeded-linear', () => seededScene('linear')],
  ['seeded-logistic', () => seededScene('logistic')],
  // Landscapes (mlvis function): the marks of every known point, the reached minimum's name, a saddle.
  ['function-rosenbrock-race', () => functionScene({ function: 'rosenbrock', optimizer: ['gd', 'momentum', 'adam'], lr: { gd: 0.001, momentum: 0.0005, adam: 0.02 }, iterations: 3000 })],
  ['function-himmelblau', () => functionScene({ function: 'himmelblau', optimizer: 'adam', init: [0, 0] })],
  ['function-saddle', () => functionScene({ function: 'saddle', optimizer: ['gd', 'adam'], lr: { gd: 0.1, adam: 0.01 }, init: [1, 0.02], iterations: 200 })],
  // Polynomial regression: a curve in the fit panel, a surface cut through four or six weights (PCA, pair).
  ['poly-pca', () => polyScene({ degree: 3, panels: ['surface', 'fit', 'loss'], iterations: 300 })],
  ['poly-pair', () => polyScene({ degree: 5, plane: 'pair:v1,v2', points: 20, noise: 0.5, iterations: 2000 })],
  ['poly-random', () => polyScene({ degree: 4, plane: 'random', panels: ['surface', 'loss'], optimizer: ['gd', 'adam'], iterations: 500 })],
  // Two features: the features' plane, points coloured by y, lines of equal fitted y; the surface a PCA plane.
  ['linear-two-features', () => {
    const { sceneFromOptions } = require('../../src/index') as typeof import('../../src/index');
    return sceneFromOptions({ model: 'linear', data: 'cars', x: 'Horsepower,Weight_in_lbs', y: 'Miles_per_Gallon', iterations: 300, width: 640, height: 320 });
  }],
  // A decision boundary on two features: the first series' probability shaded, each series' p = 0.5 line.
  ['logistic-two-features', () => {
    const { sceneFromOptions } = require('../../src/index') as typeof import('../../src/index');
    return sceneFromOptions({ model: 'logistic', data: 'penguins', x: 'Beak Length (mm),Beak Depth (mm)', y: 'Species', positive: 'Adelie', optimizer: ['gd', 'adam'], iterations: 300, width: 640, height: 320 });
  }],
  // Two features in 3-D: the rows at (x1, x2, y), the fitted plane a sheet (below the box at the start).
  ['linear-two-features-3d', () => {
    const { sceneFromOptions } = require('../../src/index') as typeof import('../../src/index');
    return sceneFromOptions({ model: 'linear', data: 'cars', x: 'Horsepower,Weight_in_lbs', y: 'Miles_per_Gallon', iterations: 40, width: 640, height: 320, view: '3d' });
  }],
  // Four features: each row at its fitted value over fitted = y; a logistic race, each series' rows at their log-odds over p = σ(z).
  ['linear-four-features', () => {
    const { sceneFromOptions } = require('../../src/index') as typeof import('../../src/index');
    return sceneFromOptions({ model: 'linear', data: 'cars', x: 'Horsepower,Weight_in_lbs,Acceleration,Displacement', y: 'Miles_per_Gallon', iterations: 300, width: 640, height: 320 });
  }],
  ['logistic-four-features', () => {
    const { sceneFromOptions } = require('../../src/index') as typeof import('../../src/index');
    return sceneFromOptions({ model: 'logistic', data: 'penguins', x: 'Beak Length (mm),Beak Depth (mm),Flipper Length (mm),Body Mass (g)', y: 'Sex', optimizer: ['gd', 'adam'], iterations: 200, width: 640, height: 320 });
  }],
  // A small network on moons: the first series' probability field, each series' traced p = 0.5 contour.
  ['mlp-moons', () => {
    const { sceneFromOptions } = require('../../src/index') as typeof import('../../src/index');
    return sceneFromOptions({ model: 'mlp', optimizer: ['gd', 'adam'], iterations: 400, width: 640, height: 320 });
  }],
  // Softmax: three species, each class's region shaded, each series' boundaries traced.
  ['softmax-penguins', () => {
    const { sceneFromOptions } = require('../../src/index') as typeof import('../../src/index');
    return sceneFromOptions({ model: 'softmax', data: 'penguins', optimizer: ['gd', 'adam'], iterations: 300, width: 640, height: 320 });
  }],
  // Over-fitting: the held-out points hollow, the test loss dashed, turning up while the training loss falls.
  ['poly-holdout', () => polyScene({ degree: 9, points: 24, noise: 0.8, holdout: 0.3, optimizer: 'nesterov', panels: ['surface', 'fit', 'loss'], iterations: 5000, seed: 'mlvis' })],
];

/** A polynomial's scene through the real pipeline, at 640x320. */
function polyScene(options: Record<string, unknown>): Scene {
  const { sceneFromOptions } = require('../../src/index') as typeof import('../../src/index');
  return sceneFromOptions({ model: 'poly', width: 640, height: 320, seed: 'golden', ...options } as import('../../src/index').RunOptions);
}

/** A landscape's scene through the real pipeline, at 640x320. */
function functionScene(options: Record<string, unknown>): Scene {
  const { sceneFromOptions } = require('../../src/index') as typeof import('../../src/index');
  return sceneFromOptions({ model: 'function', width: 640, height: 320, ...options } as import('../../src/index').RunOptions);
}

describe.each(scenes)('golden frames of %s', (name, make) => {
  let scene: Scene;
  let renderer: Renderer;
  beforeAll(() => {
    scene = make();
    renderer = createRenderer(scene);
  });

  it.each(['first', 'middle', 'last'])('%s frame matches its golden image', async (which) => {
    const k = { first: 0, middle: Math.round(scene.iterations / 2), last: scene.iterations }[which]!;
    const px = Buffer.from(renderer.drawFrame(k));
    expect(await compareWithGolden(`${name}-${which}`, px, scene.width, scene.height)).toBe(0);
  });
});
