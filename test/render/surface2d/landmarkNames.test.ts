/**
 * The names of reached minima, as drawn through the real pipeline: each name's box (recorded from the
 * canvas calls of drawLabel) lies inside the plot, beside its own marker (no other marker nearer to it) and
 * clear of every marker; a name with no such place is left to the legend. And the basins legend stays
 * inside the frame when the font is large.
 */
import { createCanvas } from '@napi-rs/canvas';
import { createRenderer, prepareFrame } from '../../../src/render/frame/renderer';
import { startsFrameLayout } from '../../../src/render/starts/startsFrame';
import * as namePlacement from '../../../src/render/surface2d/namePlacement';
import { placeNames } from '../../../src/render/surface2d/namePlacement';
import { drawLandmarkNames, landmarkName, reachedBy, reachedNamesPainter } from '../../../src/render/surface2d/landmarks';
import { panelStyle } from '../../../src/render/core/layout';
import type { Scene } from '../../../src/types';

const { sceneFromOptions } = require('../../../src/index') as typeof import('../../../src/index');

interface Drawn {
  text: string;
  box: { x: number; y: number; w: number; h: number };
}

/** Every label box drawn while `draw` runs: a roundRect followed by the fillText of its name. */
function recordLabels(draw: () => void): { labels: Drawn[]; texts: { text: string; x: number; y: number }[] } {
  const proto = Object.getPrototypeOf(createCanvas(1, 1).getContext('2d'));
  const round = jest.spyOn(proto, 'roundRect');
  const fill = jest.spyOn(proto, 'fillText');
  const events: ({ kind: 'box'; box: Drawn['box'] } | { kind: 'text'; text: string; x: number; y: number })[] = [];
  round.mockImplementation((...a: unknown[]) => {
    const [x, y, w, h] = a as number[];
    events.push({ kind: 'box', box: { x, y, w, h } });
  });
  fill.mockImplementation((...a: unknown[]) => {
    events.push({ kind: 'text', text: String(a[0]), x: a[1] as number, y: a[2] as number });
  });
  try {
    draw();
  } finally {
    round.mockRestore();
    fill.mockRestore();
  }
  const labels: Drawn[] = [];
  events.forEach((e, i) => {
    const next = events[i + 1];
    if (e.kind === 'box' && next && next.kind === 'text' && /^(min|local min|saddle) \(/.test(next.text)) labels.push({ text: next.text, box: e.box });
  });
  return { labels, texts: events.filter((e): e is { kind: 'text'; text: string; x: number; y: number } => e.kind === 'text') };
}

const dist = (b: Drawn['box'], x: number, y: number) => Math.hypot(Math.max(b.x - x, 0, x - b.x - b.w), Math.max(b.y - y, 0, y - b.y - b.h));

function checkLabels(scene: Scene, labels: Drawn[], plot: { rect: Drawn['box']; x: { map(v: number): number }; y: { map(v: number): number } }, f: number): void {
  const marks = scene.surface.landmarks.map((m) => ({ name: landmarkName(m), x: plot.x.map(m.u), y: plot.y.map(m.v) }));
  const r = plot.rect;
  for (const { text, box } of labels) {
    expect([text, box.x >= r.x - 0.5 && box.y >= r.y - 0.5 && box.x + box.w <= r.x + r.w + 0.5 && box.y + box.h <= r.y + r.h + 0.5]).toEqual([text, true]);
    const own = marks.find((m) => m.name === text)!;
    const ownD = dist(box, own.x, own.y);
    expect(ownD).toBeLessThan(f * 1.5);
    for (const m of marks) {
      expect([text, m.name, dist(box, m.x, m.y) >= f * 0.9]).toEqual([text, m.name, true]);
      if (m !== own) expect([text, m.name, dist(box, m.x, m.y) > ownD]).toEqual([text, m.name, true]);
    }
  }
}

describe('the names of reached minima on a basins picture', () => {
  it.each([1, 1.4, 2])('at --font-scale %s each name is beside its own star, inside the plot, over no marker', (scale) => {
    const scene = sceneFromOptions({ model: 'function', function: 'himmelblau', starts: 'grid:10', layout: 'basins', fontScale: scale, width: 960, height: 480 });
    const L = startsFrameLayout(createCanvas(1, 1).getContext('2d'), scene);
    const renderer = createRenderer(scene);
    const { labels } = recordLabels(() => renderer.drawFrame(scene.iterations));
    checkLabels(scene, labels, L.plot, L.style.f);
    // All four minima were reached; at the default scale all four names fit.
    if (scale === 1) expect(labels.map((l) => l.text).sort()).toEqual(['min (-2.805, 3.131)', 'min (-3.779, -3.283)', 'min (3, 2)', 'min (3.584, -1.848)']);
  });

  it('at --font-scale 2 the legend, to its last row, is inside the frame', () => {
    const scene = sceneFromOptions({ model: 'function', function: 'himmelblau', starts: 'grid:10', layout: 'basins', fontScale: 2, width: 960, height: 480 });
    const L = startsFrameLayout(createCanvas(1, 1).getContext('2d'), scene);
    const { texts } = recordLabels(() => createRenderer(scene).drawFrame(scene.iterations));
    const legend = texts.filter((t) => t.x >= L.legend.x - 1);
    expect(legend.map((t) => t.text)).toContain('saddle');
    for (const t of legend) expect([t.text, t.y + L.style.f * 0.5 <= scene.height]).toEqual([t.text, true]);
  });
});

describe('the names in an ordinary landscape frame', () => {
  it('a race on Himmelblau names each reached minimum beside its own star', () => {
    const scene = sceneFromOptions({ model: 'function', function: 'himmelblau', optimizer: ['gd', 'adam'], width: 960, height: 480 });
    const plot = prepareFrame(scene).panels[0].plot;
    const { labels } = recordLabels(() => createRenderer(scene).drawFrame(scene.iterations));
    expect(labels.length).toBeGreaterThan(0);
    checkLabels(scene, labels, plot, panelStyle(scene).f);
  });
});

describe('reachedNamesPainter', () => {
  it('draws each frame the names drawLandmarkNames draws, forwards, twice and backwards, placing them once a set', () => {
    // Two paths reaching two minima at different iterations: the set of names grows twice.
    const scene = sceneFromOptions({ model: 'function', function: 'himmelblau', optimizer: ['gd', 'adam'], lr: { gd: 0.01, adam: 0.05 }, init: [1, -1], iterations: 400, width: 960, height: 480 });
    const reached = scene.series.map((s) => s.reached?.iteration ?? Infinity).filter(Number.isFinite).sort((a, b) => a - b);
    expect(reached.length).toBe(2);
    expect(reached[0]).toBeLessThan(reached[1]);
    const { plot } = prepareFrame(scene).panels[0];
    const style = panelStyle(scene);
    const ctx = createCanvas(960, 480).getContext('2d');
    const paint = reachedNamesPainter(scene.surface.landmarks, scene.series, plot, style);
    const placing = jest.spyOn(namePlacement, 'placeNames');
    const ks = [0, reached[0] - 1, reached[0], reached[0], reached[1], 400, reached[0] + 1, 0, 400];
    let placedSets = 0;
    for (const k of ks) {
      const before = placing.mock.calls.length;
      const got = recordLabels(() => paint(ctx, k)).labels;
      placedSets += placing.mock.calls.length - before;
      const want = recordLabels(() => drawLandmarkNames(ctx, scene.surface.landmarks, reachedBy(scene.series, k), plot, style)).labels;
      expect([k, got]).toEqual([k, want]);
      expect(got.length).toBe(k >= reached[1] ? 2 : k >= reached[0] ? 1 : 0);
    }
    placing.mockRestore();
    // Placed when the set changed only: one, two, one, two names (not at k = 0, nor again for the same set).
    expect(placedSets).toBe(4);
  });
});

describe('placeNames', () => {
  const inside = { x: 0, y: 0, w: 200, h: 100 };
  it('puts a name right of and above its marker when it fits, left of it at the right edge, below it at the top', () => {
    expect(placeNames([{ x: 50, y: 50, w: 40, h: 14 }], [{ x: 50, y: 50 }], inside, 10)).toEqual([{ x: 59, y: 50 - 5.1 - 14 }]);
    expect(placeNames([{ x: 180, y: 50, w: 40, h: 14 }], [{ x: 180, y: 50 }], inside, 10)).toEqual([{ x: 180 - 9 - 40, y: 50 - 5.1 - 14 }]);
    expect(placeNames([{ x: 50, y: 5, w: 40, h: 14 }], [{ x: 50, y: 5 }], inside, 10)).toEqual([{ x: 59, y: 5 + 5.1 }]);
  });
  it('keeps off another marker and off a name already placed, and leaves out a name with no room', () => {
    const [p] = placeNames([{ x: 50, y: 50, w: 40, h: 14 }], [{ x: 50, y: 50 }, { x: 75, y: 38 }], inside, 10);
    expect(p).toEqual({ x: 50 - 9 - 40, y: 50 - 5.1 - 14 });
    const two = placeNames([{ x: 50, y: 50, w: 40, h: 14 }, { x: 50, y: 50, w: 40, h: 14 }], [], inside, 10);
    expect(two[1]).toEqual({ x: 50 - 9 - 40, y: 50 - 5.1 - 14 });
    expect(placeNames([{ x: 50, y: 50, w: 300, h: 14 }], [], inside, 10)).toEqual([null]);
  });
});
