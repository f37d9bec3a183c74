import { formatCompact, formatNumber, formatPowerOfTen, formatTicks } from '../../../src/render/core/format';

const M = '\u2212';

describe('formatNumber', () => {
  it('prints short numbers with trailing zeros dropped', () => {
    expect(formatNumber(3.14159)).toBe('3.142');
    expect(formatNumber(2.5)).toBe('2.5');
    expect(formatNumber(4)).toBe('4');
    expect(formatNumber(123456.7)).toBe('123500');
    expect(formatNumber(-0.012345)).toBe(`${M}0.01235`);
  });

  it('never prints -0 or floating-point dust', () => {
    expect(formatNumber(-0)).toBe('0');
    expect(formatNumber(-1e-17, 4, 1e-9)).toBe('0');
    expect(formatNumber(1e-17, 4, 1e-9)).toBe('0');
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
  });

  it('uses exponents for very large and very small magnitudes', () => {
    expect(formatNumber(5.2161e12)).toBe('5.216e12');
    expect(formatNumber(-1.5e-7)).toBe(`${M}1.5e${M}7`);
  });

  it('names non-finite values', () => {
    expect(formatNumber(Infinity)).toBe('∞');
    expect(formatNumber(-Infinity)).toBe(`${M}∞`);
    expect(formatNumber(NaN)).toBe('NaN');
  });
});

describe('formatTicks', () => {
  it('gives every tick the decimals its step needs', () => {
    expect(formatTicks([-0.5, 0, 0.5, 1])).toEqual([`${M}0.5`, '0', '0.5', '1.0']);
    expect(formatTicks([0, 2, 4])).toEqual(['0', '2', '4']);
    expect(formatTicks([0.25, 0.3, 0.35])).toEqual(['0.25', '0.30', '0.35']);
  });

  it('prints 0 for a tick that is rounding noise', () => {
    expect(formatTicks([-0.2, 2.7755575615628914e-17, 0.2])).toEqual([`${M}0.2`, '0', '0.2']);
  });

  it('shares one suffix for large values', () => {
    expect(formatTicks([0, 200000, 400000, 600000, 800000, 1000000])).toEqual(['0', '0.2M', '0.4M', '0.6M', '0.8M', '1.0M']);
    expect(formatTicks([0, 20000, 40000])).toEqual(['0', '20k', '40k']);
  });
});

describe('formatPowerOfTen', () => {
  it('writes the exponent as superscript', () => {
    expect(formatPowerOfTen(12)).toBe('10¹²');
    expect(formatPowerOfTen(-3)).toBe('10⁻³');
    expect(formatPowerOfTen(0)).toBe('10⁰');
  });
});

describe('formatCompact', () => {
  it('keeps log-axis labels short', () => {
    expect(formatCompact(0.002)).toBe('0.002');
    expect(formatCompact(5000)).toBe('5000');
    expect(formatCompact(200000)).toBe('200k');
    expect(formatCompact(2.5e6)).toBe('2.5M');
    expect(formatCompact(1e9)).toBeNull();
    expect(formatCompact(1e-4)).toBeNull();
  });
});
