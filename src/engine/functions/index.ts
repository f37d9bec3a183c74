/** The registry of built-in test functions: one line per function, in the order `mlvis functions` lists them. */
import { ackley } from './ackley';
import { beale } from './beale';
import { booth } from './booth';
import { messages, usageError } from '../../errors';
import type { FunctionDescriptor } from './descriptor';
import { goldsteinPrice } from './goldsteinPrice';
import { himmelblau } from './himmelblau';
import { matyas } from './matyas';
import { quadratic } from './quadratic';
import { rastrigin } from './rastrigin';
import { rosenbrock } from './rosenbrock';
import { monkeySaddle, saddle } from './saddles';
import { sixHumpCamel } from './sixHumpCamel';
import { styblinskiTang } from './styblinskiTang';
import { threeHumpCamel } from './threeHumpCamel';

export const FUNCTION_REGISTRY = {
  rosenbrock,
  beale,
  himmelblau,
  booth,
  matyas,
  'three-hump-camel': threeHumpCamel,
  'six-hump-camel': sixHumpCamel,
  'goldstein-price': goldsteinPrice,
  rastrigin,
  ackley,
  'styblinski-tang': styblinskiTang,
  saddle,
  'monkey-saddle': monkeySaddle,
  quadratic,
} satisfies Record<string, FunctionDescriptor>;
export type FunctionName = keyof typeof FUNCTION_REGISTRY;
export const FUNCTIONS = Object.keys(FUNCTION_REGISTRY) as FunctionName[];

export function isFunctionName(name: string): name is FunctionName {
  return Object.prototype.hasOwnProperty.call(FUNCTION_REGISTRY, name);
}

/** The function called `name`; a usage error naming the built-in functions (and the likely one) otherwise. */
export function functionOf(name: string): FunctionDescriptor {
  if (isFunctionName(name)) return FUNCTION_REGISTRY[name];
  const key = (s: string) => s.toLowerCase().replace(/[^a-z]/g, '');
  // The same letters, a prefix, or a name within two edits (a typo: "rosenbrok").
  const meant =
    FUNCTIONS.find((f) => key(f) === key(name) || (key(name).length >= 4 && key(f).startsWith(key(name)))) ??
    FUNCTIONS.find((f) => key(name).length >= 4 && editDistance(key(f), key(name)) <= 2);
  throw usageError(messages.unknownFunction(name, FUNCTIONS, meant));
}

export { DEFAULT_ANGLE, DEFAULT_CONDITION, quadraticMatrix } from './quadratic';
export type { FunctionDescriptor, FunctionParams } from './descriptor';

/** Levenshtein distance: insertions, deletions and substitutions. */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length];
}
