/**
 * The 2-D surface panel as a list of layers over shared scales: which layers a scene gets (a regression the
 * optimum's star, a landscape its landmarks and their names, the switches their own), and that a new layer
 * is drawn in its place in the list, with its legend entry in the heading row.
 */
import { createCanvas } from '@napi-rs/canvas';
import { sceneFromOptions } from '../../../src/index';
import { ensureFont } from '../../../src/render';
import { chooseLayers, layeredPanel, legendOf, type Layer } from '../../../src/render/core/layer';
import { frameLayout, panelStyle } from '../../../src/render/core/layout';
import { SURFACE_LAYERS } from '../../../src/render/surface2d/layers';
import { heading } from '../../../src/render/surface2d/layers/heading';
import { surfaceContext, surfacePanel } from '../../../src/render/surface2d/surface';
import type { Scene } from '../../../src/types';
import { makeScene } from '../fixtures';

const W = 960;
const H = 480;

function contextOf(scene: Scene) {
  ensureFont();
  const measure = createCanvas(W, H).getContext('2d');
  const style = panelStyle(scene);
  const outer = frameLayout(scene, style).panels[0];
  return { measure, style, outer, c: surfaceContext(measure, outer, scene, style) };
}

const ids = (scene: Scene) => SURFACE_LAYERS.filter((s) => !s.applies || s.applies(contextOf(scene).c)).map((s) => s.id);

/** Draws a panel's background and one frame; returns the pixels. */
function draw(panel: ReturnType<typeof surfacePanel>, k: number): Uint8Array {
  const canvas = createCanvas(W, H);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, W, H);
  panel.drawStatic(ctx);
  panel.drawFrame(ctx, { index: 0, count: 1, seconds: 0, iteration: k });
  return canvas.data();
}

describe('the layers a surface gets', () => {
  it('a regression: the optimum star, no landmarks, no names, nothing a switch adds', () => {
    expect(ids(makeScene('linear'))).toEqual(['contours', 'colourBar', 'axes', 'paths', 'starts', 'optimum', 'current', 'notices']);
  });

  it('a landscape: its landmarks and the names of those reached, not the optimum star', () => {
    const scene = sceneFromOptions({ model: 'function', function: 'himmelblau', optimizer: 'adam', init: [0, 0], out: 'x.png' });
    const got = ids(scene);
    expect(got).toContain('landmarks');
    expect(got).toContain('reachedNames');
    expect(got).not.toContain('optimum');
  });

  it('--reference-path and --arrows add their layers, and their entries to the key', () => {
    const scene = sceneFromOptions({ model: 'linear', optimizer: 'sgd', iterations: 50, referencePath: true, arrows: true, out: 'x.png', frame: 20 });
    expect(ids(scene)).toEqual(expect.arrayContaining(['referencePaths', 'referenceRings', 'arrows']));
    const { c } = contextOf(scene);
    expect(legendOf(chooseLayers(SURFACE_LAYERS, c), 'key').map((i) => i.label)).toEqual(['full-batch GD', '−∇g/L']); // sgd carries no velocity: no 'last step'
  });

  it('the heading row lists the entries of the chosen layers, in their order', () => {
    const { c } = contextOf(makeScene('linear'));
    expect(legendOf(chooseLayers(SURFACE_LAYERS, c), 'legend').map((i) => i.label)).toEqual(['start', 'minimum']);
  });
});

describe('a new layer is a file and a line', () => {
  const scene = makeScene('linear');
  const { c } = contextOf(scene);
  const base = chooseLayers(SURFACE_LAYERS, c);
  const { rect } = c.plot;
  // A small magenta square on the current point of frame 0 (the start), with an entry in the heading row.
  const [cx, cy] = [c.paths[0].sx(0), c.paths[0].sy(0)];
  const magenta: Layer = {
    drawFrame(ctx) {
      ctx.fillStyle = '#ff00ff';
      ctx.fillRect(cx - 2, cy - 2, 4, 4);
    },
    legend: [{ label: 'probe', marker: (ctx, x, y, r) => ((ctx.fillStyle = '#ff00ff'), ctx.fillRect(x - r, y - r, 2 * r, 2 * r)) }],
  };
  const build = (layers: Layer[]) => layeredPanel(c.plot, [...layers, heading(c, legendOf(layers, 'legend'))], rect);
  const magentaAt = (px: Uint8Array, x: number, y: number) => {
    const i = (Math.floor(y) * W + Math.floor(x)) * 4;
    return px[i] === 255 && px[i + 1] === 0 && px[i + 2] === 255;
  };
  const count = (px: Uint8Array, inPlot: boolean) => {
    let n = 0;
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const i = (y * W + x) * 4;
        const inside = x >= rect.x && x < rect.x + rect.w && y >= rect.y && y < rect.y + rect.h;
        if (inside === inPlot && px[i] === 255 && px[i + 1] === 0 && px[i + 2] === 255) n++;
      }
    }
    return n;
  };

  it('the panel of the chosen layers and the heading draws what surfacePanel draws, to the pixel', () => {
    // surfacePanel adds the key too, which this scene (no switches) leaves empty.
    const { measure, outer } = contextOf(scene);
    expect(Buffer.from(draw(surfacePanel(measure, outer, scene, panelStyle(scene)), 30)).equals(Buffer.from(draw(build(base), 30)))).toBe(true);
  });

  it('is drawn in its place: over the layers before it, under the ones after', () => {
    const at = base.length;
    const current = SURFACE_LAYERS.filter((s) => !s.applies || s.applies(c)).findIndex((s) => s.id === 'current');
    const last = draw(build([...base.slice(0, at), magenta]), 0);
    expect(magentaAt(last, cx, cy)).toBe(true);
    // Its legend entry joins the heading row, above the plot.
    expect(count(last, false)).toBeGreaterThan(20);
    // Before the current point's layer: the current point covers it.
    const below = draw(build([...base.slice(0, current), magenta, ...base.slice(current)]), 0);
    expect(magentaAt(below, cx, cy)).toBe(false);
    expect(count(below, true)).toBeLessThan(count(last, true));
  });
});
