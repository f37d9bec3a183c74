/**
 * Number formatting for labels: short, never "-0", never "1e-17" rounding junk, and with a true minus sign
 * (U+2212), which the shipped font has and which lines up with the digits.
 */

const MINUS = '\u2212';
const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/**
 * Formats `v` with at most `digits` significant digits, trailing zeros dropped. Values smaller in magnitude
 * than `zeroBelow` print as "0" (pass the scale of the quantity times ~1e-9 to hide floating-point dust).
 * Magnitudes from 1e-4 to 1e6 print in plain decimals, others as "1.234e−7".
 */
export function formatNumber(v: number, digits = 4, zeroBelow = 0): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : `${MINUS}∞`;
  if (v === 0 || Math.abs(v) < zeroBelow) return '0';
  const abs = Math.abs(v);
  const sign = v < 0 ? MINUS : '';
  const rounded = Number(abs.toPrecision(digits));
  if (rounded >= 1e-4 && rounded < 1e6) {
    return sign + trimZeros(rounded.toPrecision(digits).includes('e') ? String(rounded) : rounded.toPrecision(digits));
  }
  const [mantissa, exp] = abs.toExponential(digits - 1).split('e');
  const e = Number(exp);
  return `${sign}${trimZeros(mantissa)}e${e < 0 ? MINUS : ''}${Math.abs(e)}`;
}

/**
 * Labels for evenly spaced ticks: exactly as many decimals as the step needs, so neighbouring labels differ
 * and line up. Large values get one shared suffix ("200k", "1.5M") rather than "1e6" next to "800000";
 * extreme magnitudes fall back to {@link formatNumber}.
 */
export function formatTicks(ticks: number[]): string[] {
  if (ticks.length === 0) return [];
  const step = ticks.length > 1 ? Math.abs(ticks[1] - ticks[0]) : Math.abs(ticks[0]) || 1;
  const max = Math.max(...ticks.map(Math.abs));
  if (max >= 1e10 || step < 1e-4) return ticks.map((t) => (Math.abs(t) < step * 1e-6 ? '0' : formatNumber(t, 3)));
  const [unit, suffix] = max >= 1e6 ? [1e6, 'M'] : max >= 1e4 ? [1e3, 'k'] : [1, ''];
  const decimals = Math.max(0, Math.ceil(-Math.log10(step / unit) - 1e-9));
  return ticks.map((t) => {
    if (Math.abs(t) < step * 1e-6) return '0';
    const text = (Math.abs(t) / unit).toFixed(decimals);
    return (t < 0 ? MINUS : '') + text + suffix;
  });
}

/**
 * A short label for a value on a log axis, where neighbouring ticks differ by a factor, not a step: plain up
 * to 10 000, then with a k or M suffix ("200k", "5M") below 10⁹. Null outside [10⁻³, 10⁹).
 */
export function formatCompact(v: number): string | null {
  if (!(v >= 1e-3 && v < 1e9)) return null;
  if (v < 1e4) return formatNumber(v, 3);
  const [unit, suffix] = v >= 1e6 ? [1e6, 'M'] : [1e3, 'k'];
  return formatNumber(v / unit, 3) + suffix;
}

/** A power of ten as "10" with a superscript exponent, e.g. 10⁻³, for log axes. */
export function formatPowerOfTen(exponent: number): string {
  const digits = String(Math.abs(exponent))
    .split('')
    .map((d) => SUPERSCRIPT[Number(d)])
    .join('');
  return `10${exponent < 0 ? '⁻' : ''}${digits}`;
}

function trimZeros(s: string): string {
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

/** A count of iterations with thousands grouped by commas ("28,567"), the same on every machine (no locale). */
export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A rate in two significant digits, small ones in exponent form so a legend stays narrow: 0.023, 1.8e-3. */
export function shortRate(lr: number): string {
  return lr < 0.01 ? lr.toExponential(1) : String(Number(lr.toPrecision(2)));
}
