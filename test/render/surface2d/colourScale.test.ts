import { chooseLabels } from '../../../src/render/surface2d/colourBar';
import { colourScale } from '../../../src/render/surface2d/colourScale';
import { bandColour } from '../../../src/render/surface2d/contours';
import type { LossGrid } from '../../../src/types';

/** A 2×2 grid with losses lo..hi and geometric levels above lo, as the engine makes them. */
function grid(lo: number, hi: number, count = 22): LossGrid {
  const levels = Array.from({ length: count }, (_, k) => lo + (hi - lo) * 1e-3 * Math.pow(1e3, k / (count - 1)));
  return { uRange: [0, 1], vRange: [0, 1], nx: 2, ny: 2, values: Float64Array.from([lo, hi, (lo + hi) / 2, hi]), levels };
}

describe('colourScale', () => {
  const scale = colourScale(grid(1.02, 200))!;

  it('has one band per contour band that the surface shows, in the surface colours, lowest first', () => {
    expect(scale.colours).toHaveLength(22);
    expect(scale.colours[0]).toBe(bandColour(0, 23));
    expect(scale.colours[21]).toBe(bandColour(21, 23));
  });

  it('puts the lowest loss at the foot, the highest at the top, and every value in between in order', () => {
    expect(scale.at(1.02)).toBe(0);
    expect(scale.at(200)).toBeCloseTo(1, 12);
    const values = [1.5, 2, 5, 10, 20, 50, 100];
    const at = values.map(scale.at);
    for (let i = 1; i < at.length; i++) expect(at[i]).toBeGreaterThan(at[i - 1]);
    // A level sits exactly on its band edge: level k is k + 1 bands up.
    expect(scale.at(grid(1.02, 200).levels[4])).toBeCloseTo(5 / 22, 12);
  });

  it('offers the ends and the round values between them as labels', () => {
    expect(scale.candidates.map((c) => c.text)).toEqual(['1.02', '2', '5', '10', '20', '50', '100', '200']);
    expect(scale.candidates.filter((c) => c.end).map((c) => c.value)).toEqual([1.02, 200]);
  });

  it('is null for a flat surface', () => {
    expect(colourScale({ ...grid(1, 2), values: new Float64Array(4).fill(3) })).toBeNull();
  });
});

describe('chooseLabels', () => {
  const scale = colourScale(grid(1.02, 200))!;

  it('keeps labels apart and always names the lowest loss', () => {
    for (const h of [80, 200, 400]) {
      const chosen = chooseLabels(scale, h, 20);
      expect(chosen[0].text).toBe('1.02');
      const ys = chosen.map((c) => scale.at(c.value) * h).sort((a, b) => a - b);
      for (let i = 1; i < ys.length; i++) expect(ys[i] - ys[i - 1]).toBeGreaterThanOrEqual(20);
    }
    expect(chooseLabels(scale, 400, 20).length).toBeGreaterThan(chooseLabels(scale, 80, 20).length);
  });

  it('names the top when too few round values fit', () => {
    const narrow = colourScale(grid(0.59, 0.7))!;
    expect(chooseLabels(narrow, 300, 20).map((c) => c.text)).toEqual(['0.59', '0.7']);
  });
});
