/** --schedule's text to the engine's schedule (engine/schedule.ts); each mistake is one usage error with an example. */
import { messages, usageError } from '../errors';
import { scheduleText, type Schedule } from '../engine/schedule';
import type { Warning } from '../warnings';
import { DECIMAL } from './kinds';

const number = (t: string) => (DECIMAL.test(t) ? Number(t) : NaN);
const wholeAtLeast1 = (n: number) => Number.isInteger(n) && n >= 1;

/** "constant", "step:EVERY:FACTOR", "cosine" or "warmup:N"; the text is kept (trimmed) as the summary reports it. */
export function parseSchedule(raw: string): Schedule {
  const text = raw.trim();
  const [name, ...parts] = text.split(':').map((s) => s.trim());
  switch (name) {
    case 'constant':
    case 'cosine':
      if (parts.length > 0) throw usageError(messages.scheduleTakesNoValue(raw, name));
      return { kind: name, text };
    case 'step': {
      if (parts.length !== 2) throw usageError(messages.scheduleNeedsParts(raw));
      const every = number(parts[0]);
      const factor = number(parts[1]);
      if (!wholeAtLeast1(every)) throw usageError(messages.scheduleEvery(raw));
      if (!(factor > 0 && factor <= 1)) throw usageError(messages.scheduleFactor(raw));
      return { kind: 'step', every, factor, text };
    }
    case 'warmup': {
      const steps = parts.length === 1 ? number(parts[0]) : NaN;
      if (!wholeAtLeast1(steps)) throw usageError(messages.scheduleWarmup(raw));
      return { kind: 'warmup', steps, text };
    }
    default:
      throw usageError(messages.badSchedule(raw));
  }
}

/**
 * A warning when the schedule cannot act within the run's updates: a step schedule changes the rate first at
 * update EVERY + 1, so over at most EVERY updates it is the constant rate; a warm-up of more updates than the
 * run never reaches the base rate. The example is the same kind of schedule a tenth of the run long.
 */
export function scheduleOutlasts(s: Schedule, iterations: number): Warning | null {
  if (iterations < 1) return null;
  const tenth = Math.max(1, Math.floor(iterations / 10));
  if (s.kind === 'step' && s.every >= iterations) {
    return { code: 'scheduleOutlasts', schedule: s.text ?? scheduleText(s), iterations, every: s.every, example: `step:${tenth}:${s.factor}` };
  }
  if (s.kind === 'warmup' && s.steps > iterations) {
    return { code: 'scheduleOutlasts', schedule: s.text ?? scheduleText(s), iterations, share: iterations / s.steps, example: `warmup:${tenth}` };
  }
  return null;
}
