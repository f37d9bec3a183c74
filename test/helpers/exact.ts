/** Exact rational arithmetic (BigInt) for reference solves: doubles are exact rationals, and so is every result. */
export type Rat = [bigint, bigint];
const abs = (a: bigint) => (a < 0n ? -a : a);
const gcd = (a: bigint, b: bigint): bigint => {
  a = abs(a);
  b = abs(b);
  while (b) [a, b] = [b, a % b];
  return a || 1n;
};
const norm = ([n, d]: Rat): Rat => {
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d);
  return [n / g, d / g];
};
export const add = (a: Rat, b: Rat): Rat => norm([a[0] * b[1] + b[0] * a[1], a[1] * b[1]]);
export const sub = (a: Rat, b: Rat): Rat => add(a, [-b[0], b[1]]);
export const mul = (a: Rat, b: Rat): Rat => norm([a[0] * b[0], a[1] * b[1]]);
export const div = (a: Rat, b: Rat): Rat => norm([a[0] * b[1], a[1] * b[0]]);
/** A double as the exact rational it is. */
export function exact(x: number): Rat {
  if (x === 0) return [0n, 1n];
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const negative = bits >> 63n === 1n;
  let e = Number((bits >> 52n) & 0x7ffn);
  let m = bits & ((1n << 52n) - 1n);
  if (e === 0) e = 1;
  else m |= 1n << 52n;
  const shift = e - 1075;
  const n = negative ? -m : m;
  return shift >= 0 ? [n << BigInt(shift), 1n] : norm([n, 1n << BigInt(-shift)]);
}
/** The rational rounded to a double (via 80 decimal digits: well past the last bit). */
export function toDouble([n, d]: Rat): number {
  const scale = 10n ** 80n;
  return Number((n * scale) / d) / 1e80;
}


/** The exact least-squares solution of Σ_k c_k·columns[k] ≈ y (Gaussian elimination on the normal equations in rationals), each rounded to a double. */
export function exactLeastSquares(columns: ArrayLike<number>[], y: ArrayLike<number>): number[] {
  const n = y.length;
  return exactLeastSquaresOf(
    columns.map((c) => Array.from({ length: n }, (_, i) => exact(c[i]))),
    Array.from({ length: n }, (_, i) => exact(y[i])),
  );
}

/** exactLeastSquares on columns given as exact rationals (powers of x, say, which doubles would round). */
export function exactLeastSquaresOf(cols: Rat[][], ys: Rat[]): number[] {
  const p = cols.length;
  const a: Rat[][] = [];
  for (let j = 0; j < p; j++) {
    const row: Rat[] = [];
    for (let k = 0; k < p; k++) row.push(cols[j].reduce<Rat>((s, v, i) => add(s, mul(v, cols[k][i])), [0n, 1n]));
    row.push(cols[j].reduce<Rat>((s, v, i) => add(s, mul(v, ys[i])), [0n, 1n]));
    a.push(row);
  }
  for (let c = 0; c < p; c++) {
    const pivot = a.findIndex((r, i) => i >= c && r[c][0] !== 0n);
    [a[c], a[pivot]] = [a[pivot], a[c]];
    for (let r = 0; r < p; r++) {
      if (r === c || a[r][c][0] === 0n) continue;
      const f = div(a[r][c], a[c][c]);
      a[r] = a[r].map((v, k) => sub(v, mul(f, a[c][k])));
    }
  }
  return a.map((r, j) => toDouble(div(r[p], r[j])));
}
