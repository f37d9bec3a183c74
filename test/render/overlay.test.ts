/** Several series on one set of panels: colours, legend, fixed title slots, divergence and early stops. */
import { createRenderer } from '../../src/render';
import { prepareFrame } from '../../src/render/frame/renderer';
import { theme } from '../../src/render/core/theme';
import type { Scene } from '../../src/types';
import { makeRace, makeScene, several } from './fixtures';
import { countColour, hex, nearest, pixel, distance } from './pixels';

const colours = theme('light').series.map(hex);
const K = 20;

/** The race plus a fourth series whose rate is too large: it diverges at iteration 5. */
function raceWithBlowUp(): Scene {
  const runs = [
    { label: 'GD', optimizer: 'gd' as const, lr: 0.1 },
    { label: 'momentum', optimizer: 'momentum' as const, lr: 0.015 },
    { label: 'Adam', optimizer: 'adam' as const, lr: 0.3 },
    { label: 'GD fast', optimizer: 'gd' as const, lr: 0.45 },
  ];
  return several('linear', runs, { panels: ['surface', 'fit', 'loss'] });
}

describe('a race drawn as an overlay', () => {
  const scene = makeRace('linear');
  const { panels, layout } = prepareFrame(scene);
  const px = createRenderer(scene).drawFrame(K);

  it('marks each series’ current point on the surface in its own colour', () => {
    const { x, y } = panels[0].plot;
    scene.series.forEach((s, i) => {
      const t = s.trajectory;
      expect(distance(pixel(px, 960, x.map(t.w[0][K]), y.map(t.w[1][K])), colours[i])).toBeLessThanOrEqual(4);
    });
  });

  it('draws each path in its series’ colour', () => {
    const { x, y } = panels[0].plot;
    // Late segments, where the three paths are far apart.
    for (const [i, j] of [
      [1, 12],
      [2, 15],
    ]) {
      const t = scene.series[i].trajectory;
      const [mx, my] = [x.map((t.w[0][j] + t.w[0][j + 1]) / 2), y.map((t.w[1][j] + t.w[1][j + 1]) / 2)];
      expect(nearest(px, 960, mx, my, colours[i], 1)).toBeLessThanOrEqual(20);
    }
  });

  it('draws each model in the fit panel and each loss curve in its series’ colour', () => {
    const fit = panels[1].plot;
    const loss = panels[2].plot;
    scene.series.forEach((s, i) => {
      const { w: [w0, w1], loss: l } = s.trajectory;
      const xv = fit.x.domain[0] + 0.2 * (fit.x.domain[1] - fit.x.domain[0]);
      const yv = w0[K] + w1[K] * xv;
      if (yv > fit.y.domain[0] && yv < fit.y.domain[1]) expect(nearest(px, 960, fit.x.map(xv), fit.y.map(yv), colours[i], 1)).toBeLessThanOrEqual(20);
      expect(distance(pixel(px, 960, loss.x.map(K), loss.y.map(l[K] - scene.optimum!.loss)), colours[i])).toBeLessThanOrEqual(4);
    });
  });

  it('names every series in its colour in the title band, which a single run does not have', () => {
    // Series 1 is the text colour in the light theme; the other two tell the legend from the title.
    for (const c of [colours[0], colours[2]]) expect(countColour(px, 960, layout.title, c, 10)).toBeGreaterThan(40);
    const single = createRenderer(makeScene('linear', { panels: ['surface', 'fit', 'loss'] })).drawFrame(K);
    const { layout: singleLayout } = prepareFrame(makeScene('linear', { panels: ['surface', 'fit', 'loss'] }));
    expect(countColour(single, 960, singleLayout.title, colours[2], 10)).toBe(0);
  });

  it('keeps every legend entry in a fixed place from frame to frame', () => {
    const r = createRenderer(scene);
    const leftmost = (k: number, c: [number, number, number]) => {
      const frame = r.drawFrame(k);
      for (let x = 0; x < 960; x++) for (let y = 0; y < layout.title.h; y++) if (distance(pixel(frame, 960, x, y), c) <= 10) return x;
      return -1;
    };
    for (const c of [colours[0], colours[2]]) {
      const at = [0, 7, 33, 60].map((k) => leftmost(k, c));
      expect(at[0]).toBeGreaterThan(0);
      expect(new Set(at).size).toBe(1);
    }
  });
});

describe('a diverging series in a race', () => {
  const scene = raceWithBlowUp();
  const blowUp = scene.series[3];
  const { panels } = prepareFrame(scene);
  const r = createRenderer(scene);

  it('is a fixture that diverges early, with the others running on', () => {
    expect(blowUp.diverged?.iteration).toBe(5);
    expect(blowUp.iterations).toBe(5);
    expect(scene.iterations).toBe(60);
  });

  it('is labelled on the surface from the iteration it diverged at', () => {
    const { rect } = panels[0].plot;
    const labelArea = { x: rect.x, y: rect.y, w: rect.w * 0.8, h: 30 };
    const before = countColour(r.drawFrame(4), 960, labelArea, colours[3], 30);
    const after = countColour(r.drawFrame(10), 960, labelArea, colours[3], 30);
    expect(after).toBeGreaterThan(before + 50);
  });

  it('shows its last state once its trajectory has ended', () => {
    const { x, y } = panels[2].plot;
    const late = r.drawFrame(scene.iterations);
    expect(distance(pixel(late, 960, x.map(5), y.map(blowUp.trajectory.loss[5])), colours[3])).toBeLessThanOrEqual(4);
  });
});
