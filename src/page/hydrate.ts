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
import type { ModelDescriptor } from '../engine/model';
import type { Objective } from '../engine/objective';
import type { Differentiable } from '../engine/objective';
import type { Scene } from '../types';

/** The models a page can show: their descriptors, by name, as the page bundles them. */
export const PAGE_MODELS: Record<string, ModelDescriptor> = { linear, logistic, function: landscapes };

/**
 * Why a scene cannot be written as a page, or null when it can: its model must be one of PAGE_MODELS as the
 * registry has it (one feature column: the descriptor itself, not one made for the run's columns).
 */
export function pageRefusal(scene: Scene): string | null {
  const name = scene.model.name;
  const d = PAGE_MODELS[name];
  if (!d) return `mlvis ${name}`;
  if (name !== 'function' && scene.model !== d) return `mlvis ${name} on ${scene.fit.features ? 'several' : 'two'} feature columns`;
  if (scene.sides) return '--compare-standardize (two surfaces side by side)';
  if (!scene.plane || scene.plane.origin.length !== 2) return `mlvis ${name} with more than two weights`;
  return null;
}

/** The scene with its functions back (see codec.ts's sceneForPage for what was left out). */
export function hydrateScene(raw: Record<string, unknown>): Scene {
  const data = raw.model as { name: string };
  const d = PAGE_MODELS[data.name];
  if (!d) throw new Error(`this page's model, ${data.name}, is not one the player knows`);
  const model = { ...d, ...data } as ModelDescriptor;
  const fit = { ...(raw.fit as object), predict: d.predict } as Scene['fit'];
  return { ...(raw as unknown as Scene), model, fit };
}

/** The loss at the plane's point (u, v), as the engine computes it, and the weights there (the data's units). */
export type PlaneLoss = (u: number, v: number) => { w: number[]; loss: number };

/** The engine's loss over the scene's plane: the landscape's function, or the model's loss on the scene's rows. */
export function planeLossOf(scene: Scene): PlaneLoss | null {
  const plane = scene.plane;
  if (!plane) return null;
  const objective = objectiveOf(scene);
  if (!objective) return null;
  return (u, v) => {
    const w = plane.origin.map((o, k) => o + u * plane.du[k] + v * plane.dv[k]);
    return { w, loss: objective.loss(w) };
  };
}

function objectiveOf(scene: Scene): Pick<Objective, 'loss'> | Differentiable | null {
  const l = scene.plane?.landscape;
  if (l) return 'expr' in l ? compileExpr(l.expr) : functionOf(l.name).create(l.params);
  const { x, y } = scene.data;
  if (!x || !y) return null;
  return scene.model.create(x, y);
}
