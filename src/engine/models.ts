/** The model registry: one line per model. */
import { landscapes } from './landscapes';
import { linear } from './linear';
import { logistic } from './logistic';
import { polynomial } from './polynomial';
import { mlp } from './mlpModel';
import { softmax } from './softmax';
import type { ModelDescriptor } from './model';

export const MODEL_REGISTRY = { linear, logistic, poly: polynomial, mlp, softmax, function: landscapes } satisfies Record<string, ModelDescriptor>;
export type ModelName = keyof typeof MODEL_REGISTRY;
export const MODELS = Object.keys(MODEL_REGISTRY) as ModelName[];

export function modelOf(name: ModelName): ModelDescriptor {
  return MODEL_REGISTRY[name];
}
