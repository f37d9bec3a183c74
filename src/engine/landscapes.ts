import { planeLoss, type ModelDescriptor } from './model';

/**
 * The `function` command's entry in the model registry: a landscape has no data, and its own descriptor
 * (landscapeDescriptor) names it once the run knows which one it is.
 */
export const landscapes: ModelDescriptor = {
  name: 'function',
  title: 'Test function',
  short: 'Function',
  summary: 'descend a classic test function (mlvis functions lists them) or --expr "EXPR" in x and y',
  lossName: 'f(x, y)',
  lossShort: 'f',
  weightNames: ['x', 'y'],
  weightLabels: ['x', 'y'],
  standardizedWeightLabels: ['x', 'y'],
  trivialName: 'the highest point of the domain',
  target: 'values',
  create: () => {
    throw new Error('a landscape is not built from data');
  },
  predict: () => NaN,
  surfaceLoss: (model) => planeLoss(model),
};
