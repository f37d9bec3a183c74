/**
 * A landscape's surface window (pipeline/scene.ts): it grows to hold a start given far outside the domain
 * (within START_REACH spans) and the path's first part, and a start farther out than that is said in a
 * notice with where it is, rather than leaving an empty surface unexplained.
 */
import { createRenderer } from '../../src/render/frame/renderer';
import { prepareFrame } from '../../src/render/frame/renderer';
import { START_REACH } from '../../src/pipeline/scene';

const { sceneFromOptions } = require('../../src/index') as typeof import('../../src/index');

const rosenbrock = (init: [number, number]) => sceneFromOptions({ model: 'function', function: 'rosenbrock', init, iterations: 100, width: 960, height: 480 });

describe('the window of a landscape', () => {
  it('holds the domain alone for a start inside it (Rosenbrock from its usual start)', () => {
    const scene = sceneFromOptions({ model: 'function', function: 'rosenbrock', iterations: 100, width: 960, height: 480 });
    expect(scene.grid.uRange).toEqual([-2, 2]);
    expect(scene.grid.vRange).toEqual([-1, 3]);
    expect(scene.offPicture).toBeUndefined();
  });

  it('grows to hold a start at (100, 100) and the whole of its 100 iterations', () => {
    const scene = rosenbrock([100, 100]);
    const path = scene.surface.paths[0];
    const [u0, u1] = scene.grid.uRange;
    const [v0, v1] = scene.grid.vRange;
    expect(u0).toBeLessThanOrEqual(-2);
    expect(v0).toBeLessThanOrEqual(-1);
    for (let i = 0; i < path.u.length; i++) {
      expect(path.u[i]).toBeGreaterThanOrEqual(u0);
      expect(path.u[i]).toBeLessThanOrEqual(u1);
      expect(path.v[i]).toBeGreaterThanOrEqual(v0);
      expect(path.v[i]).toBeLessThanOrEqual(v1);
    }
    // No wider than the start and the path need (plus the 5 % pad).
    expect(u1).toBeLessThan(100 + 0.06 * 102);
    expect(v1).toBeLessThan(101 + 0.06 * 102);
    expect(scene.offPicture).toBeUndefined();
  });

  it('does not grow to a start farther than START_REACH spans out, and says where that start is', () => {
    const far = 2 + START_REACH * 4 + 100;
    const scene = rosenbrock([far, far]);
    expect(scene.grid.uRange[1]).toBeLessThan(far);
    expect(scene.offPicture).toEqual([[`the path starts off the picture, at (${far}, ${far})`, `off the picture: start (${far}, ${far})`, `start (${far}, ${far})`]]);
  });

  it('draws that notice at the top left of the surface: the frame differs from one without it there', () => {
    const scene = rosenbrock([10000, 10000]);
    const rect = prepareFrame(scene).panels[0].plot.rect;
    const a = createRenderer(scene).drawFrame(scene.iterations);
    const b = createRenderer({ ...scene, offPicture: undefined }).drawFrame(scene.iterations);
    let changed = 0;
    for (let y = Math.round(rect.y); y < rect.y + 40; y++)
      for (let x = Math.round(rect.x); x < rect.x + rect.w; x++) if (a[(y * 960 + x) * 4] !== b[(y * 960 + x) * 4]) changed++;
    expect(changed).toBeGreaterThan(200);
  });
});
