/**
 * A loss that falls off a linear loss axis (x² − y² descended from its start: −8.9e70 by the end) runs off
 * the bottom of the plot and a notice says how low it is, instead of lying flat along the floor like a run
 * that levelled out (second hostile review).
 */
import { createCanvas } from '@napi-rs/canvas';
import { sceneFromOptions, type RunOptions } from '../../../src/index';
import { createRenderer, ensureFont } from '../../../src/render';
import { frameLayout, panelStyle } from '../../../src/render/core/layout';
import { seriesColour } from '../../../src/render/core/series';
import { lossContext } from '../../../src/render/loss/losscurve';
import { LOSS_LAYERS } from '../../../src/render/loss/layers';
import type { Scene } from '../../../src/types';

const fell = (): Scene => sceneFromOptions({ model: 'function', expr: 'x^2-y^2', lr: 0.25, iterations: 200, width: 640, height: 320 } as RunOptions);

function placed(scene: Scene) {
  ensureFont();
  const measure = createCanvas(scene.width, scene.height).getContext('2d');
  const style = panelStyle(scene);
  const layout = frameLayout(scene, style);
  return { measure, style, outer: layout.panels[layout.panels.length - 1] };
}

/** Pixels of colour rgb (within 40 per channel) in the rectangle. */
function count(px: Uint8Array, width: number, r: { x: number; y: number; w: number; h: number }, rgb: number[]): number {
  let n = 0;
  for (let y = Math.ceil(r.y); y < Math.floor(r.y + r.h); y++)
    for (let x = Math.ceil(r.x); x < Math.floor(r.x + r.w); x++) {
      const i = (y * width + x) * 4;
      if (Math.abs(px[i] - rgb[0]) < 40 && Math.abs(px[i + 1] - rgb[1]) < 40 && Math.abs(px[i + 2] - rgb[2]) < 40) n++;
    }
  return n;
}

const hex = (c: string) => [1, 3, 5].map((k) => parseInt(c.slice(k, k + 2), 16));

describe('a loss that falls off the linear loss axis', () => {
  const scene = fell();
  const p = placed(scene);
  const c = lossContext(p.measure, p.outer, scene, p.style);
  const loss = scene.series[0].trajectory.loss;

  it('is mapped below the plot, not onto its floor, and the notice layer is chosen', () => {
    expect(c.linear).toBe(true);
    expect(loss[200]).toBeLessThan(-1e70);
    const bottom = c.plot.rect.y + c.plot.rect.h;
    expect(c.y(loss[200])).toBeGreaterThan(bottom + p.style.f);
    // A value inside the window is where the axis puts it.
    expect(c.y(loss[0])).toBeCloseTo(c.plot.y.map(loss[0]), 9);
    expect(LOSS_LAYERS.filter((l) => !l.applies || l.applies(c)).map((l) => l.id)).toContain('offPanel');
  });

  it('leaves no flat line along the bottom of the plot, and says how low it went', () => {
    const renderer = createRenderer(scene);
    const last = Uint8Array.from(renderer.drawFrame(200));
    const first = Uint8Array.from(renderer.drawFrame(0));
    const { rect } = c.plot;
    const colour = hex(seriesColour(p.style, 0));
    // The bottom three pixel rows of the plot's right half (iterations 100..200): the clamped curve lay there.
    const floor = { x: rect.x + rect.w / 2, y: rect.y + rect.h - 3, w: rect.w / 2 - 4, h: 3 };
    expect(count(last, scene.width, floor, colour)).toBe(0);
    // The notice, in the series' colour, at the plot's lower right: there at the end, not at the start.
    const notice = { x: rect.x + rect.w / 2, y: rect.y + rect.h - 2.5 * p.style.f, w: rect.w / 2, h: 2 * p.style.f };
    expect(count(last, scene.width, notice, colour)).toBeGreaterThan(50);
    expect(count(first, scene.width, notice, colour)).toBe(0);
  });
});
