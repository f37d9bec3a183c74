import { weightPlane, type PlaneLoss, type PlanePoint, type Problem } from '../engine';
import type { Point } from '../types';
import { mappedView, pairView, type View } from './view';

/** A problem's surface: the view its panel draws through, the loss over that plane, and how to title it. */
export interface ProblemView {
  view: View;
  loss: PlaneLoss;
  /** The heading's note on the plane's units, or '' when the plane is the reported weights. */
  note: string;
  /** The plane's axes share a unit (the weights the optimizers moved on standardized x): drawn square. */
  sameUnits: boolean;
}

/**
 * The view of a problem of two weights: its weights themselves, or on standardized x the weights the
 * optimizers moved (the paths, recorded in the data's units, go through the change of variable; the loss is
 * the trained model's, sampled directly in those weights).
 */
export function problemView(problem: Problem): ProblemView {
  const { descriptor, reparametrization: r } = problem;
  if (!r) {
    const [a, b] = descriptor.weightLabels;
    return { view: pairView(problem.init, 0, 1, [a, b]), loss: weightPlane(descriptor, problem.objective), note: '', sameUnits: false };
  }
  const [a, b] = descriptor.standardizedWeightLabels;
  const trained = pairView(problem.trainInit, 0, 1, [a, b]);
  const view = mappedView(trained, (w) => r.toTrained(w), (v) => r.toReported(v));
  return { view, loss: weightPlane(descriptor, problem.trained), note: 'standardized x', sameUnits: true };
}

/** A point of the weights (the optimum) in the plane, with its loss. */
export function planePoint(view: View, p: Point): PlanePoint {
  const [u, v] = view.toPlane(p.w);
  return { u, v, loss: p.loss };
}
