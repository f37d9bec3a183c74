/** Asserts |actual − expected| ≤ tol·max(1, |expected|) (relative for large values, absolute near zero). */
export function expectClose(actual: number, expected: number, tol = 1e-9): void {
  const scale = Math.max(1, Math.abs(expected));
  if (!(Math.abs(actual - expected) <= tol * scale)) {
    throw new Error(`expected ${actual} to be within ${tol}·${scale} of ${expected} (diff ${actual - expected})`);
  }
}

/** Central finite-difference gradient of f at (a, b), step h relative to each coordinate's size. */
export function numericGradient(f: (a: number, b: number) => number, a: number, b: number): [number, number] {
  const ha = 1e-5 * Math.max(1, Math.abs(a));
  const hb = 1e-5 * Math.max(1, Math.abs(b));
  return [(f(a + ha, b) - f(a - ha, b)) / (2 * ha), (f(a, b + hb) - f(a, b - hb)) / (2 * hb)];
}

export const f64 = (values: number[]): Float64Array => Float64Array.from(values);
