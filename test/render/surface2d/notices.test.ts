/**
 * The badge of a landscape without a listed minimum (surface2d/notices.ts): muted when the minimum is only
 * unknown (an expression whose run may well have converged), in the accent when there is none (unbounded
 * below, or separable classes).
 */
import { createRenderer, prepareFrame } from '../../../src/render/frame/renderer';
import { panelStyle } from '../../../src/render/core/layout';
import type { Scene } from '../../../src/types';

const { sceneFromOptions } = require('../../../src/index') as typeof import('../../../src/index');

const W = 960;
/** Pixels of the badge's row, bottom left of the surface, within a few levels of `rgb`. */
function near(scene: Scene, rgb: [number, number, number]): number {
  const px = createRenderer(scene).drawFrame(scene.iterations);
  const rect = prepareFrame(scene).panels[0].plot.rect;
  const f = panelStyle(scene).f;
  let n = 0;
  for (let y = Math.round(rect.y + rect.h - f * 2.2); y < rect.y + rect.h - f * 0.6; y++)
    for (let x = Math.round(rect.x); x < rect.x + rect.w * 0.6; x++) {
      const i = (y * W + x) * 4;
      if (Math.abs(px[i] - rgb[0]) + Math.abs(px[i + 1] - rgb[1]) + Math.abs(px[i + 2] - rgb[2]) < 30) n++;
    }
  return n;
}

const ACCENT: [number, number, number] = [0xe0, 0x30, 0x1e];
const MUTED: [number, number, number] = [0x55, 0x55, 0x55];

describe('the "no minimum" badge', () => {
  it('an expression that converged: "minimum not known" in the muted text colour, no red', () => {
    const scene = sceneFromOptions({ model: 'function', expr: 'x^2 + y^2', width: W, height: 480 });
    expect(scene.noMinimumKind).toBe('unknown');
    expect(near(scene, ACCENT)).toBe(0);
    expect(near(scene, MUTED)).toBeGreaterThan(30);
  });

  it('the saddle (unbounded below): in the accent, as before', () => {
    const scene = sceneFromOptions({ model: 'function', function: 'saddle', width: W, height: 480 });
    expect(scene.noMinimumKind).toBe('none');
    expect(near(scene, ACCENT)).toBeGreaterThan(30);
  });
});
