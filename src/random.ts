/** A source of uniform numbers in [0, 1). Passed in explicitly: nothing in mlvis uses Math.random. */
export type Rng = () => number;

/**
 * A seeded generator for one purpose ("stream"), so that e.g. the synthetic data and the SGD shuffle
 * are independent and adding draws to one never changes the other.
 */
export function createRng(seed: string, stream: string): Rng {
  // Made on the first draw, and seedrandom loaded then (it loads node:crypto): every descent gets a
  // generator, and full-batch descent on a CSV never draws from it.
  let prng: { double(): number } | undefined;
  return () => {
    prng ??= (require('seedrandom') as typeof import('seedrandom'))(`${seed}\u0000${stream}`);
    return prng.double();
  };
}

/** A standard normal draw (Box–Muller; uses two uniforms per call, so draws are reproducible). */
export function normal(rng: Rng): number {
  let u = rng();
  while (u <= Number.MIN_VALUE) u = rng();
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Fisher–Yates shuffle of 0..n-1 into `out`. */
export function shuffledIndices(n: number, rng: Rng, out: Uint32Array = new Uint32Array(n)): Uint32Array {
  for (let i = 0; i < n; i++) out[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const t = out[i];
    out[i] = out[j];
    out[j] = t;
  }
  return out;
}
