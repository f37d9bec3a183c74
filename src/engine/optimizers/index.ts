/** The optimizer registry: one line per optimizer. Order is the order --help and messages list them in. */
import { adagrad } from './adagrad';
import { adam } from './adam';
import type { OptimizerDescriptor } from './descriptor';
import { gd } from './gd';
import { minibatch } from './minibatch';
import { momentum } from './momentum';
import { nesterov } from './nesterov';
import { rmsprop } from './rmsprop';
import { sgd } from './sgd';

export const OPTIMIZER_REGISTRY = { gd, sgd, minibatch, momentum, nesterov, adagrad, rmsprop, adam } satisfies Record<
  string,
  OptimizerDescriptor
>;
export type OptimizerName = keyof typeof OPTIMIZER_REGISTRY;
export const OPTIMIZERS = Object.keys(OPTIMIZER_REGISTRY) as OptimizerName[];

export function optimizerOf(name: OptimizerName): OptimizerDescriptor {
  return OPTIMIZER_REGISTRY[name];
}

export type { OptimizerDescriptor, OptimizerParams, HyperParam, Step, RateContext, Draw, Sampling } from './descriptor';
