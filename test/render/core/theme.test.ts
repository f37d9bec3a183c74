import { theme } from '../../../src/render/core/theme';
import { viridis } from '../../../src/render/core/viridis';
import { hex, type RGB } from '../pixels';

/** WCAG relative luminance and contrast ratio. */
const luminance = (c: RGB) => {
  const [r, g, b] = c.map((v) => (v / 255 <= 0.04045 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
const contrast = (a: RGB, b: RGB) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (hi + 0.05) / (lo + 0.05);
};
const far = (a: RGB, b: RGB) => Math.max(...a.map((v, i) => Math.abs(v - b[i])));
const rgb = (s: string): RGB => (s.startsWith('#') ? hex(s) : (s.match(/\d+/g)!.map(Number) as RGB));

describe.each(['light', 'dark'] as const)('the %s series palette', (name) => {
  const t = theme(name);
  const series = t.series.map(hex);

  it('starts with the accent, so that a single run keeps its colour', () => {
    expect(t.series[0]).toBe(t.accent);
  });

  it('has six colours readable on the background and apart from each other', () => {
    expect(series).toHaveLength(6);
    for (const c of series) expect(contrast(c, hex(t.background))).toBeGreaterThanOrEqual(3);
    for (let i = 0; i < 6; i++) for (let j = i + 1; j < 6; j++) expect(far(series[i], series[j])).toBeGreaterThan(40);
  });

  it('stays apart from the data colours and from viridis', () => {
    const others = [t.points, t.class0, t.class1].map(hex).concat(Array.from({ length: 21 }, (_, i) => rgb(viridis(i / 20))));
    for (const c of series) for (const o of others) expect(far(c, o)).toBeGreaterThan(40);
  });
});
