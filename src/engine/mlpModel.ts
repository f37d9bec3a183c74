import { planeLoss, type ModelDescriptor } from './model';
import { glorotInit, gridPredictor, startAtMean, layerSizes, mlpObjective, mlpPredictor, mlpWeightNames, weightCount, type Activation, type MlpShape } from './mlp';
import type { Objective, SampledObjective, Weights } from './objective';
import type { Reparametrization } from './reparametrization';
import { columnScalings, type Scaling } from './standardize';

/** `mlvis mlp`'s defaults: one hidden layer of 8 tanh units (TensorFlow Playground's first lesson). */
export const DEFAULT_HIDDEN: readonly number[] = [8];
export const DEFAULT_ACTIVATION: Activation = 'tanh';

export interface MlpFit {
  shape: MlpShape;
  /** The loss on other rows (a --holdout test set) at reported weights, inputs standardized as the training rows'. */
  lossOn(columns: readonly Float64Array[], y: Float64Array): (w: ArrayLike<number>) => number;
  trained: SampledObjective;
  reported: Objective;
  reparametrization: Reparametrization;
  /** The seeded Glorot start, in the trained coordinates. */
  start: Float64Array;
}

/**
 * A network on the data's feature columns. Trained, always, on standardized inputs zⱼ = (xⱼ − meanⱼ)/stdⱼ
 * (Glorot's start assumes inputs of unit size); reported in the data's units: only the first layer changes,
 * W1ᵢⱼ = V1ᵢⱼ/stdⱼ and b1ᵢ = c1ᵢ − Σⱼ W1ᵢⱼ·meanⱼ, which is exact (the same outputs for the same rows).
 */
export function mlpFit(columns: readonly Float64Array[], y: Float64Array, hidden: readonly number[], activation: Activation, task: 'classes' | 'values', seed: string, columnNames: readonly string[] = columns.map((_, j) => `x${j + 1}`)): MlpFit {
  const shape: MlpShape = { inputs: columns.length, hidden, activation, task };
  const stats = columnScalings(columns);
  const z = columns.map((x, j) => Float64Array.from(x, (v) => (v - stats[j].mean) / (stats[j].std || 1)));
  const start = startAtMean(shape, glorotInit(shape, seed), y);
  const trained = mlpObjective(shape, z, y, start);
  const maps = firstLayerMaps(shape, stats);
  const dim = trained.dim;
  const v = new Float64Array(dim);
  const gv = new Float64Array(dim);
  const reported: Objective = {
    ...trained,
    x: columns[0],
    loss: (w) => trained.loss(maps.toTrained(w, v)),
    gradient(w, out) {
      trained.gradient(maps.toTrained(w, v), gv);
      maps.pullBack(gv, out);
    },
    referenceWeights: () => maps.toReported(start),
  } as Objective;
  return {
    shape,
    lossOn(other, yOther) {
      const zOther = other.map((x, j) => Float64Array.from(x, (v) => (v - stats[j].mean) / (stats[j].std || 1)));
      const test = mlpObjective(shape, zOther, yOther, start);
      const at = new Float64Array(dim);
      return (w) => test.loss(maps.toTrained(w, at));
    },
    trained,
    reported,
    start,
    reparametrization: {
      trained,
      toTrained: maps.toTrained,
      toReported: maps.toReported,
      summary: { standardization: { columns: stats.map((s, j) => ({ column: columnNames[j], mean: s.mean, std: s.std })) } },
    },
  };
}

/** The first layer's change of units between standardized inputs (v) and the data's (w), and the gradient's pull-back. */
function firstLayerMaps(shape: MlpShape, stats: readonly Scaling[]) {
  const nIn = shape.inputs;
  const units = layerSizes(shape)[1];
  const dim = weightCount(shape);
  const std = stats.map((s) => s.std || 1);
  const mean = stats.map((s) => s.mean);
  const bias = units * nIn;
  return {
    toReported(v: Weights, out = new Float64Array(dim)): Float64Array {
      for (let k = 0; k < dim; k++) out[k] = v[k];
      for (let i = 0; i < units; i++) {
        let b = v[bias + i];
        for (let j = 0; j < nIn; j++) {
          const w = v[i * nIn + j] / std[j];
          out[i * nIn + j] = w;
          b -= w * mean[j];
        }
        out[bias + i] = b;
      }
      return out;
    },
    toTrained(w: Weights, out = new Float64Array(dim)): Float64Array {
      for (let k = 0; k < dim; k++) out[k] = w[k];
      for (let i = 0; i < units; i++) {
        let b = w[bias + i];
        for (let j = 0; j < nIn; j++) {
          b += w[i * nIn + j] * mean[j];
          out[i * nIn + j] = w[i * nIn + j] * std[j];
        }
        out[bias + i] = b;
      }
      return out;
    },
    /** ∂L/∂w from ∂L/∂v: Jᵀ·g with v_W = w_W·std, v_b = w_b + Σ w_W·mean. */
    pullBack(g: Float64Array, out: Float64Array): void {
      out.set(g);
      for (let i = 0; i < units; i++) for (let j = 0; j < nIn; j++) out[i * nIn + j] = g[i * nIn + j] * std[j] + g[bias + i] * mean[j];
    },
  };
}

/**
 * The weights' filters, for a filter-normalized random plane (Li et al. 2018): each unit's incoming weights,
 * a row of its layer's matrix (the biases belong to none: the plane leaves them out, as their code does).
 */
export function mlpFilters(shape: MlpShape): number[][] {
  const s = layerSizes(shape);
  const out: number[][] = [];
  let o = 0;
  for (let l = 1; l < s.length; l++) {
    for (let i = 0; i < s[l]; i++) out.push(Array.from({ length: s[l - 1] }, (_, j) => o + i * s[l - 1] + j));
    o += s[l] * (s[l - 1] + 1);
  }
  return out;
}

/** A network as the rest of mlvis sees it: its weights by name, and its prediction for the fit panel. */
export function mlpOf(shape: MlpShape, featureNames: readonly string[]): ModelDescriptor {
  const predict = mlpPredictor(shape);
  const two = featureNames.length === 2 ? (featureNames as readonly [string, string]) : undefined;
  const point = new Float64Array(2);
  const one = new Float64Array(1);
  const hidden = shape.hidden.join(',');
  const names = mlpWeightNames(shape);
  return {
    recipe: { of: 'mlp', args: [{ inputs: shape.inputs, hidden: [...shape.hidden], activation: shape.activation, task: shape.task }, [...featureNames]] },
    name: 'mlp',
    title: `Network ${shape.inputs}-${shape.hidden.join('-')}-1, ${shape.activation}`,
    short: `MLP ${hidden} ${shape.activation}`,
    summary: 'animate gradient descent on a small neural network (--hidden 8[,8], --activation tanh|relu|sigmoid)',
    lossName: shape.task === 'classes' ? 'cross-entropy' : 'mean squared error',
    lossShort: shape.task === 'classes' ? 'cross-entropy' : 'MSE',
    weightNames: names,
    weightLabels: names,
    // The plane is cut in the weights the optimizers move: the first layer's on standardized inputs.
    standardizedWeightLabels: names.map((name, k) => (k < layerSizes(shape)[1] * (shape.inputs + 1) ? `${name}, inputs standardized` : name)),
    trivialName: shape.task === 'classes' ? "predicting the classes' shares" : 'predicting the mean of y',
    target: shape.task,
    weightFilters: mlpFilters(shape),
    predictCost: shape.hidden.reduce((t, u, l) => t + u + (l > 0 ? (u * shape.hidden[l - 1]) / 4 : 0), 0),
    curved: true,
    ...(two
      ? {
          twoFeatures: two,
          predictGrid: gridPredictor(shape),
          predict2: (w: Weights, x1: number, x2: number) => {
            point[0] = x1;
            point[1] = x2;
            return predict(w, point);
          },
        }
      : { curve: true }),
    predict: (w, x) => {
      one[0] = x;
      return predict(w, one);
    },
    create: () => {
      throw new Error('built by mlpFit');
    },
    surfaceLoss: (objective: Objective) => planeLoss(objective),
  };
}

/** The command's descriptor (its name and help), before the data fixes the network's inputs. */
export const mlp: ModelDescriptor = mlpOf({ inputs: 2, hidden: DEFAULT_HIDDEN, activation: DEFAULT_ACTIVATION, task: 'classes' }, ['x1', 'x2']);
