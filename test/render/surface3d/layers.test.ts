/**
 * The 3-D panel as a list of layers: which layers a scene gets (a landscape the names of the points reached,
 * an orbit the mesh painted every frame), and that a new layer is drawn in its place in the list.
 */
import { createCanvas } from '@napi-rs/canvas';
import { sceneFromOptions } from '../../../src/index';
import { ensureFont } from '../../../src/render';
import { chooseLayers, layeredPanel, type Layer } from '../../../src/render/core/layer';
import { frameLayout, panelStyle } from '../../../src/render/core/layout';
import { SCENE_LAYERS } from '../../../src/render/surface3d/layers';
import type { SceneContext } from '../../../src/render/surface3d/layers/context';
import { sceneContext } from '../../../src/render/surface3d/surface3d';
import type { FrameTime, Scene } from '../../../src/types';
import { makeScene } from '../fixtures';

const W = 960;
const H = 480;
const FIRST: FrameTime = { index: 0, count: 10, seconds: 0, iteration: 0 };

function contextOf(scene: Scene): SceneContext {
  ensureFont();
  const style = panelStyle(scene);
  return sceneContext(frameLayout(scene, style).panels[0], scene, style);
}

const ids = (c: SceneContext) => SCENE_LAYERS.filter((s) => !s.applies || s.applies(c)).map((s) => s.id);

describe('the layers a 3-D scene gets', () => {
  it('a regression: the mesh, the heading, paths, starts, known points, current points and notices; no names', () => {
    expect(ids(contextOf({ ...makeScene('linear'), view: '3d' }))).toEqual(['mesh', 'heading', 'paths', 'starts', 'landmarks', 'current', 'notices']);
  });

  it('a landscape: the names of the points reached too, over the current points', () => {
    const scene = sceneFromOptions({ model: 'function', function: 'himmelblau', optimizer: 'adam', init: [0, 0], view: '3d', out: 'x.png' });
    expect(ids(contextOf(scene))).toEqual(['mesh', 'heading', 'paths', 'starts', 'landmarks', 'current', 'reachedNames', 'notices']);
  });

  it('the mesh is drawn once for a still camera and every frame along an orbit', () => {
    const mesh = (scene: Scene) => chooseLayers(SCENE_LAYERS, contextOf(scene))[0];
    const still = mesh({ ...makeScene('linear'), view: '3d' });
    const orbiting = mesh({ ...makeScene('linear'), view: '3d', orbit: 90 });
    expect([still.drawStatic !== undefined, still.drawFrame !== undefined]).toEqual([true, false]);
    expect([orbiting.drawStatic !== undefined, orbiting.drawFrame !== undefined]).toEqual([false, true]);
  });
});

describe('a new 3-D layer is a file and a line', () => {
  const c = contextOf({ ...makeScene('linear'), view: '3d' });
  const p = c.paths[0];
  const [sx, sy] = c.at(c.cameraAt(FIRST), p.x[0], p.y[0], p.z[0]);
  const magenta: Layer = {
    drawFrame(ctx) {
      ctx.fillStyle = '#ff00ff';
      ctx.fillRect(sx - 2, sy - 2, 4, 4);
    },
  };
  const draw = (layers: Layer[]) => {
    const canvas = createCanvas(W, H);
    const ctx = canvas.getContext('2d');
    const panel = layeredPanel(c.plot, layers);
    panel.drawStatic(ctx);
    panel.drawFrame(ctx, FIRST);
    const i = (Math.floor(sy) * W + Math.floor(sx)) * 4;
    const px = canvas.data();
    return px[i] === 255 && px[i + 1] === 0 && px[i + 2] === 255;
  };
  const base = chooseLayers(SCENE_LAYERS, c);
  const current = ids(c).indexOf('current');

  it('is drawn over the layers before it and under the ones after', () => {
    expect(draw([...base, magenta])).toBe(true);
    // Before the current points: the first frame's current point, at the start, covers it.
    expect(draw([...base.slice(0, current), magenta, ...base.slice(current)])).toBe(false);
  });
});
