/**
 * A standardized run draws its surface in the weights the optimizers move: a round bowl for least squares,
 * each path point the standardized image of the reported (data-unit) weights, and a golden frame of momentum
 * overshooting across the rings. The fit panel and the reports stay in the data's units.
 */
import { sceneFromOptions } from '../../src/index';
import { createRenderer } from '../../src/render';
import { toDataUnits } from '../../src/engine/standardize';
import { momentsOf } from '../../src/engine/moments';
import { compareWithGolden } from './goldenFiles';

const options = { model: 'linear', data: 'cars', optimizer: 'momentum', lr: 0.3, iterations: 60, width: 640, height: 320 } as const;

describe('the surface of a standardized run', () => {
  const scene = sceneFromOptions(options);
  const s = scene.surface;
  const minimum = s.landmarks[0];

  it('maps every path point back to the reported weights exactly', () => {
    expect(s.note).toBe('standardized x');
    const t = scene.series[0].trajectory;
    const m = momentsOf(scene.data.x);
    const scaling = { mean: m.meanX, std: Math.sqrt(m.varX) };
    for (const i of [0, 1, 7, 30, 60]) {
      const back = toDataUnits([s.paths[0].u[i], s.paths[0].v[i]], scaling);
      expect(back[0]).toBeCloseTo(t.w[0][i], 9);
      expect(back[1]).toBeCloseTo(t.w[1][i], 9);
    }
    expect(s.landmarks).toHaveLength(1);
    expect(minimum.loss).toBe(scene.optimum!.loss);
    expect(s.labels[0]).toMatch(/standardized/);
    // Not w0, w1: those name the data-unit weights in the title and the summary.
    expect(s.labels.map((l) => l.slice(0, 2))).toEqual(['v0', 'v1']);
  });

  it('is a round bowl: the loss rises alike along both weights from the minimum', () => {
    const g = scene.grid;
    const [c0, c1] = [minimum.u, minimum.v];
    // The window holds the standardized optimum, not the data-unit one (w1 in data units is about −0.16).
    expect(c0).toBeGreaterThan(g.uRange[0]);
    expect(c0).toBeLessThan(g.uRange[1]);
    expect(c1).toBeGreaterThan(g.vRange[0]);
    expect(c1).toBeLessThan(g.vRange[1]);
    const loss = (a: number, b: number) => {
      // MSE on standardized x: the Hessian is 2·I, so a step d raises the loss by d² along either weight.
      let sum = 0;
      const m = momentsOf(scene.data.x);
      for (let i = 0; i < scene.data.x.length; i++) {
        const r = b * ((scene.data.x[i] - m.meanX) / Math.sqrt(m.varX)) + a - scene.data.y[i];
        sum += r * r;
      }
      return sum / scene.data.x.length;
    };
    const rise0 = loss(c0 + 2, c1) - minimum.loss;
    const rise1 = loss(c0, c1 + 2) - minimum.loss;
    expect(rise0).toBeCloseTo(4, 9);
    expect(rise1).toBeCloseTo(4, 9);
  });

  it('draws momentum overshooting in the bowl (golden frames)', async () => {
    const renderer = createRenderer(scene);
    for (const [which, k] of [['early', 6], ['last', 60]] as const) {
      const px = Buffer.from(renderer.drawFrame(k));
      expect(await compareWithGolden(`standardized-momentum-${which}`, px, scene.width, scene.height)).toBe(0);
    }
  });
});

test('an unstandardized run is drawn in the weights themselves', () => {
  const scene = sceneFromOptions({ ...options, standardize: false });
  const t = scene.series[0].trajectory;
  expect(scene.surface.note).toBe('');
  expect(scene.surface.labels[0]).toMatch(/^w0 /);
  expect(Array.from(scene.surface.paths[0].u)).toEqual(Array.from(t.w[0]));
  expect(Array.from(scene.surface.paths[0].v)).toEqual(Array.from(t.w[1]));
});
