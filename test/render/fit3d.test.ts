/**
 * Linear regression on two features with --view 3d: the rows at (x1, x2, y) and each series' fitted plane
 * in perspective. The plane is absent (and said to be) while it lies below the box, then a sheet through the
 * rows; the camera looks across the plane's tilt, and turns with --orbit.
 */
import { sceneFromOptions } from '../../src';
import { createRenderer } from '../../src/render';
import { prepareFrame } from '../../src/render/frame/renderer';
import { sideOn } from '../../src/render/fit/fit3d';
import { theme } from '../../src/render/core/theme';
import type { Scene } from '../../src/types';

const options = { model: 'linear' as const, data: 'cars', x: 'Horsepower,Weight_in_lbs', y: 'Miles_per_Gallon', iterations: 100, width: 640, height: 320, view: '3d' as const };

/** Pixels of the fit panel within `tol` per channel of the colour given. */
function count(scene: Scene, rgba: Uint8Array, rgb: number[], tol = 12): number {
  const { layout } = prepareFrame(scene);
  const r = layout.panels[scene.panels.indexOf('fit')];
  let n = 0;
  for (let y = Math.ceil(r.y); y < r.y + r.h; y++) {
    for (let x = Math.ceil(r.x); x < r.x + r.w; x++) {
      const o = 4 * (y * scene.width + x);
      if (Math.abs(rgba[o] - rgb[0]) <= tol && Math.abs(rgba[o + 1] - rgb[1]) <= tol && Math.abs(rgba[o + 2] - rgb[2]) <= tol) n++;
    }
  }
  return n;
}

const hexRgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));

describe('the fit panel of two features in 3-D', () => {
  const scene = sceneFromOptions(options);
  const renderer = createRenderer(scene);
  const red = hexRgb(theme('light').series[0]);
  // The sheet: the series' colour at 22 % over the white plot.
  const sheet = red.map((c) => Math.round(0.22 * c + 0.78 * 255));

  it('has no sheet while the plane (w = 0: y = 0) lies below the box, and says where it went', () => {
    const first = renderer.drawFrame(0);
    // Only the notice's anti-aliased edges come near the sheet's colour (a few dozen pixels; the sheet, thousands).
    expect(count(scene, first, sheet, 6)).toBeLessThan(100);
    // The notice is written in the series' own colour.
    expect(count(scene, first, red, 30)).toBeGreaterThan(80);
  });

  it('draws the fitted plane as a sheet through the rows at the end', () => {
    const last = renderer.drawFrame(scene.iterations);
    expect(count(scene, last, sheet, 6)).toBeGreaterThan(2000);
  });

  it('looks across the final plane\'s tilt, 30 degrees off side-on', () => {
    const box = { ax: 1, ay: 1, height: 1.5, uRange: [0, 10] as [number, number], vRange: [0, 10] as [number, number] };
    const t = scene.series[0].trajectory;
    const last = t.loss.length - 1;
    const gx = t.w[1][last] * 5;
    const gy = t.w[2][last] * 5;
    const tilt = (Math.atan2(gy, gx) * 180) / Math.PI;
    const a = sideOn(box, scene);
    // The camera's line of sight against the tilt: 60 or 120 degrees apart (mod 180), never along it.
    const apart = Math.abs(((((a - tilt) % 180) + 180) % 180));
    expect([60, 120].some((d) => Math.abs(apart - d) < 1e-9)).toBe(true);
  });

  it('centres an orbit of less than half a turn on side-on: it starts and ends 30 degrees off it, never edge-on', () => {
    const box = { ax: 1, ay: 1, height: 1.5, uRange: [0, 10] as [number, number], vRange: [0, 10] as [number, number] };
    const t = scene.series[0].trajectory;
    const last = t.loss.length - 1;
    const tilt = (Math.atan2(t.w[2][last] * 5, t.w[1][last] * 5) * 180) / Math.PI;
    const offSide = (a: number) => Math.abs((((a - tilt) % 180) + 180) % 180 - 90);
    const start = sideOn(box, scene, 60);
    expect(offSide(start)).toBeCloseTo(30, 9);
    expect(offSide(start + 60)).toBeCloseTo(30, 9);
    expect(offSide(start + 30)).toBeCloseTo(0, 9);
  });

  it('turns with --orbit: the same iteration drawn at the first and the last frame differs', () => {
    const orbiting = sceneFromOptions({ ...options, orbit: 90 });
    const r = createRenderer(orbiting);
    const at = (index: number) => r.drawFrame({ index, count: 10, seconds: index / 10, iteration: 50 });
    expect(Buffer.from(at(0)).equals(Buffer.from(at(9)))).toBe(false);
  });

  it('keeps the 2-D fit panel for a logistic regression on two features', () => {
    const s = sceneFromOptions({ model: 'logistic', data: 'penguins', x: 'Beak Length (mm),Beak Depth (mm)', y: 'Species', positive: 'Adelie', iterations: 20, width: 640, height: 320, view: '3d' });
    const { panels } = prepareFrame(s);
    // The 2-D panel's plot maps the features linearly across its rectangle, x1 left to right.
    const fit = panels[s.panels.indexOf('fit')].plot;
    expect(fit.x.map(fit.x.domain[1])).toBeGreaterThan(fit.x.map(fit.x.domain[0]));
    expect(createRenderer(s).drawFrame(20)).toBeInstanceOf(Uint8Array);
  });
});
