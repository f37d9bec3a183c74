/** Small multiples: arrangement, shared axes and colour scale, each cell's own path, heading and divergence. */
import { createRenderer } from '../../../src/render';
import { prepareFrame } from '../../../src/render/frame/renderer';
import { theme } from '../../../src/render/core/theme';
import { makeGrid } from '../fixtures';
import { countColour, distance, hex, pixel } from '../pixels';

const accent = hex(theme('light').accent);
const text = hex(theme('light').text);

describe('a sweep drawn as a grid', () => {
  const scene = makeGrid('linear');
  const prepared = prepareFrame(scene);
  const plots = prepared.panels.map((p) => p.plot);

  it('puts four cells in one row of a wide frame and two rows of a tall one', () => {
    expect(plots.map((p) => p.rect.y)).toEqual(Array(4).fill(plots[0].rect.y));
    const tall = prepareFrame(makeGrid('linear', undefined, { width: 480, height: 800 })).panels.map((p) => p.plot.rect);
    expect(new Set(tall.map((r) => r.y)).size).toBe(2);
    expect(new Set(tall.map((r) => r.x)).size).toBe(2);
  });

  it('gives every cell a plot of the same size, inside the frame and apart from the others', () => {
    const nine = prepareFrame(makeGrid('linear', [0.01, 0.02, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4])).panels.map((p) => p.plot.rect);
    for (const cells of [plots.map((p) => p.rect), nine]) {
      for (const r of cells) {
        expect([r.w, r.h]).toEqual([cells[0].w, cells[0].h]);
        expect(r.x >= 0 && r.y >= 0 && r.x + r.w <= 960 && r.y + r.h <= 480).toBe(true);
        expect(Math.min(r.w, r.h)).toBeGreaterThan(80);
      }
      for (let i = 0; i < cells.length; i++) {
        for (let j = i + 1; j < cells.length; j++) {
          const [a, b] = [cells[i], cells[j]];
          expect(a.x + a.w < b.x || b.x + b.w < a.x || a.y + a.h < b.y || b.y + b.h < a.y).toBe(true);
        }
      }
    }
  });

  it('shares the window and the colour scale: every cell’s background is the same picture', () => {
    const bg = prepared.background.getContext('2d');
    const { w, h } = plots[0].rect;
    const first = bg.getImageData(plots[0].rect.x, plots[0].rect.y, w, h).data;
    for (const p of plots.slice(1)) {
      expect(Buffer.from(bg.getImageData(p.rect.x, p.rect.y, w, h).data).equals(Buffer.from(first))).toBe(true);
      expect(p.x.domain).toEqual(plots[0].x.domain);
      expect(p.y.labels).toEqual(plots[0].y.labels);
    }
  });

  it('labels the w1 ticks left of the first column only', () => {
    const px = createRenderer(scene).drawFrame(0);
    // Just left of the plot, clear of the tick marks: where tick labels end, and in the gutter between cells.
    const leftOf = (i: number) => ({ x: plots[i].rect.x - 13, y: plots[i].rect.y, w: 8, h: plots[i].rect.h });
    expect(countColour(px, 960, leftOf(0), text, 100)).toBeGreaterThan(40);
    expect(countColour(px, 960, leftOf(1), text, 100)).toBe(0);
  });

  it('draws each series’ current point in its own cell', () => {
    const k = 20;
    const px = createRenderer(scene).drawFrame(k);
    scene.series.forEach((s, i) => {
      const j = Math.min(k, s.iterations);
      const [cx, cy] = [plots[i].x.map(s.trajectory.w[0][j]), plots[i].y.map(s.trajectory.w[1][j])];
      const { rect } = plots[i];
      if (cx < rect.x || cx > rect.x + rect.w || cy < rect.y || cy > rect.y + rect.h) return;
      expect(distance(pixel(px, 960, cx, cy), accent)).toBeLessThanOrEqual(4);
    });
  });

  it('names each cell and says in its heading when its series diverged', () => {
    const last = scene.series[3];
    expect(last.diverged?.iteration).toBe(5);
    const r = createRenderer(scene);
    const heading = (i: number) => ({ x: plots[i].rect.x, y: plots[i].rect.y - 18, w: plots[i].rect.w, h: 16 });
    const before = r.drawFrame(4);
    const after = r.drawFrame(6);
    // Within 60 levels: thin antialiased text at 11 px has few pixels of its exact colour.
    expect(countColour(after, 960, heading(3), accent, 60)).toBeGreaterThan(countColour(before, 960, heading(3), accent, 60) + 40);
    // The other cells keep their label and loss in the text colour.
    for (const i of [0, 1, 2]) expect(countColour(after, 960, heading(i), text, 40)).toBeGreaterThan(60);
  });
});
