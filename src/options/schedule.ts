/** --schedule's text to the engine's schedule (engine/schedule.ts); each mistake is one usage error with an example. */
import { messages, usageError } from '../errors';
import type { Schedule } from '../engine/schedule';
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
