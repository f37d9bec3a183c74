/**
 * The golden comparison is strict enough to matter: each of these small mutations of a golden frame, a few
 * hundred pixels at most, must be rejected by compareWithGolden, and the same procedure without the
 * mutation must pass (so it is the mutation, not the procedure, that fails).
 */
import { createCanvas, ImageData, type SKRSContext2D } from '@napi-rs/canvas';
import { createRenderer } from '../../src/render';
import { headingBaseline } from '../../src/render/core/axes';
import { drawLegendAt } from '../../src/render/core/legend';
import { prepareFrame } from '../../src/render/frame/renderer';
import { legendRight } from '../../src/render/surface2d/headings';
import { markerLegend } from '../../src/render/surface2d/marks';
import { titleLine } from '../../src/render/frame/title';
import type { Scene } from '../../src/types';
import { makeGrid, makeScene } from './fixtures';
import { compareWithGolden } from './goldenFiles';

const linearScene = () => makeScene('linear', { panels: ['surface', 'fit', 'loss'] });
const MIDDLE = 30;

/** The middle frame of `scene`, edited on a canvas by `edit` after it was drawn. */
function editedFrame(scene: Scene, edit: (ctx: SKRSContext2D) => void): Uint8Array {
  const px = createRenderer(scene).drawFrame(MIDDLE);
  const canvas = createCanvas(scene.width, scene.height);
  const ctx = canvas.getContext('2d');
  ctx.putImageData(new ImageData(new Uint8ClampedArray(px), scene.width, scene.height), 0, 0);
  edit(ctx);
  return Buffer.from(canvas.data());
}

/** The frame with the title band redrawn from `titleScene`'s values. */
function retitled(scene: Scene, titleScene: Scene): Uint8Array {
  const { layout } = prepareFrame(scene);
  return editedFrame(scene, (ctx) => {
    ctx.fillStyle = layout.style.theme.background;
    ctx.fillRect(layout.title.x, layout.title.y, layout.title.w, layout.title.h);
    titleLine(ctx, layout.title, titleScene, layout.style)(ctx, MIDDLE);
  });
}

describe('the golden comparison', () => {
  it('rejects a frame without the optimum star', async () => {
    const scene = linearScene();
    const golden = 'linear-light-middle';
    expect(await compareWithGolden(golden, createRenderer(scene).drawFrame(MIDDLE), 960, 480)).toBe(0);
    // The minimum moved far off the window (same loss): only the star disappears.
    scene.surface = { ...scene.surface, landmarks: scene.surface.landmarks.map((m) => ({ ...m, u: 1e6, v: 1e6 })) };
    const bad = await compareWithGolden(golden, Buffer.from(createRenderer(scene).drawFrame(MIDDLE)), 960, 480);
    expect(bad).toBeGreaterThan(0);
    expect(bad).toBeLessThan(400);
  });

  it('rejects a grid frame without the stars', async () => {
    const scene = makeGrid('linear');
    scene.surface = { ...scene.surface, landmarks: scene.surface.landmarks.map((m) => ({ ...m, u: 1e6, v: 1e6 })) };
    const k = Math.round(scene.iterations / 2);
    expect(await compareWithGolden('grid-light-middle', Buffer.from(createRenderer(scene).drawFrame(k)), 960, 480)).toBeGreaterThan(0);
  });

  it('rejects a title with the values of w0 and w1 swapped', async () => {
    const scene = linearScene();
    expect(await compareWithGolden('linear-light-middle', retitled(scene, scene), 960, 480)).toBe(0);
    const { w: [w0, w1], loss } = scene.series[0].trajectory;
    const swapped: Scene = { ...scene, series: [{ ...scene.series[0], trajectory: { w: [w1, w0], loss } }] };
    const bad = await compareWithGolden('linear-light-middle', retitled(scene, swapped), 960, 480);
    expect(bad).toBeGreaterThan(0);
    // Four short numbers redrawn at 12 px: well under a thousand pixels.
    expect(bad).toBeLessThan(900);
  });

  it('rejects a frame whose surface legend was left out', async () => {
    const scene = linearScene();
    const { panels, layout } = prepareFrame(scene);
    const { rect } = panels[0].plot;
    const scratch = createCanvas(960, 480).getContext('2d');
    // The panel has a colour bar, so its legend ends over the bar's column, at the panel's right edge.
    const right = legendRight(layout.panels[0], rect, layout.style, true);
    const room = right - rect.x;
    const width = drawLegendAt(scratch, right, headingBaseline(panels[0].plot, layout.style), layout.style, markerLegend(layout.style, true), room * 0.6, room * 0.3);
    expect(width).toBeGreaterThan(0);
    const top = layout.panels[0].y;
    const erase = (w: number) =>
      editedFrame(scene, (ctx) => {
        ctx.fillStyle = layout.style.theme.background;
        ctx.fillRect(right - w, top, w, rect.y - top - 1);
      });
    expect(await compareWithGolden('linear-light-middle', erase(0), 960, 480)).toBe(0);
    const bad = await compareWithGolden('linear-light-middle', erase(width), 960, 480);
    expect(bad).toBeGreaterThan(0);
    expect(bad).toBeLessThan(600);
  });
});
