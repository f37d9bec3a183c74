import { linearAxis, logAxis } from '../../../src/render/core/scale';

describe('linearAxis', () => {
  it('maps the domain onto the range exactly, y growing downwards when the range is reversed', () => {
    const a = linearAxis([-2, 6], [100, 500], 5);
    expect(a.map(-2)).toBeCloseTo(100, 9);
    expect(a.map(6)).toBeCloseTo(500, 9);
    expect(a.map(2)).toBeCloseTo(300, 9);
    const y = linearAxis([0, 1], [400, 40], 5);
    expect(y.map(1)).toBeCloseTo(40, 9);
  });

  it('places round ticks inside the domain without widening it', () => {
    const a = linearAxis([-3.87, 5.02], [0, 400], 5);
    expect(a.domain).toEqual([-3.87, 5.02]);
    expect(a.ticks.length).toBeGreaterThanOrEqual(3);
    for (const t of a.ticks) {
      expect(t).toBeGreaterThanOrEqual(-3.87);
      expect(t).toBeLessThanOrEqual(5.02);
      expect(Math.abs(t / 2 - Math.round(t / 2))).toBeLessThan(1e-9);
    }
    expect(a.labels).toEqual(a.ticks.map((t) => (t < 0 ? `\u2212${-t}` : String(t))));
  });
});

describe('logAxis', () => {
  it('maps powers of ten evenly', () => {
    const a = logAxis([0.01, 100], [400, 0], 5);
    expect(a.map(0.01)).toBeCloseTo(400, 9);
    expect(a.map(1)).toBeCloseTo(200, 9);
    expect(a.map(100)).toBeCloseTo(0, 9);
  });

  it('ticks powers of ten over many decades, thinned to about the count asked for', () => {
    const a = logAxis([1e-2, 1e12], [400, 0], 5);
    expect(a.ticks.length).toBeGreaterThanOrEqual(3);
    expect(a.ticks.length).toBeLessThanOrEqual(6);
    for (const t of a.ticks) expect(Math.log10(t)).toBeCloseTo(Math.round(Math.log10(t)), 9);
    expect(a.labels).toContain('10¹²');
  });

  it('labels large losses compactly', () => {
    expect(logAxis([1e5, 2e7], [400, 0], 5).labels).toEqual(['100k', '300k', '1M', '3M', '10M']);
    expect(logAxis([1e5, 2e7], [400, 0], 3).labels).toEqual(['100k', '1M', '10M']);
  });

  it('uses 1-2-5 steps when under two decades are in view', () => {
    const a = logAxis([0.25, 2.5], [400, 0], 5);
    expect(a.ticks).toEqual([0.5, 1, 2]);
    expect(a.labels).toEqual(['0.5', '1', '2']);
  });

  it('falls back to linear ticks on a very narrow window', () => {
    const a = logAxis([0.281, 0.349], [400, 0], 4);
    expect(a.ticks.length).toBeGreaterThanOrEqual(2);
    for (const t of a.ticks) expect(t >= 0.281 && t <= 0.349).toBe(true);
  });
});
