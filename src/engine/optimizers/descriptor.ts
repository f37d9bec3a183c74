import type { Rng } from '../../random';
import type { Model } from '../model';

/** Hyper-parameters of every optimizer; each reads the ones it declares. */
export interface OptimizerParams {
  lr: number;
  batchSize: number;
  momentum: number;
  beta1: number;
  beta2: number;
  eps: number;
}

/** The hyper-parameters an optimizer may declare (the learning rate is everyone's). */
export type HyperParam = Exclude<keyof OptimizerParams, 'lr'>;

/** One update of the weight vector w in place; t counts updates from 1. */
export type Step = (w: Float64Array, t: number) => void;

/** Hears each sample index a stochastic step draws, in the order drawn (the sample log of train.ts). */
export type Draw = (index: number) => void;

/** How a stochastic optimizer samples the data. */
export interface Sampling {
  /** The samples one update draws from n. */
  batch(p: OptimizerParams, n: number): number;
  /** The rate of full-batch gd whose step is the mean of this optimizer's step over the samples (its reference path). */
  fullBatchRate(p: OptimizerParams, model: Model): number;
}

/** What the rate rules may look at besides the model. */
export interface RateContext {
  /** Starting weights in the units the optimizer sees. */
  init: ArrayLike<number>;
  /** Updates in the run. */
  iterations: number;
}

/**
 * Everything mlvis knows about one optimizer. A new optimizer is a file exporting one of these plus a line
 * in the registry (./index.ts); nothing else in mlvis switches on optimizer names.
 */
export interface OptimizerDescriptor {
  readonly name: string;
  /** For titles and legends: "gradient descent", and a short form for narrow frames and races. */
  readonly title: string;
  readonly short: string;
  /** The hyper-parameters it reads, besides the learning rate. */
  readonly params: readonly HyperParam[];
  /** Its own defaults where they differ from the shared ones (rmsprop's running mean decays with 0.9). */
  readonly defaults?: Partial<Record<HyperParam, number>>;
  /** It draws samples in a seeded order (sgd, minibatch): the seed changes its path even on fixed data. */
  readonly stochastic: boolean;
  /** Present for the stochastic ones: how many samples a step draws, and the full-batch rate it averages to. */
  readonly sampling?: Sampling;
  /** Plain gradient steps, so an ill-conditioned x slows it down (adaptive and momentum methods cope better). */
  readonly plain: boolean;
  /** Its step follows a running mean of past gradients (momentum, nesterov, adam): --arrows draws its last step too. */
  readonly velocity: boolean;
  /** `draw`, when given, hears every sample index the step uses; it must not change what the step does. */
  createStep(model: Model, p: OptimizerParams, rng: Rng, draw?: Draw): Step;
  /** The default learning rate for this problem (see rates.ts). */
  defaultRate(model: Model, p: OptimizerParams, c: RateContext): number;
  /** A rate below which it is stable on this problem (see rates.ts). */
  stableRate(model: Model, p: OptimizerParams, c: RateContext): number;
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
