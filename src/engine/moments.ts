/**
 * Centred moments of x (and optionally y), by two passes so that large offsets do not cancel:
 * for x ≈ 4000 ± 800 the naive Σx² − (Σx)²/N loses about seven digits; the centred form loses none.
 */
export interface Moments {
  n: number;
  meanX: number;
  /** (1/N) Σ (xₙ − meanX)², the population variance. */
  varX: number;
  /** (1/N) Σ xₙ², as meanX² + varX. */
  meanX2: number;
  maxX2: number;
  /** (1/N) Σ (xₙ − meanX): zero in exact arithmetic, kept so formulas stay exact in floating point. */
  meanDx: number;
}

export function momentsOf(x: Float64Array): Moments {
  const n = x.length;
  let sum = 0;
  let maxX2 = 0;
  for (let i = 0; i < n; i++) {
    sum += x[i];
    const sq = x[i] * x[i];
    if (sq > maxX2) maxX2 = sq;
  }
  const meanX = sum / n;
  let sdx = 0;
  let sdx2 = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i] - meanX;
    sdx += d;
    sdx2 += d * d;
  }
  const meanDx = sdx / n;
  const varX = sdx2 / n - meanDx * meanDx;
  return { n, meanX, varX, meanX2: meanX * meanX + varX, maxX2, meanDx };
}
