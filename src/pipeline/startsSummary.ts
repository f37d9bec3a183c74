import type { RunConfig } from '../config';
import type { Problem } from '../engine';
import { pointName } from '../engine/landscape';
import { startsText } from '../engine/starts';
import { named, summaryHead, type StartSummary, type Summary } from '../summary';
import { startCounts, type StartsRun } from './starts';
import { namedFoundMinima } from './startsScene';

/**
 * The summary of a --starts run: the fields every summary has (model, function, minima, seed), the one
 * optimizer and rate, the known optimum, then each start and the count of starts per known minimum.
 */
export function startsSummary(config: RunConfig, problem: Problem, run: StartsRun): Summary {
  const names = problem.descriptor.weightNames;
  const { model, ...head } = summaryHead(config, problem);
  const minimumNames = run.minima.map(pointName);
  // A start at a minimum the verdicts found, one of the few named in the picture, names it too ("(1, 0) found").
  const scale = problem.landscape?.scale;
  const found = (scale === undefined ? [] : namedFoundMinima(run, scale)).map((f) => ({ members: new Set(f.members), name: f.name }));
  const foundAt = (s: number) => found.find((f) => f.members.has(s))?.name ?? null;
  const starts: StartSummary[] = Array.from(run.x, (x, s) => ({
    x,
    y: run.y[s],
    reached: run.minimum[s] >= 0 ? minimumNames[run.minimum[s]] : foundAt(s),
    iterations: run.reachedAt[s] >= 0 ? run.reachedAt[s] : null,
    final_loss: Number.isFinite(run.finalLoss[s]) ? run.finalLoss[s] : null,
    verdict: run.verdicts[s],
  }));
  const { perMinimum, other, none } = startCounts(run);
  return {
    model,
    optimizer: run.optimizer,
    lr: run.lr,
    schedule: config.schedule,
    ...head,
    optimum: problem.optimum ? named(names, problem.optimum.w, problem.optimum.loss) : null,
    layout: config.starts?.basins ? 'basins' : 'overlay',
    start_placement: startsText(run.spec),
    starts,
    counts: run.minima.map((p, k) => ({ minimum: minimumNames[k], kind: p.kind === 'local' ? 'local' : 'global', x: p.w[0], y: p.w[1], count: perMinimum[k] })),
    other_minimum: other,
    none_reached: none,
  };
}
