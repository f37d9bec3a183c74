/** What the mesh hides: a point of the surface behind a wall, from a low camera and from above. */
import { createCanvas } from '@napi-rs/canvas';
import { buildMesh, type Box3 } from '../../../src/render/surface3d/mesh';
import { meshPainter } from '../../../src/render/surface3d/meshPainter';
import { fitViewport, orbitCamera } from '../../../src/render/surface3d/projection';
import type { LossGrid } from '../../../src/types';

/**
 * A floor at loss 0 with a wall 0.4 high along its near side (w1 < −0.4). From 20° up, 5 away, the line of
 * sight to the floor just behind it passes below the wall's top (hidden); to the far edge, above it.
 */
function wall(): { grid: LossGrid; box: Box3 } {
  const n = 21;
  const values = new Float64Array(n * n);
  for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) values[j * n + i] = -1 + (2 * j) / (n - 1) < -0.4 ? 0.4 : 0;
  return { grid: { uRange: [-1, 1], vRange: [-1, 1], nx: n, ny: n, values, levels: [0.5] }, box: { ax: 1, ay: 1, height: 1, uRange: [-1, 1], vRange: [-1, 1] } };
}

describe('meshPainter.hides', () => {
  const { grid, box } = wall();
  const mesh = buildMesh(grid, { h: (l) => l, ticks: [] }, box, 20);
  const rect = { x: 0, y: 0, w: 400, h: 300 };
  const corners = [-1, 1].flatMap((x) => [-1, 1].flatMap((y) => [0, 1].map((z) => ({ x, y, z }))));
  const painted = (elevation: number) => {
    const cam = orbitCamera({ x: 0, y: 0, z: 0.5 }, -90, elevation, 5);
    const painter = meshPainter(mesh, rect, { lineHalfWidth: 0, lineDarkness: 0 }, { grid: '#eeeeee', edge: '#444444' });
    painter.paint(createCanvas(400, 300).getContext('2d'), cam, fitViewport([cam], corners, rect), []);
    return painter;
  };

  it('hides the floor behind the wall from a low camera, not the wall\'s top or the floor\'s far edge', () => {
    const p = painted(20);
    expect(p.hides(0, 0.1)).toBe(true);
    expect(p.hides(0, -0.8)).toBe(false);
    expect(p.hides(0, 0.95)).toBe(false);
  });

  it('hides nothing from high above', () => {
    const p = painted(80);
    for (const y of [-0.8, 0, 0.1, 0.5, 0.95]) expect(p.hides(0, y)).toBe(false);
  });
});
