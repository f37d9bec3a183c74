/**
 * A small surface (a cell of a sweep's grid, a side of --compare-standardize) as a list of layers over the
 * cell's plot: which layers a cell gets, and that a new layer is drawn in its place in the list, an
 * unclipped one (the heading's) outside the plot's clip.
 */
import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import { sceneFromOptions } from '../../../src/index';
import { ensureFont } from '../../../src/render';
import { chooseLayers, layeredPanel, type Layer } from '../../../src/render/core/layer';
import type { Panel } from '../../../src/render/core/panel';
import { compareSides } from '../../../src/render/frame/compareFrame';
import { cellContext } from '../../../src/render/frame/gridFrame';
import { gridLayout } from '../../../src/render/frame/gridLayout';
import { CELL_LAYERS } from '../../../src/render/surface2d/cellLayers';
import type { CellContext } from '../../../src/render/surface2d/cellLayers/context';
import type { Scene } from '../../../src/types';
import { makeGrid } from '../fixtures';

const ids = (c: CellContext) => CELL_LAYERS.filter((s) => !s.applies || s.applies(c)).map((s) => s.id);

function measureFor(scene: Scene): SKRSContext2D {
  ensureFont();
  return createCanvas(scene.width, scene.height).getContext('2d');
}

/** The contexts of a grid's cells, as gridFrame builds them (bands: any canvas of the cell's size). */
function gridContexts(scene: Scene): CellContext[] {
  const measure = measureFor(scene);
  const g = gridLayout(measure, scene);
  const bands = createCanvas(g.cells[0].plot.rect.w, g.cells[0].plot.rect.h);
  return g.cells.map((cell, i) => cellContext(measure, cell, scene, scene.surface, i, bands, g.style));
}

/** Draws a panel's background and frame k over white; returns the pixels. */
function draw(scene: Scene, panel: Panel, k: number): Uint8Array {
  const canvas = createCanvas(scene.width, scene.height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, scene.width, scene.height);
  panel.drawStatic(ctx);
  panel.drawFrame(ctx, { index: 0, count: 1, seconds: 0, iteration: k });
  return canvas.data();
}

const grid = makeGrid('linear');
const compare = sceneFromOptions({ model: 'linear', data: 'cars', compareStandardize: true, lr: 7e-5, iterations: 300, width: 640, height: 320, out: 'x.png' });

describe('the layers a small surface gets', () => {
  it('a grid cell: the shared bands, its axes, path, start, known points, current point and heading', () => {
    expect(ids(gridContexts(grid)[0])).toEqual(['background', 'axes', 'path', 'start', 'landmarks', 'current', 'heading']);
  });

  it('a grid cell with --reference-path and --arrows: their layers, in their places', () => {
    const scene = sceneFromOptions({ model: 'linear', optimizer: 'sgd', lr: [0.02, 0.2], layout: 'grid', iterations: 50, referencePath: true, arrows: true, out: 'x.png' });
    expect(ids(gridContexts(scene)[1])).toEqual(['background', 'referencePath', 'axes', 'path', 'start', 'landmarks', 'referenceRing', 'arrows', 'current', 'heading']);
  });

  it('a side of a comparison: its own bands and colour bar, and the notice under the heading', () => {
    const { contexts } = compareSides(measureFor(compare), compare);
    expect(contexts.map(ids)).toEqual(Array(2).fill(['background', 'colourBar', 'axes', 'path', 'start', 'landmarks', 'current', 'sideNotice', 'heading']));
  });
});

describe('a cell is its list of layers', () => {
  const c = gridContexts(grid)[0];
  const { rect } = c.plot;
  const [cx, cy] = [c.path.sx(0), c.path.sy(0)];
  const probe = (unclipped = false): Layer => ({
    unclipped,
    drawFrame(ctx) {
      ctx.fillStyle = '#ff00ff';
      ctx.fillRect(cx - 2, cy - 2, 4, 4);
      // A second square above the plot, where only an unclipped layer can draw.
      ctx.fillRect(rect.x + 4, rect.y - 6, 4, 4);
    },
  });
  const magentaAt = (px: Uint8Array, x: number, y: number) => {
    const i = (Math.floor(y) * grid.width + Math.floor(x)) * 4;
    return px[i] === 255 && px[i + 1] === 0 && px[i + 2] === 255;
  };
  const build = (layers: Layer[]) => layeredPanel(c.plot, layers, rect);
  const base = chooseLayers(CELL_LAYERS, c);
  const current = ids(c).indexOf('current');

  it('a new layer is drawn in its place: over the layers before it, under the ones after, inside the clip', () => {
    const last = draw(grid, build([...base, probe()]), 0);
    expect(magentaAt(last, cx, cy)).toBe(true);
    expect(magentaAt(last, rect.x + 6, rect.y - 4)).toBe(false);
    const below = draw(grid, build([...base.slice(0, current), probe(), ...base.slice(current)]), 0);
    expect(magentaAt(below, cx, cy)).toBe(false);
  });

  it('an unclipped layer is drawn after the clip is lifted, above the plot too', () => {
    const px = draw(grid, build([...base, probe(true)]), 0);
    expect(magentaAt(px, cx, cy)).toBe(true);
    expect(magentaAt(px, rect.x + 6, rect.y - 4)).toBe(true);
  });
});
