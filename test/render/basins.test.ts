/**
 * Golden frames of Himmelblau's basins (--starts grid:20 --layout basins) through the real pipeline, and of
 * the same starts drawn as every path; each golden must fail when a minimum's marker, the legend or the start
 * dots are taken out, while the same procedure without the change passes.
 */
import { createCanvas } from '@napi-rs/canvas';
import { createRenderer } from '../../src/render';
import { createStartsDrawer, startsFrameLayout } from '../../src/render/starts/startsFrame';
import type { Scene } from '../../src/types';
import { compareWithGolden } from './goldenFiles';

function basinsScene(layout?: 'basins'): Scene {
  const { sceneFromOptions } = require('../../src/index') as typeof import('../../src/index');
  return sceneFromOptions({ model: 'function', function: 'himmelblau', starts: 'grid:20', lr: 0.01, iterations: 300, width: 640, height: 320, ...(layout ? { layout } : {}) });
}

// "middle": early, while most paths are on their way (at lr 0.01 nearly all have arrived by iteration 40).
const frames = (scene: Scene) => ({ first: 0, middle: 8, last: scene.iterations });

describe.each([
  ['function-himmelblau-basins', () => basinsScene('basins')],
  ['function-himmelblau-starts', () => basinsScene()],
])('golden frames of %s', (name, make) => {
  const scene = make();
  const renderer = createRenderer(scene);
  it.each(['first', 'middle', 'last'] as const)('%s frame matches its golden image', async (which) => {
    const px = Buffer.from(renderer.drawFrame(frames(scene)[which]));
    expect(await compareWithGolden(`${name}-${which}`, px, scene.width, scene.height)).toBe(0);
  });
});

describe('a frame depends on its iteration alone', () => {
  it('the last frame drawn first, after others, or after a later one is the same image', () => {
    const scene = basinsScene('basins');
    const alone = Buffer.from(createRenderer(scene).drawFrame(scene.iterations));
    const r = createRenderer(scene);
    for (const k of [0, 8, 57, 200]) r.drawFrame(k);
    expect(Buffer.from(r.drawFrame(scene.iterations)).equals(alone)).toBe(true);
    // Backwards (a GIF's palette samples draw the last frame before the second).
    const again = Buffer.from(r.drawFrame(8));
    expect(again.equals(Buffer.from(createRenderer(scene).drawFrame(8)))).toBe(true);
  });
});

describe('the basins golden fails without', () => {
  const golden = 'function-himmelblau-basins-last';
  const last = (scene: Scene) => Buffer.from(createRenderer(scene).drawFrame(scene.iterations));

  it('nothing taken out (the procedure itself passes)', async () => {
    expect(await compareWithGolden(golden, last(basinsScene('basins')), 640, 320)).toBe(0);
  });

  it('one minimum marker (its star, ring and name moved off the surface)', async () => {
    const scene = basinsScene('basins');
    const marks = scene.surface.landmarks.map((m, i) => (i === 0 ? { ...m, u: 1e6, v: 1e6 } : m));
    const bad = await compareWithGolden(golden, last({ ...scene, surface: { ...scene.surface, landmarks: marks } }), 640, 320);
    expect(bad).toBeGreaterThan(30);
  });

  it('the legend (its column painted over)', async () => {
    const scene = basinsScene('basins');
    const px = createRenderer(scene).drawFrame(scene.iterations);
    const canvas = createCanvas(640, 320);
    const ctx = canvas.getContext('2d');
    const { legend, style } = startsFrameLayout(ctx, scene);
    const image = ctx.createImageData(640, 320);
    image.data.set(px);
    ctx.putImageData(image, 0, 0);
    ctx.fillStyle = style.theme.background;
    ctx.fillRect(legend.x, legend.y, legend.w, legend.h);
    expect(await compareWithGolden(golden, Buffer.from(canvas.data()), 640, 320)).toBeGreaterThan(100);
  });

  it('the start dots (moved off the surface, the paths kept)', async () => {
    const scene = basinsScene('basins');
    const starts = { ...scene.starts!, x: scene.starts!.x.map(() => 1e6), y: scene.starts!.y.map(() => 1e6) };
    expect(await compareWithGolden(golden, last({ ...scene, starts }), 640, 320)).toBeGreaterThan(1000);
  });

  it('the colours of the dots (every start as if it reached none)', async () => {
    const scene = basinsScene('basins');
    const starts = { ...scene.starts!, landmark: scene.starts!.landmark.map(() => -1) };
    expect(await compareWithGolden(golden, last({ ...scene, starts }), 640, 320)).toBeGreaterThan(1000);
  });
});

describe('Rastrigin basins: starts that found a local minimum the list lacks', () => {
  const { sceneFromOptions } = require('../../src/index') as typeof import('../../src/index');
  const scene = sceneFromOptions({ model: 'function', function: 'rastrigin', starts: 'grid:8', layout: 'basins', width: 640, height: 320 });
  const starts = scene.starts!;
  const plot = startsFrameLayout(createCanvas(1, 1).getContext('2d'), scene).plot;
  const last = createRenderer(scene).drawFrame(scene.iterations);
  const px = (x: number, y: number) => Array.from(last.subarray((Math.round(y) * 640 + Math.round(x)) * 4, (Math.round(y) * 640 + Math.round(x)) * 4 + 3));
  const others = Array.from(starts.x.keys()).filter((s) => starts.otherMinimum?.[s] === 1);

  it('fills each such start in the grey of "another local minimum" (not a hollow ring)', () => {
    expect(others.length).toBeGreaterThan(40);
    // Those inside the plot's frame (the frame line is drawn over the dots on its edge).
    for (const s of others.filter((i) => Math.abs(starts.x[i]) < 5 && Math.abs(starts.y[i]) < 5)) expect([s, px(plot.x.map(starts.x[s]), plot.y.map(starts.y[s]))]).toEqual([s, [0xbd, 0xbd, 0xbd]]);
  });

  it('the legend has the row: a frame whose starts all count as none reached differs there', () => {
    const none = createRenderer({ ...scene, starts: { ...starts, otherMinimum: new Uint8Array(starts.x.length) } }).drawFrame(scene.iterations);
    const L = startsFrameLayout(createCanvas(1, 1).getContext('2d'), scene);
    let changed = 0;
    for (let y = Math.round(L.legend.y); y < L.legend.y + L.legend.h; y++)
      for (let x = Math.round(L.legend.x); x < 640; x++) if (last[(y * 640 + x) * 4] !== none[(y * 640 + x) * 4]) changed++;
    expect(changed).toBeGreaterThan(100);
  });
});

describe('minima found by the starts of an expression claim no rank (newcomer review: two global minima read "local min")', () => {
  const { sceneFromOptions } = require('../../src/index') as typeof import('../../src/index');
  const { landmarkName, landmarkLegend } = require('../../src/render/surface2d/landmarks') as typeof import('../../src/render/surface2d/landmarks');
  const { panelStyle } = require('../../src/render/core/layout') as typeof import('../../src/render/core/layout');
  // (x² − 1)² + y²: two global minima, (−1, 0) and (1, 0), which mlvis does not know in advance.
  const scene = sceneFromOptions({ model: 'function', expr: '(x^2-1)^2 + y^2', starts: 'grid:10', layout: 'basins', width: 960, height: 480 });

  it('are marked "min (…) found", keyed "minimum found", and drawn so in the legend', () => {
    const marks = scene.surface.landmarks;
    expect(marks.map((m) => [m.kind, landmarkName(m)])).toEqual([
      ['found', 'min (-1, 0) found'],
      ['found', 'min (1, 0) found'],
    ]);
    expect(landmarkLegend(marks, panelStyle(scene)).map((i) => i.label)).toEqual(['minimum found']);
    // What the basins legend writes at the last frame: no "local" anywhere.
    const ctx = createCanvas(scene.width, scene.height).getContext('2d');
    const written: string[] = [];
    const fill = ctx.fillText.bind(ctx);
    ctx.fillText = (text: string, x: number, y: number) => {
      written.push(text);
      fill(text, x, y);
    };
    createStartsDrawer(scene).draw(ctx, scene.iterations);
    expect(written).toEqual(expect.arrayContaining(['min (-1, 0) found', 'min (1, 0) found', 'minimum found']));
    expect(written.join(' ')).not.toMatch(/local/);
  });
});
