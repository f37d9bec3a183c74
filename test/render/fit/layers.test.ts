/**
 * The fit and loss panels as lists of layers: which layers a scene gets, and what the fit's models layer
 * hands to the layers after it (which models are out of view, and on which side).
 */
import { createCanvas } from '@napi-rs/canvas';
import { sceneFromOptions } from '../../../src/index';
import { ensureFont } from '../../../src/render';
import { chooseLayers } from '../../../src/render/core/layer';
import { frameLayout, panelStyle } from '../../../src/render/core/layout';
import { fitContext } from '../../../src/render/fit/fit';
import { FIT_LAYERS } from '../../../src/render/fit/layers';
import { lossContext } from '../../../src/render/loss/losscurve';
import { LOSS_LAYERS } from '../../../src/render/loss/layers';
import type { Scene } from '../../../src/types';
import { makeScene } from '../fixtures';

function placed(scene: Scene, panel: number) {
  ensureFont();
  const measure = createCanvas(scene.width, scene.height).getContext('2d');
  const style = panelStyle(scene);
  return { measure, style, outer: frameLayout(scene, style).panels[panel] };
}

const chosen = <C>(specs: readonly { id: string; applies?(c: C): boolean }[], c: C) => specs.filter((s) => !s.applies || s.applies(c)).map((s) => s.id);

describe('the fit panel', () => {
  it('gets the step samples only when a series drew samples', () => {
    const gd = makeScene('linear');
    const p = placed(gd, 1);
    expect(chosen(FIT_LAYERS, fitContext(p.measure, p.outer, gd, p.style))).toEqual(['grid', 'data', 'axes', 'heading', 'models', 'outOfView']);
    const sgd = sceneFromOptions({ model: 'linear', optimizer: 'sgd', iterations: 30, out: 'x.png' });
    const q = placed(sgd, 1);
    expect(chosen(FIT_LAYERS, fitContext(q.measure, q.outer, sgd, q.style))).toContain('stepSamples');
  });

  it('the models layer records a model that left the window, and on which side', () => {
    const scene = makeScene('linear');
    const p = placed(scene, 1);
    const c = fitContext(p.measure, p.outer, scene, p.style);
    const ctx = createCanvas(scene.width, scene.height).getContext('2d');
    const models = chooseLayers(FIT_LAYERS.filter((s) => s.id === 'models'), c)[0];
    models.drawFrame!(ctx, { index: 0, count: 1, seconds: 0, iteration: scene.iterations });
    expect(c.outOfView).toEqual([]);
    // A line 1000 above the data: out of view, above.
    const far = { ...scene, series: [{ ...scene.series[0], trajectory: { w: [Float64Array.of(1000), Float64Array.of(0)], loss: Float64Array.of(1) }, iterations: 0 }], iterations: 0 };
    const d = fitContext(p.measure, p.outer, far, p.style);
    chooseLayers(FIT_LAYERS.filter((s) => s.id === 'models'), d)[0].drawFrame!(ctx, { index: 0, count: 1, seconds: 0, iteration: 0 });
    expect(d.outOfView).toEqual([[0, 'above']]);
  });
});

describe('the loss panel', () => {
  it('says "at the minimum throughout" only for a run that sat there', () => {
    const scene = makeScene('linear', { panels: ['surface', 'fit', 'loss'] });
    const p = placed(scene, 2);
    expect(chosen(LOSS_LAYERS, lossContext(p.measure, p.outer, scene, p.style))).toEqual(['grid', 'axes', 'heading', 'curves', 'current']);
    const o = scene.optimum!;
    const still = { w: [Float64Array.of(o.w[0], o.w[0]), Float64Array.of(o.w[1], o.w[1])], loss: Float64Array.of(o.loss, o.loss) };
    const sat = { ...scene, series: [{ ...scene.series[0], trajectory: still, iterations: 1 }], iterations: 1 };
    expect(chosen(LOSS_LAYERS, lossContext(p.measure, p.outer, sat, p.style))).toContain('atMinimum');
  });
});
