/**
 * Eigenvalues and eigenvectors of a small symmetric matrix, by cyclic Jacobi rotations: slower than a
 * tridiagonal QR for large n, but a few dozen lines, accurate to rounding in every eigenvalue (small ones
 * included, which is what telling a minimum from a flat or a saddle point needs), and no dependency.
 */

export interface SymmetricEigen {
  /** Ascending. */
  values: number[];
  /** vectors[i]: a unit eigenvector for values[i]. */
  vectors: number[][];
}

/** Sweeps after which a matrix that has not become diagonal is taken as it is (Jacobi needs < 10 for n ≤ 100). */
const MAX_SWEEPS = 60;

/**
 * The eigen-decomposition of the n × n matrix a (row-major), symmetrized as (a + aᵀ)/2 first so that a
 * Hessian with rounding in its off-diagonal pairs is read as the symmetric matrix it stands for.
 */
export function symmetricEigen(a: ArrayLike<number>, n: number): SymmetricEigen {
  if (!(Number.isInteger(n) && n >= 1) || a.length < n * n) throw new Error('symmetricEigen: invalid size');
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) m[i * n + j] = (a[i * n + j] + a[j * n + i]) / 2;
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  let total = 0;
  for (let k = 0; k < n * n; k++) total += m[k] * m[k];
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += m[p * n + q] ** 2;
    if (off <= 1e-32 * total) break;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) rotate(m, v, n, p, q);
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => m[i * n + i] - m[j * n + j]);
  return {
    values: order.map((i) => m[i * n + i]),
    vectors: order.map((i) => Array.from({ length: n }, (_, r) => v[r * n + i])),
  };
}

/** One Jacobi rotation zeroing m[p][q] (Golub & Van Loan, Algorithm 8.4.1), accumulated into the columns of v. */
function rotate(m: Float64Array, v: Float64Array, n: number, p: number, q: number): void {
  const apq = m[p * n + q];
  if (apq === 0) return;
  const theta = (m[q * n + q] - m[p * n + p]) / (2 * apq);
  const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
  const c = 1 / Math.sqrt(t * t + 1);
  const s = t * c;
  for (let k = 0; k < n; k++) {
    const mkp = m[k * n + p];
    const mkq = m[k * n + q];
    m[k * n + p] = c * mkp - s * mkq;
    m[k * n + q] = s * mkp + c * mkq;
  }
  for (let k = 0; k < n; k++) {
    const mpk = m[p * n + k];
    const mqk = m[q * n + k];
    m[p * n + k] = c * mpk - s * mqk;
    m[q * n + k] = s * mpk + c * mqk;
  }
  for (let k = 0; k < n; k++) {
    const vkp = v[k * n + p];
    const vkq = v[k * n + q];
    v[k * n + p] = c * vkp - s * vkq;
    v[k * n + q] = s * vkp + c * vkq;
  }
}
