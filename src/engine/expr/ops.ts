/**
 * The operations an expression may use, as numeric codes for the tape, and their values: shared by the
 * evaluator and by constant folding, so a folded constant is bit-identical to what the tape would compute.
 */

export const Op = {
  Neg: 0,
  Add: 1,
  Sub: 2,
  Mul: 3,
  Div: 4,
  /** u^v with v depending on x or y (or a constant base). */
  Pow: 5,
  /** u^c with a constant exponent c. */
  PowC: 6,
  Sin: 7,
  Cos: 8,
  Tan: 9,
  Exp: 10,
  Log: 11,
  Sqrt: 12,
  Abs: 13,
  Tanh: 14,
  Sigmoid: 15,
} as const;
export type Op = (typeof Op)[keyof typeof Op];

/** The functions of one argument, by the name an expression calls them. */
/** A Map, not an object: a name such as "constructor" must not find anything. */
export const FUNCTIONS: ReadonlyMap<string, Op> = new Map<string, Op>([
  ['sin', Op.Sin],
  ['cos', Op.Cos],
  ['tan', Op.Tan],
  ['exp', Op.Exp],
  ['log', Op.Log],
  ['sqrt', Op.Sqrt],
  ['abs', Op.Abs],
  ['tanh', Op.Tanh],
  ['sigmoid', Op.Sigmoid],
]);
export const FUNCTION_NAMES: readonly string[] = [...FUNCTIONS.keys()];

/** The named constants. */
export const CONSTANTS: ReadonlyMap<string, number> = new Map([
  ['pi', Math.PI],
  ['e', Math.E],
]);

/** The logistic function 1/(1 + e^−u), without overflow for either sign. */
export function sigmoid(u: number): number {
  if (u >= 0) return 1 / (1 + Math.exp(-u));
  const e = Math.exp(u);
  return e / (1 + e);
}

/** The value of a one-argument operation. */
export function unaryValue(op: Op, u: number): number {
  switch (op) {
    case Op.Neg:
      return -u;
    case Op.Sin:
      return Math.sin(u);
    case Op.Cos:
      return Math.cos(u);
    case Op.Tan:
      return Math.tan(u);
    case Op.Exp:
      return Math.exp(u);
    case Op.Log:
      return Math.log(u);
    case Op.Sqrt:
      return Math.sqrt(u);
    case Op.Abs:
      return Math.abs(u);
    case Op.Tanh:
      return Math.tanh(u);
    case Op.Sigmoid:
      return sigmoid(u);
    default:
      throw new Error(`internal error: ${op} is not a one-argument operation`);
  }
}

/** The value of a two-argument operation. */
export function binaryValue(op: Op, a: number, b: number): number {
  switch (op) {
    case Op.Add:
      return a + b;
    case Op.Sub:
      return a - b;
    case Op.Mul:
      return a * b;
    case Op.Div:
      return a / b;
    case Op.Pow:
    case Op.PowC:
      return Math.pow(a, b);
    default:
      throw new Error(`internal error: ${op} is not a two-argument operation`);
  }
}
