/**
 * Learning-rate schedules: the rate of update t (from 1) of an N-update run, as a pure function of the
 * run's base rate α. Every optimizer takes the scheduled rate per update (its step's `lr`).
 * - constant: α at every update (exactly α: a run without a schedule is unchanged to the bit);
 * - step:EVERY:FACTOR: α·FACTOR^⌊(t − 1)/EVERY⌋, the rate cut by FACTOR after every EVERY updates;
 * - cosine: α·(1 + cos(π·(t − 1)/N))/2, from α at the first update down towards 0 at the last;
 * - warmup:W: α·min(1, t/W), rising linearly to α over the first W updates, then α.
 * No schedule ever exceeds α (warmup reaches it), so every stability rule and the stable rate reported after a
 * divergence (rates.ts) apply to the base rate α unchanged: a rate stable at α is stable at every smaller one.
 */
export type Schedule = (
  | { kind: 'constant' }
  | { kind: 'step'; every: number; factor: number }
  | { kind: 'cosine' }
  | { kind: 'warmup'; steps: number }
) & {
  /** The text it was given as (the summary reports it so); absent: written as scheduleText does. */
  text?: string;
};

export const CONSTANT: Schedule = { kind: 'constant' };

/** The rate of each update of an `iterations`-update run at base rate `base`. */
export function scheduledRate(s: Schedule, base: number, iterations: number): (t: number) => number {
  switch (s.kind) {
    case 'constant':
      return () => base;
    case 'step':
      return (t) => base * s.factor ** Math.floor((t - 1) / s.every);
    case 'cosine': {
      const n = Math.max(iterations, 1);
      return (t) => (base * (1 + Math.cos((Math.PI * (t - 1)) / n))) / 2;
    }
    case 'warmup':
      return (t) => base * Math.min(1, t / s.steps);
  }
}

/** The schedule as --schedule writes it ("constant", "step:100:0.5", "cosine", "warmup:50"). */
export function scheduleText(s: Schedule): string {
  if (s.text !== undefined) return s.text;
  switch (s.kind) {
    case 'step':
      return `step:${s.every}:${s.factor}`;
    case 'warmup':
      return `warmup:${s.steps}`;
    default:
      return s.kind;
  }
}
