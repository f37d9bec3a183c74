/**
 * The factories that make a run's own model descriptors (ModelDescriptor.recipe): a page of a polynomial,
 * a regression on feature columns, a network or softmax rebuilds its descriptor with the same factory and
 * arguments. Kept out of the default page's script (page.js.gz, linear, logistic and the test functions,
 * whose descriptors are the registry's): a page that needs them gets page-all.js.gz.
 */
import { twoFeatureLogisticOf } from '../engine/featureLogistic';
import type { ModelDescriptor, ModelRecipe } from '../engine/model';
import { mlpOf } from '../engine/mlpModel';
import { polynomialOf } from '../engine/polynomial';
import { softmaxOf } from '../engine/softmax';
import { twoFeaturesOf } from '../engine/twoFeatures';

export type Recipes = { [K in ModelRecipe['of']]: (...args: never[]) => ModelDescriptor };

export const RECIPES: Recipes = {
  poly: polynomialOf as Recipes['poly'],
  linearFeatures: twoFeaturesOf as Recipes['linearFeatures'],
  logisticFeatures: twoFeatureLogisticOf as Recipes['logisticFeatures'],
  mlp: mlpOf as Recipes['mlp'],
  softmax: softmaxOf as Recipes['softmax'],
};
