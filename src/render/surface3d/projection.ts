/**
 * A perspective camera that orbits a box about its vertical axis, and the mapping of its view into pixels.
 * Pure arithmetic: the 3-D panel and its tests share it. World axes: x and y across the floor, z up.
 */

export interface Vec3 {
  x: number;
  y: number;
  z: number;
}

/** A camera looking at `target` from `distance` away, at an azimuth and elevation given in degrees. */
export interface Camera {
  /** Camera position and its orthonormal basis: right, up (on screen) and forward (into the screen). */
  eye: Vec3;
  right: Vec3;
  up: Vec3;
  forward: Vec3;
}

/** A point as the camera sees it: normalised screen coordinates (y up) and its depth along `forward`. */
export interface Seen {
  u: number;
  v: number;
  depth: number;
}

/**
 * The camera at `azimuth` degrees about +z from the +x axis (−90 looks along +y, with +x to the right) and
 * `elevation` degrees above the horizontal, `distance` from `target`.
 */
export function orbitCamera(target: Vec3, azimuth: number, elevation: number, distance: number): Camera {
  const a = (azimuth * Math.PI) / 180;
  const e = (elevation * Math.PI) / 180;
  const eye = { x: target.x + distance * Math.cos(e) * Math.cos(a), y: target.y + distance * Math.cos(e) * Math.sin(a), z: target.z + distance * Math.sin(e) };
  const forward = unit({ x: target.x - eye.x, y: target.y - eye.y, z: target.z - eye.z });
  // forward × z: horizontal, to the viewer's right; never degenerate below an elevation of 90°.
  const right = unit({ x: forward.y, y: -forward.x, z: 0 });
  const up = { x: right.y * forward.z - right.z * forward.y, y: right.z * forward.x - right.x * forward.z, z: right.x * forward.y - right.y * forward.x };
  return { eye, right, up, forward };
}

/** Where the camera sees (x, y, z): u right, v up, both divided by the depth (the perspective). */
export function see(cam: Camera, x: number, y: number, z: number): Seen {
  const dx = x - cam.eye.x;
  const dy = y - cam.eye.y;
  const dz = z - cam.eye.z;
  const depth = dx * cam.forward.x + dy * cam.forward.y + dz * cam.forward.z;
  return {
    u: (dx * cam.right.x + dy * cam.right.y + dz * cam.right.z) / depth,
    v: (dx * cam.up.x + dy * cam.up.y + dz * cam.up.z) / depth,
    depth,
  };
}

/** Normalised screen coordinates to pixels: a uniform scale about a centre, y flipped to grow downwards. */
export interface Viewport {
  scale: number;
  /** Pixel position of u = 0, v = 0. */
  cx: number;
  cy: number;
}

export const toPixelX = (vp: Viewport, u: number) => vp.cx + vp.scale * u;
export const toPixelY = (vp: Viewport, v: number) => vp.cy - vp.scale * v;

/**
 * The largest viewport that shows every point of `points` under every camera of `cameras` inside the
 * rectangle: one fixed scale for a whole orbit, so the surface never breathes as it turns.
 */
export function fitViewport(cameras: Camera[], points: Vec3[], rect: { x: number; y: number; w: number; h: number }): Viewport {
  let [u0, u1, v0, v1] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const cam of cameras) {
    for (const p of points) {
      const s = see(cam, p.x, p.y, p.z);
      [u0, u1, v0, v1] = [Math.min(u0, s.u), Math.max(u1, s.u), Math.min(v0, s.v), Math.max(v1, s.v)];
    }
  }
  const scale = Math.min(rect.w / (u1 - u0), rect.h / (v1 - v0));
  return { scale, cx: rect.x + rect.w / 2 - (scale * (u0 + u1)) / 2, cy: rect.y + rect.h / 2 + (scale * (v0 + v1)) / 2 };
}

function unit(p: Vec3): Vec3 {
  const n = Math.hypot(p.x, p.y, p.z);
  return { x: p.x / n, y: p.y / n, z: p.z / n };
}
