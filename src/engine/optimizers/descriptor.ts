import { messages, usageError } from '../../errors';
import type { Rng } from '../../random';
import { isSampled, type Objective, type SampledObjective } from '../objective';
import { HYPER_PARAMS, HYPER_PARAM_NAMES, type HyperParam, type HyperValues } from './hyperParams';

export type { HyperParam, HyperValues } from './hyperParams';

/**
 * The bag of hyper-parameters that travels to an optimizer: the learning rate and any of the declared
 * hyper-parameters (./hyperParams.ts); one left out takes the optimizer's own default, else the declared one.
 */
export type OptimizerParams = { lr: number } & HyperValues;

/** The same bag with every hyper-parameter filled in: what an optimizer's own rules read. */
export type Params = { lr: number } & { [K in HyperParam]: number };

/**
 * One update of the weight vector w in place; t counts updates from 1. `lr` is this update's learning rate,
 * the run's rate as the schedule has it at t (see schedule.ts); absent, the bag's rate.
 */
export type Step = (w: Float64Array, t: number, lr?: number) => void;

/** Hears each sample index a stochastic step draws, in the order drawn (the sample log of train.ts). */
export type Draw = (index: number) => void;

/** How a stochastic optimizer samples the data. */
export interface Sampling<P = OptimizerParams> {
  /** The samples one update draws from n. */
  batch(p: P, n: number): number;
  /** The rate of full-batch gd whose step is the mean of this optimizer's step over the samples (its reference path). */
  fullBatchRate(p: P, model: SampledObjective): number;
}

/** What the rate rules may look at besides the model. */
export interface RateContext {
  /** Starting weights in the units the optimizer sees. */
  init: ArrayLike<number>;
  /** Updates in the run. */
  iterations: number;
}

interface OptimizerShape<P, S, O extends Objective = Objective> {
  readonly name: string;
  /** For titles and legends: "gradient descent", and a short form for narrow frames and races. */
  readonly title: string;
  readonly short: string;
  /** The hyper-parameters it reads, besides the learning rate. */
  readonly params: readonly HyperParam[];
  /** Its own defaults where they differ from the declared ones (rmsprop's running mean decays with 0.9). */
  readonly defaults?: Partial<Record<HyperParam, number>>;
  /** What a hyper-parameter means to it, where that differs from the declared help (--help groups by it). */
  readonly paramHelp?: Partial<Record<HyperParam, string>>;
  /** It draws samples in a seeded order (sgd, minibatch): the seed changes its path even on fixed data. */
  readonly stochastic: boolean;
  /** Present for the stochastic ones: how many samples a step draws, and the full-batch rate it averages to. */
  readonly sampling?: Sampling<P>;
  /** Plain gradient steps, so an ill-conditioned x slows it down (adaptive and momentum methods cope better). */
  readonly plain: boolean;
  /** Its step follows a running mean of past gradients (momentum, nesterov, adam): --arrows draws its last step too. */
  readonly velocity: boolean;
  /**
   * What it needs of the objective besides a loss and its gradient, refused on one without (see
   * refuseUnmet in ./index.ts): 'hessian', the exact Hessian (Newton's method); 'samples', a mean over
   * samples to draw from (sgd, minibatch: a SampledObjective).
   */
  readonly needs?: 'hessian' | 'samples';
  /** `draw`, when given, hears every sample index the step uses; it must not change what the step does. */
  createStep(model: O, p: P, rng: Rng, draw?: Draw): S;
  /** The default learning rate for this problem (see rates.ts). */
  defaultRate(model: O, p: P, c: RateContext): number;
  /** A rate below which it is stable on this problem (see rates.ts). */
  stableRate(model: O, p: P, c: RateContext): number;
}

type StepOf = (w: Float64Array, t: number, lr: number) => void;

/**
 * What an optimizer's file writes: its rules read every hyper-parameter filled in, and its step is handed
 * each update's rate. One that declares `needs: 'samples'` (and says how it samples) is handed the
 * SampledObjective it needs.
 */
export type OptimizerDefinition =
  | (Written<OptimizerShape<Params, StepOf>> & { readonly needs?: 'hessian' })
  | (Written<OptimizerShape<Params, StepOf, SampledObjective>> & { readonly needs: 'samples'; readonly sampling: Sampling<Params> });

/**
 * The flags a definition may leave out: `stochastic` follows from `needs: 'samples'`, and an optimizer is
 * neither `plain` (a plain gradient step) nor one with a `velocity` unless it says so.
 */
type Written<S> = Omit<S, 'stochastic' | 'plain' | 'velocity'> & { readonly stochastic?: boolean; readonly plain?: boolean; readonly velocity?: boolean };

/**
 * Everything mlvis knows about one optimizer. A new optimizer is a file exporting one of these (made by
 * defineOptimizer) plus a line in the registry (./index.ts); nothing else in mlvis switches on optimizer names.
 * Its methods take the bag as given and fill in the defaults themselves.
 */
export type OptimizerDescriptor = OptimizerShape<OptimizerParams, Step>;

/** The bag with every hyper-parameter filled in: given, else the optimizer's own default, else the declared one. */
export function paramsFor(d: Pick<OptimizerDefinition, 'defaults'>, p: OptimizerParams): Params {
  const out = { lr: p.lr } as Params;
  for (const k of HYPER_PARAM_NAMES) out[k] = p[k] ?? d.defaults?.[k] ?? HYPER_PARAMS[k].default;
  return out;
}

/** The descriptor of a definition: each rule fills in the defaults of the bag it is given. */
export function defineOptimizer(definition: OptimizerDefinition): OptimizerDescriptor {
  const flags = { stochastic: definition.stochastic ?? definition.needs === 'samples', plain: definition.plain ?? false, velocity: definition.velocity ?? false };
  const d = definition.needs === 'samples' ? onSamples({ ...definition, ...flags }) : { ...definition, ...flags };
  const { sampling } = d;
  return {
    ...d,
    ...(sampling
      ? { sampling: { batch: (p, n) => sampling.batch(paramsFor(d, p), n), fullBatchRate: (p, model) => sampling.fullBatchRate(paramsFor(d, p), model) } }
      : {}),
    createStep(model, p, rng, draw) {
      if (d.needs === 'hessian' && !model.hessian) throw usageError(messages.needsHessian(d.name));
      const full = paramsFor(d, p);
      const step = d.createStep(model, full, rng, draw);
      return (w, t, lr = full.lr) => step(w, t, lr);
    },
    defaultRate: (model, p, c) => d.defaultRate(model, paramsFor(d, p), c),
    stableRate: (model, p, c) => d.stableRate(model, paramsFor(d, p), c),
  };
}

/**
 * A sampling optimizer's rules on any objective: each checks that it has samples. The engine refuses such an
 * optimizer on an objective without them before it gets here (refuseUnmet, with the words for the user);
 * reaching the check is a caller's mistake.
 */
function onSamples(d: OptimizerShape<Params, StepOf, SampledObjective>): OptimizerShape<Params, StepOf> {
  const sampled = (model: Objective): SampledObjective => {
    if (isSampled(model)) return model;
    throw new Error(`--optimizer ${d.name} needs an objective with samples: refuse it first (refuseUnmet)`);
  };
  return {
    ...d,
    createStep: (model, p, rng, draw) => d.createStep(sampled(model), p, rng, draw),
    defaultRate: (model, p, c) => d.defaultRate(sampled(model), p, c),
    stableRate: (model, p, c) => d.stableRate(sampled(model), p, c),
  };
}

/** Sample indices in a shuffled order, reshuffled at the start of every epoch; each one handed out is told to `draw`. */
export function epochOrder(n: number, rng: Rng, shuffle: (n: number, rng: Rng, out: Uint32Array) => void, draw?: Draw): () => number {
  const order = new Uint32Array(n);
  let pos = n;
  return () => {
    if (pos === n) {
      shuffle(n, rng, order);
      pos = 0;
    }
    const i = order[pos++];
    draw?.(i);
    return i;
  };
}
