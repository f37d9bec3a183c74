/**
 * The 3-D view names the minimum a path reached, as the 2-D view does: from the iteration its verdict says
 * it reached it, on a box (drawLabel's roundRect, recorded) beside that minimum's projected marker.
 */
import { createCanvas } from '@napi-rs/canvas';
import { createRenderer } from '../../../src/render/frame/renderer';

const { sceneFromOptions } = require('../../../src/index') as typeof import('../../../src/index');

function labelsDrawn(draw: () => void): { text: string; x: number; y: number }[] {
  const proto = Object.getPrototypeOf(createCanvas(1, 1).getContext('2d'));
  const round = jest.spyOn(proto, 'roundRect');
  const fill = jest.spyOn(proto, 'fillText');
  const out: { text: string; x: number; y: number }[] = [];
  let box: number[] | null = null;
  round.mockImplementation((...a: unknown[]) => {
    box = a as number[];
  });
  fill.mockImplementation((...a: unknown[]) => {
    if (box && /^min \(/.test(String(a[0]))) out.push({ text: String(a[0]), x: box[0], y: box[1] });
    box = null;
  });
  try {
    draw();
  } finally {
    round.mockRestore();
    fill.mockRestore();
  }
  return out;
}

describe('a 3-D view of Himmelblau', () => {
  const scene = sceneFromOptions({ model: 'function', function: 'himmelblau', view: '3d', width: 960, height: 480 });
  const reached = scene.series[0].reached!;
  const name = `min ${scene.surface.landmarks[reached.landmark].name}`;

  it('names the minimum reached from the iteration it was reached, not before', () => {
    const renderer = createRenderer(scene);
    expect(name).toBe('min (-2.805, 3.131)');
    expect(labelsDrawn(() => renderer.drawFrame(reached.iteration - 1))).toEqual([]);
    const at = labelsDrawn(() => renderer.drawFrame(scene.iterations));
    expect(at.map((l) => l.text)).toEqual([name]);
  });
});
