/** The optimizer registry: one line per optimizer. Order is the order --help and messages list them in. */
import { adagrad } from './adagrad';
import { adam } from './adam';
import { adamw } from './adamw';
import { amsgrad } from './amsgrad';
import { messages, usageError } from '../../errors';
import { isSampled, type Objective } from '../objective';
import type { OptimizerDescriptor } from './descriptor';
import { gd } from './gd';
import { lion } from './lion';
import { minibatch } from './minibatch';
import { momentum } from './momentum';
import { nadam } from './nadam';
import { nesterov } from './nesterov';
import { newton } from './newton';
import { rmsprop } from './rmsprop';
import { sgd } from './sgd';

export const OPTIMIZER_REGISTRY = { gd, sgd, minibatch, momentum, nesterov, adagrad, rmsprop, adam, adamw, nadam, amsgrad, lion, newton } satisfies Record<
  string,
  OptimizerDescriptor
>;
export type OptimizerName = keyof typeof OPTIMIZER_REGISTRY;
export const OPTIMIZERS = Object.keys(OPTIMIZER_REGISTRY) as OptimizerName[];

export function optimizerOf(name: OptimizerName): OptimizerDescriptor {
  return OPTIMIZER_REGISTRY[name];
}

/**
 * Throws the usage error for an optimizer that needs what the objective does not give (its descriptor's
 * `needs`): samples to draw (sgd, minibatch on a function), or an exact Hessian (Newton's method).
 */
export function refuseUnmet(o: OptimizerDescriptor, objective: Objective): void {
  if (o.needs === 'samples' && !isSampled(objective)) {
    throw usageError(messages.noSamples(o.name, OPTIMIZERS.filter((n) => OPTIMIZER_REGISTRY[n].needs !== 'samples')));
  }
  if (o.needs === 'hessian' && !objective.hessian) throw usageError(messages.needsHessian(o.name));
}

export { paramsFor, defineOptimizer } from './descriptor';
export type { OptimizerDescriptor, OptimizerDefinition, OptimizerParams, Params, HyperParam, HyperValues, Step, RateContext, Draw, Sampling } from './descriptor';
export { HYPER_PARAMS, HYPER_PARAM_NAMES, type HyperParamSpec, type Range } from './hyperParams';
