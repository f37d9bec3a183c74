/**
 * What makes a frame slide-ready, checked on the pixels and numbers that carry it: text no smaller than 11 px,
 * --font-scale, the colour bar, the user's title and class names, jittered see-through class points, and a
 * first frame that shows the starting line. The golden frames (golden.test.ts) hold the whole picture.
 */
import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import { createRenderer } from '../../../src/render';
import { bandColour } from '../../../src/render/surface2d/contours';
import { gridLayout } from '../../../src/render/frame/gridLayout';
import { panelStyle } from '../../../src/render/core/layout';
import { prepareFrame } from '../../../src/render/frame/renderer';
import { theme } from '../../../src/render/core/theme';
import type { Scene } from '../../../src/types';
import { makeGrid, makeScene, makeSlide } from '../fixtures';
import { compareWithGolden } from '../goldenFiles';
import { countColour, distance, hex, pixel } from '../pixels';

/** "rgb(68,1,84)", as bandColour gives it, to channels. */
const rgb = (css: string) => css.match(/\d+/g)!.slice(0, 3).map(Number) as [number, number, number];
const measure = (): SKRSContext2D => createCanvas(1, 1).getContext('2d');
const three = (extra: Partial<Scene> = {}): Scene => ({ ...makeScene('linear', { panels: ['surface', 'fit', 'loss'] }), ...extra });

describe('text size', () => {
  it('is at least 11 px at 960x480, with three panels and in a grid', () => {
    expect(panelStyle(makeScene('linear')).f).toBeGreaterThanOrEqual(13);
    expect(panelStyle(three()).f).toBeGreaterThanOrEqual(11);
    expect(gridLayout(measure(), makeGrid('linear')).style.f).toBeGreaterThanOrEqual(11);
  });

  it('follows --font-scale everywhere', () => {
    expect(panelStyle(three({ fontScale: 2 })).f).toBeCloseTo(2 * panelStyle(three()).f, 9);
    const grid = makeGrid('linear');
    expect(gridLayout(measure(), { ...grid, fontScale: 1.5 }).style.f).toBeCloseTo(1.5 * gridLayout(measure(), grid).style.f, 9);
  });
});

describe('the colour bar', () => {
  /** The bar's column: right of the plot, past the gap, in the middle of the bar's width. */
  const barColumn = (rect: { x: number; w: number }, f: number) => rect.x + rect.w + f * 0.7 + f * 0.4;

  it.each([
    ['light, three panels', three()],
    ['dark, two panels', makeScene('logistic', { theme: 'dark' })],
  ])('stands right of the surface (%s), lowest loss at its foot, highest at its top', (_name, scene) => {
    const { panels, layout } = prepareFrame(scene);
    const { rect } = panels[0].plot;
    const px = createRenderer(scene).drawFrame(0);
    const x = barColumn(rect, layout.style.f);
    const bands = scene.grid.levels.length + 1;
    expect(distance(pixel(px, scene.width, x, rect.y + rect.h - 2), rgb(bandColour(0, bands)))).toBeLessThanOrEqual(3);
    // The highest band is empty (its level is the grid's maximum), so the top shows the one below it.
    expect(distance(pixel(px, scene.width, x, rect.y + 2), rgb(bandColour(bands - 2, bands)))).toBeLessThanOrEqual(3);
    // It sits beside the plot, not over it: the path keeps the whole surface.
    expect(x).toBeLessThan(layout.panels[0].x + layout.panels[0].w);
  });

  it('stands right of the last cell of a grid, once for all cells', () => {
    const scene = makeGrid('linear');
    const { panels } = prepareFrame(scene);
    const last = panels[panels.length - 1].plot.rect;
    const g = gridLayout(measure(), scene);
    const px = createRenderer(scene).drawFrame(0);
    const bands = scene.grid.levels.length + 1;
    expect(distance(pixel(px, 960, barColumn(last, g.style.f), last.y + last.h - 2), rgb(bandColour(0, bands)))).toBeLessThanOrEqual(3);
  });

  it('gives way when the panel is too narrow for it', () => {
    const scene = makeScene('linear', { width: 480, height: 240, panels: ['surface', 'fit', 'loss'] });
    const { panels, layout } = prepareFrame(scene);
    const outer = layout.panels[0];
    const { rect } = panels[0].plot;
    expect(outer.x + outer.w - (rect.x + rect.w)).toBeLessThan(layout.style.f * 1.2);
  });
});

describe('the slide golden rejects', () => {
  const golden = 'slide-logistic-middle';
  const draw = (scene: Scene) => Buffer.from(createRenderer(scene).drawFrame(30));

  it('the same frame as drawn: zero mismatches', async () => {
    expect(await compareWithGolden(golden, draw(makeSlide()), 960, 480)).toBe(0);
  });

  it.each<[string, (s: Scene) => Scene]>([
    ['the class names swapped', (s) => ({ ...s, text: { ...s.text, classNames: [s.text!.classNames![1], s.text!.classNames![0]] } })],
    ['the default title', (s) => ({ ...s, text: { ...s.text, title: undefined } })],
    ['the default axis labels', (s) => ({ ...s, text: { ...s.text, xLabel: undefined, yLabel: undefined } })],
    ['the default font size', (s) => ({ ...s, fontScale: 1 })],
  ])('%s', async (_name, change) => {
    expect(await compareWithGolden(golden, draw(change(makeSlide())), 960, 480)).toBeGreaterThan(50);
  });
});

describe('logistic points', () => {
  it('spread into a band around 0 and 1, drawn see-through', () => {
    const scene = makeScene('logistic', { n: 400 });
    const { panels } = prepareFrame(scene);
    const { rect, y } = panels[1].plot;
    const px = createRenderer(scene).drawFrame(0);
    const class0 = hex(theme('light').class0);
    // Rows holding points of class 0, whose label is exactly 0: more than one point's height of them.
    let rows = 0;
    for (let py = Math.round(y.map(0.1)); py <= Math.round(y.map(-0.1)); py++) {
      if (countColour(px, 960, { x: rect.x, y: py, w: rect.w, h: 1 }, class0, 90) > 0) rows++;
    }
    expect(rows).toBeGreaterThan(18);
    // See-through: the background shows through a point, so only where several overlap does the full colour
    // build up; most of the band's point pixels are lighter than it.
    const band = { x: rect.x, y: y.map(0.1), w: rect.w, h: y.map(-0.1) - y.map(0.1) };
    expect(countColour(px, 960, band, class0, 2)).toBeLessThan(countColour(px, 960, band, class0, 90) * 0.2);
  });

  it('are the same pixels on every drawing', () => {
    const a = Buffer.from(createRenderer(makeScene('logistic')).drawFrame(0));
    expect(Buffer.from(createRenderer(makeScene('logistic')).drawFrame(0)).equals(a)).toBe(true);
  });
});

describe('the first frame of a linear run', () => {
  it('shows the starting line, drawn below the data', () => {
    // The fixture starts at w = (−3, −2): y = −3 − 2x, below every data point.
    const scene = makeScene('linear');
    const { panels } = prepareFrame(scene);
    const { rect, x, y } = panels[1].plot;
    const px = createRenderer(scene).drawFrame(0);
    const accent = hex(theme('light').accent);
    for (const at of [-0.5, 1, 2.5]) {
      const py = Math.round(y.map(-3 - 2 * at));
      expect(py).toBeGreaterThan(rect.y);
      expect(py).toBeLessThan(rect.y + rect.h);
      expect(countColour(px, 960, { x: Math.round(x.map(at)), y: py - 2, w: 1, h: 5 }, accent, 40)).toBeGreaterThan(0);
    }
  });
});
