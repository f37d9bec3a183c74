/**
 * Solves (H + μ·I)·d = g for a symmetric n×n H (row-major, lower triangle read) by Cholesky, into d. False when
 * H + μ·I is not safely positive definite: a pivot at or below `tiny` (or not finite). `l` is n² of scratch.
 */
export function choleskySolve(h: ArrayLike<number>, mu: number, g: ArrayLike<number>, n: number, d: Float64Array, l: Float64Array, tiny: number): boolean {
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = h[i * n + j] + (i === j ? mu : 0);
      for (let k = 0; k < j; k++) s -= l[i * n + k] * l[j * n + k];
      if (i === j) {
        if (!(s > tiny) || !Number.isFinite(s)) return false;
        l[i * n + i] = Math.sqrt(s);
      } else l[i * n + j] = s / l[j * n + j];
    }
  }
  // L·y = g, then Lᵀ·d = y.
  for (let i = 0; i < n; i++) {
    let s = g[i];
    for (let k = 0; k < i; k++) s -= l[i * n + k] * d[k];
    d[i] = s / l[i * n + i];
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = d[i];
    for (let k = i + 1; k < n; k++) s -= l[k * n + i] * d[k];
    d[i] = s / l[i * n + i];
  }
  return true;
}
