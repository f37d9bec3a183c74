/**
 * An expression compiled to a flat tape, evaluated with exact derivatives by forward-mode automatic
 * differentiation to second order: every slot carries its value, its gradient (∂/∂x, ∂/∂y) and its Hessian
 * (xx, xy, yy), pushed through each operation by the chain rule. Not finite differences: the derivatives are
 * exact up to rounding.
 *
 * Slot 0 holds x, slot 1 y, then the constants, then one slot per operation in evaluation order. Subtrees
 * without x or y are folded into constants when compiling. All arrays are allocated once; an evaluation
 * allocates nothing.
 */
import { binaryValue, Op, sigmoid, unaryValue } from './ops';
import type { Node } from './parse';

export interface Tape {
  /** The slot holding the result. */
  readonly out: number;
  /** The value at (x, y). */
  value(x: number, y: number): number;
  /** The gradient at (x, y), [∂/∂x, ∂/∂y]. */
  gradient(x: number, y: number, out: Float64Array): void;
  /** The Hessian at (x, y), row-major [xx, xy, yx, yy]. */
  hessian(x: number, y: number, out: Float64Array): void;
  /** Whether the expression reads x, and y (after folding). */
  readonly uses: readonly [boolean, boolean];
}

/** f·d, but 0 when d is 0 even if f is infinite: sqrt(x) has ∂/∂y = 0 at x = 0, not ∞·0 = NaN. */
const times = (f: number, d: number) => (d === 0 ? 0 : f * d);

/** Compiles a parsed expression once; the tape it returns evaluates without allocating or re-parsing. */
export function compile(tree: Node): Tape {
  const uses: [boolean, boolean] = [false, false];
  // A reference is a folded constant (a number) or a slot: 0 = x, 1 = y, −k = the k-th operation.
  type Ref = number | { slot: number };
  const code: { op: Op; a: Ref; b: Ref | null; c: number }[] = [];
  const emit = (op: Op, a: Ref, b: Ref | null, c = 0): Ref => {
    code.push({ op, a, b, c });
    return { slot: -code.length };
  };

  function walk(n: Node): Ref {
    switch (n.kind) {
      case 'num':
        return n.value;
      case 'var':
        uses[n.index] = true;
        return { slot: n.index };
      case 'unary': {
        const a = walk(n.arg);
        return typeof a === 'number' ? unaryValue(n.op, a) : emit(n.op, a, null);
      }
      case 'binary': {
        const a = walk(n.left);
        const b = walk(n.right);
        if (typeof a === 'number' && typeof b === 'number') return binaryValue(n.op, a, b);
        if (n.op === Op.Pow && typeof b === 'number') return emit(Op.PowC, a, null, b);
        return emit(n.op, a, b);
      }
    }
  }

  const result = walk(tree);
  // The constants take the slots after x and y (one per distinct value, -0 apart from 0), then the operations.
  const constants: number[] = [];
  const constSlot = new Map<string, number>();
  const constantSlot = (c: number): number => {
    const key = Object.is(c, -0) ? '-0' : String(c);
    let s = constSlot.get(key);
    if (s === undefined) {
      s = 2 + constants.length;
      constants.push(c);
      constSlot.set(key, s);
    }
    return s;
  };
  for (const c of code) for (const r of [c.a, c.b]) if (typeof r === 'number') constantSlot(r);
  if (typeof result === 'number') constantSlot(result);
  const first = 2 + constants.length;
  const size = first + code.length;
  const slotOf = (r: Ref): number => (typeof r === 'number' ? constantSlot(r) : r.slot >= 0 ? r.slot : first - r.slot - 1);
  const OPS = new Uint8Array(size);
  const A = new Int32Array(size);
  const B = new Int32Array(size);
  const C = new Float64Array(size);
  code.forEach((c, k) => {
    OPS[first + k] = c.op;
    A[first + k] = slotOf(c.a);
    B[first + k] = c.b === null ? 0 : slotOf(c.b);
    C[first + k] = c.c;
  });
  const out = slotOf(result);

  const v = new Float64Array(size);
  const gx = new Float64Array(size);
  const gy = new Float64Array(size);
  const hxx = new Float64Array(size);
  const hxy = new Float64Array(size);
  const hyy = new Float64Array(size);
  constants.forEach((c, k) => (v[2 + k] = c));
  gx[0] = 1;
  gy[1] = 1;

  /** Runs the tape for values only: the loss over a surface grid needs nothing more. */
  function values(x: number, y: number): number {
    v[0] = x;
    v[1] = y;
    for (let i = first; i < size; i++) {
      const u = v[A[i]];
      switch (OPS[i]) {
        case Op.Add:
          v[i] = u + v[B[i]];
          break;
        case Op.Sub:
          v[i] = u - v[B[i]];
          break;
        case Op.Mul:
          v[i] = u * v[B[i]];
          break;
        case Op.Div:
          v[i] = u / v[B[i]];
          break;
        case Op.Pow:
          v[i] = Math.pow(u, v[B[i]]);
          break;
        case Op.PowC:
          v[i] = Math.pow(u, C[i]);
          break;
        case Op.Neg:
          v[i] = -u;
          break;
        default:
          v[i] = unaryValue(OPS[i] as Op, u);
      }
    }
    return v[out];
  }

  /** Runs the tape with gradients (order 1) or with gradients and Hessians (order 2). */
  function run(x: number, y: number, order: 1 | 2): void {
    v[0] = x;
    v[1] = y;
    for (let i = first; i < size; i++) {
      const a = A[i];
      const u = v[a];
      let f: number; // the value
      let d1: number; // f'(u), for the operations of one argument
      let d2: number; // f''(u)
      switch (OPS[i]) {
        case Op.Add:
        case Op.Sub: {
          const b = B[i];
          const s = OPS[i] === Op.Add ? 1 : -1;
          v[i] = u + s * v[b];
          if (order > 0) {
            gx[i] = gx[a] + s * gx[b];
            gy[i] = gy[a] + s * gy[b];
            if (order > 1) {
              hxx[i] = hxx[a] + s * hxx[b];
              hxy[i] = hxy[a] + s * hxy[b];
              hyy[i] = hyy[a] + s * hyy[b];
            }
          }
          continue;
        }
        case Op.Mul: {
          const b = B[i];
          const w = v[b];
          v[i] = u * w;
          if (order > 0) {
            gx[i] = times(u, gx[b]) + times(w, gx[a]);
            gy[i] = times(u, gy[b]) + times(w, gy[a]);
            if (order > 1) {
              hxx[i] = times(u, hxx[b]) + times(w, hxx[a]) + 2 * gx[a] * gx[b];
              hxy[i] = times(u, hxy[b]) + times(w, hxy[a]) + gx[a] * gy[b] + gx[b] * gy[a];
              hyy[i] = times(u, hyy[b]) + times(w, hyy[a]) + 2 * gy[a] * gy[b];
            }
          }
          continue;
        }
        case Op.Div: {
          // q = a/b: ∇q = (∇a − q∇b)/b, ∇²q = (∇²a − q∇²b − ∇q∇bᵀ − ∇b∇qᵀ)/b.
          const b = B[i];
          const w = v[b];
          const q = u / w;
          v[i] = q;
          if (order > 0) {
            const qx = (gx[a] - times(q, gx[b])) / w;
            const qy = (gy[a] - times(q, gy[b])) / w;
            gx[i] = qx;
            gy[i] = qy;
            if (order > 1) {
              hxx[i] = (hxx[a] - times(q, hxx[b]) - 2 * times(qx, gx[b])) / w;
              hxy[i] = (hxy[a] - times(q, hxy[b]) - times(qx, gy[b]) - times(qy, gx[b])) / w;
              hyy[i] = (hyy[a] - times(q, hyy[b]) - 2 * times(qy, gy[b])) / w;
            }
          }
          continue;
        }
        case Op.Pow: {
          // f = u^w = exp(s), s = w·ln u: ∇f = f∇s, ∇²f = f(∇²s + ∇s∇sᵀ), with
          // ∇s = ∇w ln u + w∇u/u and ∇²s = ∇²w ln u + (∇w∇uᵀ + ∇u∇wᵀ)/u + w(∇²u/u − ∇u∇uᵀ/u²).
          const b = B[i];
          const w = v[b];
          f = Math.pow(u, w);
          v[i] = f;
          if (order > 0) {
            const l = Math.log(u);
            const sx = times(l, gx[b]) + times(w / u, gx[a]);
            const sy = times(l, gy[b]) + times(w / u, gy[a]);
            gx[i] = times(f, sx);
            gy[i] = times(f, sy);
            if (order > 1) {
              const uu = u * u;
              const sxx = times(l, hxx[b]) + (2 * gx[b] * gx[a]) / u + times(w / u, hxx[a]) - (w * gx[a] * gx[a]) / uu;
              const sxy = times(l, hxy[b]) + (gx[b] * gy[a] + gy[b] * gx[a]) / u + times(w / u, hxy[a]) - (w * gx[a] * gy[a]) / uu;
              const syy = times(l, hyy[b]) + (2 * gy[b] * gy[a]) / u + times(w / u, hyy[a]) - (w * gy[a] * gy[a]) / uu;
              hxx[i] = f * (sxx + sx * sx);
              hxy[i] = f * (sxy + sx * sy);
              hyy[i] = f * (syy + sy * sy);
            }
          }
          continue;
        }
        case Op.PowC: {
          const c = C[i];
          f = Math.pow(u, c);
          d1 = c === 0 ? 0 : c * Math.pow(u, c - 1);
          d2 = c === 0 || c === 1 ? 0 : c * (c - 1) * Math.pow(u, c - 2);
          break;
        }
        case Op.Neg:
          f = -u;
          d1 = -1;
          d2 = 0;
          break;
        case Op.Sin:
          f = Math.sin(u);
          d1 = Math.cos(u);
          d2 = -f;
          break;
        case Op.Cos:
          f = Math.cos(u);
          d1 = -Math.sin(u);
          d2 = -f;
          break;
        case Op.Tan:
          f = Math.tan(u);
          d1 = 1 + f * f;
          d2 = 2 * f * d1;
          break;
        case Op.Exp:
          f = Math.exp(u);
          d1 = f;
          d2 = f;
          break;
        case Op.Log:
          f = Math.log(u);
          d1 = 1 / u;
          d2 = -d1 * d1;
          break;
        case Op.Sqrt:
          f = Math.sqrt(u);
          d1 = 0.5 / f;
          d2 = -d1 / (2 * u);
          break;
        case Op.Abs:
          f = Math.abs(u);
          d1 = Math.sign(u);
          d2 = 0;
          break;
        case Op.Tanh: {
          f = Math.tanh(u);
          const ch = Math.cosh(u);
          d1 = 1 / (ch * ch); // sech², accurate where 1 − tanh² would cancel
          d2 = -2 * f * d1;
          break;
        }
        case Op.Sigmoid: {
          f = sigmoid(u);
          const g = sigmoid(-u); // 1 − f without cancellation
          d1 = f * g;
          d2 = d1 * (g - f);
          break;
        }
        default:
          throw new Error(`internal error: unknown tape operation ${OPS[i]}`);
      }
      // One argument: ∇f = f'∇u, ∇²f = f''∇u∇uᵀ + f'∇²u.
      v[i] = f;
      if (order > 0) {
        const ux = gx[a];
        const uy = gy[a];
        gx[i] = times(d1, ux);
        gy[i] = times(d1, uy);
        if (order > 1) {
          hxx[i] = times(d2, ux * ux) + times(d1, hxx[a]);
          hxy[i] = times(d2, ux * uy) + times(d1, hxy[a]);
          hyy[i] = times(d2, uy * uy) + times(d1, hyy[a]);
        }
      }
    }
  }

  return {
    out,
    uses,
    value: values,
    gradient(x, y, g) {
      run(x, y, 1);
      g[0] = gx[out];
      g[1] = gy[out];
    },
    hessian(x, y, h) {
      run(x, y, 2);
      h[0] = hxx[out];
      h[1] = hxy[out];
      h[2] = hxy[out];
      h[3] = hyy[out];
    },
  };
}
