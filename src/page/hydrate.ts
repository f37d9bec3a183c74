/**
 * A page's scene made whole again: the model descriptor's and the fit's functions are the registry's own
 * (linear, logistic, the test functions' descriptor), which the page bundles; and the loss under the pointer
 * is the engine's, on the scene's rows or the landscape's function. Pure: runs in Node and in the browser.
 */
import { compileExpr } from '../engine/expr';
import { functionOf } from '../engine/functions';
import { landscapes } from '../engine/landscapes';
import { linear } from '../engine/linear';
import { logistic } from '../engine/logistic';
import type { ModelDescriptor, ModelRecipe } from '../engine/model';
import { fitOfDescriptor } from '../pipeline/fit';
import type { Recipes } from './recipes';
import type { Objective } from '../engine/objective';
import type { Differentiable } from '../engine/objective';
import type { Scene } from '../types';

/** The registry's descriptors a page bundles, by name; a run's own descriptors come from their recipes. */
export const PAGE_MODELS: Record<string, ModelDescriptor> = { linear, logistic, function: landscapes };

/** The factories of the recipes this bundle carries (src/page/recipes.ts): none in the default page's script. */
let recipes: Partial<Recipes> = {};
export function useRecipes(r: Partial<Recipes>): void {
  recipes = r;
}

/**
 * Why a scene cannot be written as a page, or null when it can: its model is one of PAGE_MODELS as the
 * registry has it, or has a recipe; and it has one surface (not --compare-standardize's two).
 */
export function pageRefusal(scene: Scene): string | null {
  const name = scene.model.name;
  if (!scene.model.recipe && scene.model !== PAGE_MODELS[name] && name !== 'function') return `mlvis ${name}`;
  return null;
}

/**
 * Whether a scene needs the larger script, page-all.js.gz: the recipes' factories, the 3-D view or the
 * starts' renderer, which the default page's script leaves out (src/build/pageBundle.ts).
 */
export function needsRecipes(scene: Scene): boolean {
  return scene.model.recipe !== undefined || scene.view === '3d' || scene.starts !== undefined;
}

/** Every recipe mlvis writes (ModelRecipe['of']). */
const RECIPE_NAMES: readonly string[] = ['poly', 'linearFeatures', 'logisticFeatures', 'mlp', 'softmax'] satisfies readonly ModelRecipe['of'][];

/** An error about data that is not what mlvis writes (edited, cut, or from elsewhere). */
function damaged(what: string): Error {
  return new Error(`the data is damaged: ${what}`);
}

const whole = (v: unknown, lo: number, hi: number) => typeof v === 'number' && Number.isInteger(v) && v >= lo && v <= hi;
const names = (v: unknown, lo: number, hi: number) => Array.isArray(v) && v.length >= lo && v.length <= hi && v.every((x) => typeof x === 'string');

/**
 * Whether a recipe's arguments are ones mlvis writes, within the command's own limits (a network of at most
 * three layers of 64 units, a degree of at most 12, 2 to 16 columns, 2 to 8 classes): an edited file must
 * not make the page build a network of a billion weights.
 */
function recipeFits(r: ModelRecipe): boolean {
  const a = r.args as readonly unknown[];
  if (!Array.isArray(a)) return false;
  switch (r.of) {
    case 'poly':
      return whole(a[0], 1, 12) && typeof a[1] === 'number' && Number.isFinite(a[1]);
    case 'linearFeatures':
    case 'logisticFeatures':
      return names(a[0], 2, 16);
    case 'mlp': {
      const s = a[0] as { inputs?: unknown; hidden?: unknown; activation?: unknown; task?: unknown } | null;
      return (
        s !== null && typeof s === 'object' && whole(s.inputs, 1, 2) && Array.isArray(s.hidden) && s.hidden.length >= 1 && s.hidden.length <= 3 &&
        s.hidden.every((h) => whole(h, 1, 64)) && ['tanh', 'relu', 'sigmoid'].includes(s.activation as string) && ['classes', 'values'].includes(s.task as string) && names(a[1], 1, 2)
      );
    }
    case 'softmax':
      return names(a[0], 2, 2) && names(a[1], 2, 8);
    default:
      return false;
  }
}

/** The descriptor the page's data names: its recipe made again, or the registry's own. */
function descriptorOf(data: { name: string; recipe?: ModelRecipe }): ModelDescriptor {
  if (data.recipe) {
    const r = data.recipe;
    if (typeof r !== 'object' || !RECIPE_NAMES.includes(r.of)) throw damaged(`its model's recipe ${JSON.stringify(r?.of)} is none of mlvis's`);
    if (!Object.prototype.hasOwnProperty.call(recipes, r.of)) throw new Error(`this player cannot draw ${data.name} (its recipe ${r.of} is not in this bundle)`);
    if (!recipeFits(r)) throw damaged(`its ${r.of} recipe's arguments are not ones mlvis writes`);
    return (recipes[r.of] as (...a: unknown[]) => ModelDescriptor)(...r.args);
  }
  const d = PAGE_MODELS[data.name];
  if (!d) throw new Error(`this page's model, ${data.name}, is not one the player knows`);
  return d;
}

/** The scene with its functions back (see codec.ts's sceneForPage for what was left out). */
export function hydrateScene(raw: Record<string, unknown>): Scene {
  const data = raw.model as { name: string; recipe?: ModelRecipe } | undefined;
  if (!data || typeof data !== 'object' || typeof data.name !== 'string') throw damaged('it names no model');
  const d = descriptorOf(data);
  const model = { ...d, ...data } as ModelDescriptor;
  const scene = { ...(raw as unknown as Scene), model, fit: fitOfDescriptor(model) };
  // Every series' trajectory has a column per weight of the model, of one length with its losses.
  const k = d.weightNames.length;
  const series = (scene.series ?? []) as Scene['series'];
  if (!Array.isArray(series)) throw damaged('its series are missing');
  for (const s of series) {
    const t = s?.trajectory;
    if (!t || !Array.isArray(t.w) || t.w.length !== k || !(t.loss instanceof Float64Array) || t.w.some((c) => !(c instanceof Float64Array) || c.length !== t.loss.length)) {
      throw damaged(`a series' weights are not the ${k} of its ${data.name} model`);
    }
  }
  return scene;
}

/**
 * The weights at the plane's point (u, v) (the data's units), and the loss there as the engine computes it,
 * or null where the page cannot compute it (a network's, softmax's or feature columns' loss: their fits
 * build it from the inputs).
 */
export type PlaneLoss = (u: number, v: number) => { w: number[]; loss: number | null };

/** The engine's loss over the scene's plane: the landscape's function, or the model's loss on the scene's rows. */
export function planeLossOf(scene: Scene): PlaneLoss | null {
  const plane = scene.plane;
  if (!plane) return null;
  const objective = objectiveOf(scene);
  return (u, v) => {
    const w = plane.origin.map((o, k) => o + u * plane.du[k] + v * plane.dv[k]);
    return { w, loss: objective ? objective.loss(w) : null };
  };
}

function objectiveOf(scene: Scene): Pick<Objective, 'loss'> | Differentiable | null {
  const l = scene.plane?.landscape;
  if (l) return 'expr' in l ? compileExpr(l.expr) : functionOf(l.name).create(l.params);
  const { x, y } = scene.data;
  // The loss on the rows, where the descriptor makes it from x and y (not on feature columns, nor a network's
  // or softmax's inputs, which their fits build): there the pointer reads the weights only.
  const fromRows = !scene.model.recipe || scene.model.recipe.of === 'poly';
  if (!x || !y || !fromRows || scene.data.features) return null;
  return scene.model.create(x, y);
}
