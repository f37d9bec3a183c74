import { linear } from '../../../src/engine/linear';
import { valueWindow } from '../../../src/render/fit/fitWindow';

describe('valueWindow: the fit panel y window of a linear run', () => {
  const x: [number, number] = [0, 10];
  // The data's y runs 10..20, so the window without a start is [9, 21] (10 % of the span each side).
  const data: [number, number] = [10, 20];

  it('is the padded data window when the starting line crosses it', () => {
    expect(valueWindow(data, x, linear, [[5, 1]])).toEqual([9, 21]);
  });

  it('stretches to hold the whole starting line, with a little room, when it misses the data', () => {
    const [lo, hi] = valueWindow(data, x, linear, [[0, 0]]);
    expect(lo).toBeLessThan(0);
    expect(lo).toBeGreaterThan(-1.5);
    expect(hi).toBe(21);
  });

  it('stretches at most one span of the window past it, so the data keeps a third of the panel', () => {
    // y = −6 + 0.8x runs from −6 to 2: the window stops at the cap, 9 − 12 = −3, and shows the line's upper part.
    const [lo, hi] = valueWindow(data, x, linear, [[-6, 0.8]]);
    expect(lo).toBe(-3);
    expect(hi).toBe(21);
  });

  it('leaves the window alone when the cap cannot bring any of the line into view', () => {
    expect(valueWindow(data, x, linear, [[-100, 0]])).toEqual([9, 21]);
    expect(valueWindow(data, x, linear, [[500, 0]])).toEqual([9, 21]);
  });
});
