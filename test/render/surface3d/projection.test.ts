/**
 * The 3-D view's geometry, by numbers: the camera, the projection of known points, the viewport fit, and
 * the painter's order of the mesh's cells.
 */
import { buildMesh, type Box3 } from '../../../src/render/surface3d/mesh';
import { backToFront } from '../../../src/render/surface3d/meshPainter';
import { fitViewport, orbitCamera, see, toPixelX, toPixelY, type Camera } from '../../../src/render/surface3d/projection';
import { azimuthAt, startAzimuth, AZIMUTH } from '../../../src/render/surface3d/surface3d';
import type { LossGrid } from '../../../src/types';
import { expectClose } from '../../helpers/approx';

const origin = { x: 0, y: 0, z: 0 };
const dot = (a: { x: number; y: number; z: number }, b: { x: number; y: number; z: number }) => a.x * b.x + a.y * b.y + a.z * b.z;

describe('orbitCamera and see', () => {
  it('puts the camera at its azimuth and elevation, with an orthonormal basis and +z up on screen', () => {
    const cam = orbitCamera(origin, -90, 30, 10);
    expectClose(cam.eye.x, 0);
    expectClose(cam.eye.y, -10 * Math.cos(Math.PI / 6));
    expectClose(cam.eye.z, 10 * Math.sin(Math.PI / 6));
    for (const [a, b] of [[cam.right, cam.up], [cam.up, cam.forward], [cam.forward, cam.right]]) expectClose(dot(a, b), 0);
    for (const v of [cam.right, cam.up, cam.forward]) expectClose(dot(v, v), 1);
    expect(cam.right.x).toBeCloseTo(1, 12);
    expect(cam.up.z).toBeGreaterThan(0);
  });

  it('projects the target to the centre at its distance, and known points where perspective puts them', () => {
    const cam = orbitCamera({ x: 1, y: 2, z: 3 }, 0, 0, 4);
    // From (5, 2, 3), looking along −x.
    const centre = see(cam, 1, 2, 3);
    expectClose(centre.u, 0);
    expectClose(centre.v, 0);
    expectClose(centre.depth, 4);
    // One unit up, at the target: v = 1/4; one unit to the camera's right, twice as far: u = 1/8.
    expectClose(see(cam, 1, 2, 4).v, 0.25);
    const r = cam.right;
    const far = see(cam, 1 - 4 + r.x, 2 + r.y, 3 + r.z);
    expectClose(far.depth, 8);
    expectClose(far.u, 1 / 8);
    expectClose(far.v, 0);
  });

  it('fits the points of every camera of an orbit inside the rectangle, touching it', () => {
    const corners = [-1, 1].flatMap((x) => [-1, 1].flatMap((y) => [0, 1].map((z) => ({ x, y, z }))));
    const cams = [0, 45, 90, 135].map((a) => orbitCamera({ x: 0, y: 0, z: 0.5 }, a, 30, 5));
    const rect = { x: 10, y: 20, w: 300, h: 200 };
    const vp = fitViewport(cams, corners, rect);
    let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
    for (const cam of cams) {
      for (const p of corners) {
        const s = see(cam, p.x, p.y, p.z);
        const [px, py] = [toPixelX(vp, s.u), toPixelY(vp, s.v)];
        [x0, x1, y0, y1] = [Math.min(x0, px), Math.max(x1, px), Math.min(y0, py), Math.max(y1, py)];
      }
    }
    expect(x0).toBeGreaterThanOrEqual(rect.x - 1e-9);
    expect(x1).toBeLessThanOrEqual(rect.x + rect.w + 1e-9);
    expect(y0).toBeGreaterThanOrEqual(rect.y - 1e-9);
    expect(y1).toBeLessThanOrEqual(rect.y + rect.h + 1e-9);
    // It uses the room: one pair of sides is touched.
    expect(Math.max(x1 - x0 - rect.w, y1 - y0 - rect.h)).toBeCloseTo(0, 9);
  });
});

/** A bowl over a 9×9 grid: loss = w0² + w1², on [−1, 1]². */
function bowl(): { grid: LossGrid; box: Box3 } {
  const n = 9;
  const values = new Float64Array(n * n);
  for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) values[j * n + i] = (-1 + i / 4) ** 2 + (-1 + j / 4) ** 2;
  const grid: LossGrid = { uRange: [-1, 1], vRange: [-1, 1], nx: n, ny: n, values, levels: [0.1, 1] };
  return { grid, box: { ax: 1, ay: 1, height: 1, uRange: [-1, 1], vRange: [-1, 1] } };
}

describe('the painter\'s order', () => {
  const { grid, box } = bowl();
  const mesh = buildMesh(grid, { h: (l) => l / 2, ticks: [] }, box, 4);
  const depthOf = (cam: Camera, cell: number) => {
    const [i, j] = [cell % 4, Math.floor(cell / 4)];
    const m = 5;
    const k = [j * m + i, j * m + i + 1, (j + 1) * m + i + 1, (j + 1) * m + i];
    const c = { x: (mesh.x[k[0]] + mesh.x[k[2]]) / 2, y: (mesh.y[k[0]] + mesh.y[k[2]]) / 2, z: k.reduce((s, v) => s + mesh.z[v], 0) / 4 };
    return see(cam, c.x, c.y, c.z).depth;
  };

  it.each([-120, -90, 0, 45, 200])('paints every cell once, farthest first (azimuth %d)', (azimuth) => {
    const cam = orbitCamera({ x: 0, y: 0, z: 0.5 }, azimuth, 35, 5);
    const order = Array.from(backToFront(mesh, cam));
    expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: 16 }, (_, k) => k));
    const depths = order.map((c) => depthOf(cam, c));
    for (let k = 1; k < depths.length; k++) expect(depths[k]).toBeLessThanOrEqual(depths[k - 1] + 1e-6);
  });

  it('seen from −y (azimuth −90), paints the far row (w1 high) before the near one', () => {
    const order = Array.from(backToFront(mesh, orbitCamera({ x: 0, y: 0, z: 0.5 }, -90, 35, 5)));
    const row = (cell: number) => Math.floor(cell / 4);
    expect(row(order[0])).toBe(3);
    expect(row(order[order.length - 1])).toBe(0);
  });
});

describe('the camera over an animation', () => {
  it('turns by the orbit from the first frame to the last, evenly', () => {
    const at = (index: number) => azimuthAt(-100, { index, count: 5, seconds: 0, iteration: 0 }, 360);
    expect([0, 1, 2, 3, 4].map(at)).toEqual([-100, -10, 80, 170, 260]);
    // A still (one frame) is drawn from the start.
    expect(azimuthAt(-100, { index: 0, count: 1, seconds: 0, iteration: 7 }, 360)).toBe(-100);
  });

  it('looks down a long trough from near the default side, and keeps the default for a round bowl', () => {
    expect(startAzimuth({ angle: 30, elongation: 1.2 })).toBe(AZIMUTH);
    const a = startAzimuth({ angle: 0, elongation: 10 });
    // 35° off the trough's axis, whichever end is nearest −120°.
    expect([-145, -35, 35, 145, 215, -215].map((x) => ((x % 360) + 360) % 360)).toContain(((a % 360) + 360) % 360);
    expect(Math.abs(a - AZIMUTH)).toBeLessThanOrEqual(180);
  });
});
