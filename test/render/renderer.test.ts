import { createRenderer } from '../../src/render';
import { prepareFrame } from '../../src/render/frame/renderer';
import { logistic } from '../../src/engine/logistic';
import { theme } from '../../src/render/core/theme';
import { makeScene } from './fixtures';
import { countColour, distance, hex, nearest, pixel } from './pixels';

const accent = hex(theme('light').accent);

describe('createRenderer', () => {
  it('draws frames of width × height opaque RGBA pixels at offset 0', () => {
    const scene = makeScene('linear');
    const px = createRenderer(scene).drawFrame(10);
    expect(px.length).toBe(960 * 480 * 4);
    expect(px.byteOffset).toBe(0);
    expect(px.buffer.byteLength).toBe(px.length);
    for (let i = 3; i < px.length; i += 4) if (px[i] !== 255) throw new Error(`pixel ${(i - 3) / 4} is not opaque`);
  });

  it('is deterministic: same scene, same pixels, whatever was drawn before', () => {
    const scene = makeScene('logistic');
    const a = createRenderer(scene);
    const first = Buffer.from(a.drawFrame(30));
    a.drawFrame(5);
    a.drawFrame(60);
    expect(Buffer.from(a.drawFrame(30)).equals(first)).toBe(true);
    expect(Buffer.from(createRenderer(makeScene('logistic')).drawFrame(30)).equals(first)).toBe(true);
  });

  it('draws the path and the current point on the loss surface where the weights are', () => {
    const scene = makeScene('linear');
    const { panels } = prepareFrame(scene);
    const { x, y } = panels[0].plot;
    const t = scene.series[0].trajectory;
    const k = 12;
    const px = createRenderer(scene).drawFrame(k);
    // The current point: a disc in the accent colour centred on (w0, w1).
    expect(distance(pixel(px, 960, x.map(t.w[0][k]), y.map(t.w[1][k])), accent)).toBeLessThanOrEqual(4);
    // Halfway along an early segment, the path line.
    const mx = x.map((t.w[0][3] + t.w[0][4]) / 2);
    const my = y.map((t.w[1][3] + t.w[1][4]) / 2);
    expect(nearest(px, 960, mx, my, accent, 1)).toBeLessThanOrEqual(20);
    // A later segment is not drawn yet.
    const later = createRenderer(scene).drawFrame(2);
    expect(nearest(later, 960, mx, my, accent, 1)).toBeGreaterThan(60);
  });

  it('draws the linear fit line through w0 + w1·x', () => {
    const scene = makeScene('linear');
    const { panels } = prepareFrame(scene);
    const { x, y } = panels[1].plot;
    const k = 40;
    const { w0, w1 } = { w0: scene.series[0].trajectory.w[0][k], w1: scene.series[0].trajectory.w[1][k] };
    const px = createRenderer(scene).drawFrame(k);
    for (const u of [0.1, 0.5, 0.9]) {
      const xv = x.domain[0] + u * (x.domain[1] - x.domain[0]);
      const [cx, cy] = [x.map(xv), y.map(w0 + w1 * xv)];
      expect(nearest(px, 960, cx, cy, accent, 1)).toBeLessThanOrEqual(20);
      // Well away from the line (and from the data points at its side), no accent.
      expect(nearest(px, 960, cx, cy - 40, accent, 1)).toBeGreaterThan(60);
    }
  });

  it('draws the sigmoid and the dashed decision boundary for logistic regression', () => {
    const scene = makeScene('logistic');
    const { panels } = prepareFrame(scene);
    const { x, y, rect } = panels[1].plot;
    const k = 60;
    const [w0, w1] = [scene.series[0].trajectory.w[0][k], scene.series[0].trajectory.w[1][k]];
    const px = createRenderer(scene).drawFrame(k);
    const xb = -w0 / w1;
    expect(nearest(px, 960, x.map(xb), y.map(0.5), accent, 1)).toBeLessThanOrEqual(20);
    const xv = xb + 0.8;
    expect(nearest(px, 960, x.map(xv), y.map(logistic.predict([w0, w1], xv)), accent, 1)).toBeLessThanOrEqual(20);
    // The boundary runs the full height: dashes of accent in the column above and below the curve.
    const column = { x: Math.round(x.map(xb)) - 1, y: rect.y, w: 3, h: rect.h };
    expect(countColour(px, 960, column, accent, 30)).toBeGreaterThan(rect.h * 0.5);
  });

  it('renders the title text', () => {
    const scene = makeScene('linear');
    const { layout } = prepareFrame(scene);
    const px = createRenderer(scene).drawFrame(0);
    const text = hex(theme('light').text);
    expect(countColour(px, 960, layout.title, text, 60)).toBeGreaterThan(300);
  });

  it('paints the dark theme on a dark background, the light one on white', () => {
    const light = createRenderer(makeScene('linear')).drawFrame(0);
    const dark = createRenderer(makeScene('linear', { theme: 'dark' })).drawFrame(0);
    expect(pixel(light, 960, 2, 2)).toEqual([255, 255, 255]);
    expect(pixel(dark, 960, 2, 2)).toEqual(hex(theme('dark').background));
  });

  it('adds the loss panel on request, with the current loss marked', () => {
    const scene = makeScene('linear', { panels: ['surface', 'fit', 'loss'] });
    const { panels } = prepareFrame(scene);
    expect(panels).toHaveLength(3);
    const { x, y, rect } = panels[2].plot;
    expect(rect.x).toBeGreaterThan(640);
    const k = 20;
    const px = createRenderer(scene).drawFrame(k);
    // The loss panel plots the gap to the minimum.
    const gap = (i: number) => scene.series[0].trajectory.loss[i] - scene.optimum!.loss;
    expect(distance(pixel(px, 960, x.map(k), y.map(gap(k))), accent)).toBeLessThanOrEqual(4);
    expect(panels[1].plot.rect.x + panels[1].plot.rect.w).toBeLessThan(640);
    // The part of the curve not yet travelled is not drawn at all.
    const later = Math.round((k + scene.iterations) / 2);
    expect(nearest(px, 960, x.map(later), y.map(gap(later)), accent, 1)).toBeGreaterThan(60);
    expect(rect.w).toBeGreaterThan(200);
  });

  it('keeps drawing through a divergence, and says so', () => {
    const scene = makeScene('linear', { lr: 0.4, iterations: 40, panels: ['surface', 'fit', 'loss'] });
    scene.grid = makeScene('linear', { iterations: 40 }).grid;
    scene.series[0].diverged = { iteration: 40, stable_lr: 0.3 };
    const t = scene.series[0].trajectory;
    [t.w[0][40], t.w[1][40], t.loss[40]] = [Infinity, NaN, Infinity];
    const r = createRenderer(scene);
    const { panels } = prepareFrame(scene);
    const before = r.drawFrame(39);
    const labelArea = { x: panels[0].plot.rect.x, y: panels[0].plot.rect.y, w: 200, h: 30 };
    const notice = countColour(Buffer.from(r.drawFrame(40)), 960, labelArea, accent, 30);
    expect(notice).toBeGreaterThan(countColour(before, 960, labelArea, accent, 30) + 50);
  });

  it('says where the fit line went when it leaves the fit panel', () => {
    const scene = makeScene('linear', { iterations: 10 });
    const t = scene.series[0].trajectory;
    [t.w[0][10], t.w[1][10]] = [-500, 0]; // far below every data point
    const r = createRenderer(scene);
    const { panels } = prepareFrame(scene);
    const fit = panels[1].plot.rect;
    const labelArea = { x: fit.x, y: fit.y, w: 200, h: 30 };
    const inView = countColour(Buffer.from(r.drawFrame(9)), 960, labelArea, accent, 30);
    const outOfView = countColour(Buffer.from(r.drawFrame(10)), 960, labelArea, accent, 30);
    expect(outOfView).toBeGreaterThan(inView + 50);
  });

  it('lays out small and very large frames', () => {
    for (const [w, h] of [
      [320, 200],
      [3840, 2160],
    ]) {
      const scene = makeScene('logistic', { width: w, height: h, panels: ['surface', 'fit', 'loss'] });
      const { panels, layout } = prepareFrame(scene);
      for (const p of panels) {
        expect(p.plot.rect.w).toBeGreaterThan(w / 3 / 3);
        expect(p.plot.rect.h).toBeGreaterThan(h / 3);
      }
      expect(layout.style.f).toBeGreaterThanOrEqual(8);
      expect(createRenderer(scene).drawFrame(scene.iterations).length).toBe(w * h * 4);
    }
  });

  it('draws a run of zero iterations', () => {
    const scene = makeScene('linear', { iterations: 0, panels: ['surface', 'fit', 'loss'] });
    const { panels } = prepareFrame(scene);
    const px = createRenderer(scene).drawFrame(0);
    const { x, y } = panels[0].plot;
    expect(distance(pixel(px, 960, x.map(scene.series[0].trajectory.w[0][0]), y.map(scene.series[0].trajectory.w[1][0])), accent)).toBeLessThanOrEqual(4);
  });

  it('bakes tens of thousands of data points into the background as visible points', () => {
    const scene = makeScene('linear', { n: 30000, iterations: 5 });
    const { panels } = prepareFrame(scene);
    const { x, y } = panels[1].plot;
    const px = createRenderer(scene).drawFrame(0);
    const blue = hex(theme('light').points);
    // The data are a dense band: its pixels are a tint of the point colour, well away from white.
    for (const i of [100, 15000, 29000]) {
      const c = pixel(px, 960, x.map(scene.data.x[i]), y.map(scene.data.y[i]));
      expect(distance(c, [255, 255, 255])).toBeGreaterThan(60);
      expect(c[2]).toBeGreaterThan(c[0]);
      expect(nearest(px, 960, x.map(scene.data.x[i]), y.map(scene.data.y[i]), blue, 2)).toBeLessThan(distance(blue, [255, 255, 255]));
    }
  });

  it('rejects iterations outside the run', () => {
    const r = createRenderer(makeScene('linear', { iterations: 5 }));
    expect(() => r.drawFrame(6)).toThrow(RangeError);
    expect(() => r.drawFrame(1.5)).toThrow(RangeError);
    expect(() => r.drawFrame({ index: 0, count: 1, seconds: 0, iteration: -1 })).toThrow(RangeError);
  });

  it('takes a frame clock or a bare iteration, and draws the same still from both', () => {
    const r = createRenderer(makeScene('logistic'));
    const fromClock = Buffer.from(r.drawFrame({ index: 7, count: 20, seconds: 0.35, iteration: 21 }));
    expect(Buffer.from(r.drawFrame(21)).equals(fromClock)).toBe(true);
  });

  it('rejects a scene without series', () => {
    expect(() => createRenderer({ ...makeScene('linear'), series: [] })).toThrow(RangeError);
  });
});
