/** The 3-D view's rasterizer: what a quad covers, its mesh lines, and the painter's overwrite. */
import { fillQuad, rasterTarget } from '../../../src/render/core/raster';
import { strokeLine } from '../../../src/render/core/rasterLine';

const target = (w = 20, h = 20) => rasterTarget(w, h, new Uint8ClampedArray(w * h * 4));
const at = (t: ReturnType<typeof target>, x: number, y: number) => Array.from(t.data.subarray((y * t.width + x) * 4, (y * t.width + x) * 4 + 4));
const noLines = { lineHalfWidth: 0, lineDarkness: 0 };

describe('fillQuad', () => {
  it('fills exactly the pixel centres inside the quad, in either winding', () => {
    for (const [xs, ys] of [[[2, 8, 8, 2], [3, 3, 9, 9]], [[2, 2, 8, 8], [3, 9, 9, 3]]]) {
      const t = target();
      fillQuad(t, xs, ys, 10, 20, 30, noLines);
      let covered = 0;
      for (let y = 0; y < 20; y++) for (let x = 0; x < 20; x++) if (at(t, x, y)[3] === 255) covered++;
      // Centres x + ½ in [2, 8] and y + ½ in [3, 9]: 6 × 6.
      expect(covered).toBe(36);
      expect(at(t, 2, 3)).toEqual([10, 20, 30, 255]);
      expect(at(t, 8, 3)[3]).toBe(0);
    }
  });

  it('leaves no crack between two cells that share a side', () => {
    const t = target();
    fillQuad(t, [1.3, 7.7, 9.1, 2.2], [1.1, 2.4, 12.6, 11.9], 200, 0, 0, noLines);
    fillQuad(t, [7.7, 15.2, 16.4, 9.1], [2.4, 1.7, 13.3, 12.6], 0, 200, 0, noLines);
    for (let y = 4; y < 11; y++) {
      const row = Array.from({ length: 20 }, (_, x) => at(t, x, y)[3]);
      const first = row.indexOf(255);
      const last = row.lastIndexOf(255);
      expect(row.slice(first, last + 1).every((a) => a === 255)).toBe(true);
    }
  });

  it('darkens the pixels along its sides (the mesh lines), not its middle', () => {
    const t = target();
    fillQuad(t, [2, 14, 14, 2], [2, 2, 14, 14], 200, 200, 200, { lineHalfWidth: 0.5, lineDarkness: 0.5 });
    expect(at(t, 8, 8)).toEqual([200, 200, 200, 255]);
    // Centres half a pixel inside a side: half covered by a line reaching half a pixel in, so 1 − 0.5 · 0.5.
    expect(at(t, 2, 8)[0]).toBe(150);
    expect(at(t, 8, 13)[0]).toBe(150);
    expect(at(t, 3, 8)[0]).toBe(200);
  });

  it('paints over what was there: the later (nearer) cell wins', () => {
    const t = target();
    fillQuad(t, [2, 10, 10, 2], [2, 2, 10, 10], 255, 0, 0, noLines);
    fillQuad(t, [6, 14, 14, 6], [6, 6, 14, 14], 0, 0, 255, noLines);
    expect(at(t, 8, 8)).toEqual([0, 0, 255, 255]);
    expect(at(t, 3, 3)).toEqual([255, 0, 0, 255]);
  });
});

describe('strokeLine', () => {
  it('covers about one pixel across the line, split between two when it falls between them', () => {
    const t = target();
    strokeLine(t, 1, 5.5, 18, 5.5, 9, 9, 9, 1);
    expect(at(t, 10, 5)).toEqual([9, 9, 9, 255]);
    expect(at(t, 10, 4)[3] + at(t, 10, 6)[3]).toBe(0);
    const u = target();
    strokeLine(u, 1, 6, 18, 6, 9, 9, 9, 1);
    expect(at(u, 10, 5)[3]).toBe(128);
    expect(at(u, 10, 6)[3]).toBe(128);
  });
});
