import { standardizeFor, type RunConfig } from './config';
import type { Descent } from './engine';
import type { Dataset, Divergence } from './types';

/** The machine-readable account of a run (--summary). Field names are a contract: scripts read them. */
export interface Summary {
  model: RunConfig['model'];
  optimizer: RunConfig['optimizer'];
  lr: number;
  /** Updates performed; `final` holds the weights after exactly this many. */
  iterations: number;
  requested_iterations: number;
  standardize: boolean;
  data: { source: string; x: string; y: string; n: number; skipped: number; positive?: string };
  seed: string;
  final: { w0: number; w1: number; loss: number };
  optimum: { w0: number; w1: number; loss: number } | null;
  diverged: Divergence | null;
  trajectory?: { iteration: number[]; w0: number[]; w1: number[]; loss: number[] };
  frames?: number;
  out?: string;
  bytes?: number;
}

export function buildSummary(config: RunConfig, data: Dataset, d: Descent): Summary {
  const t = d.trajectory;
  const last = t.w0.length - 1;
  const summary: Summary = {
    model: config.model,
    optimizer: config.optimizer,
    lr: d.lr,
    iterations: d.iterations,
    requested_iterations: config.iterations,
    standardize: standardizeFor(config, data),
    data: {
      source: data.source,
      x: data.xName,
      y: data.yName,
      n: data.x.length,
      skipped: data.skipped,
      ...(data.positive !== undefined ? { positive: data.positive } : {}),
    },
    seed: config.seed,
    final: { w0: t.w0[last], w1: t.w1[last], loss: t.loss[last] },
    optimum: d.optimum ? { w0: d.optimum.w0, w1: d.optimum.w1, loss: d.optimum.loss } : null,
    diverged: d.diverged,
  };
  if (config.trajectory) {
    summary.trajectory = {
      iteration: Array.from({ length: last + 1 }, (_, i) => i),
      w0: Array.from(t.w0),
      w1: Array.from(t.w1),
      loss: Array.from(t.loss),
    };
  }
  return summary;
}

/** The summary as JSON text, one trailing newline. */
export function summaryJson(summary: Summary): string {
  return JSON.stringify(summary, null, 2) + '\n';
}
