import type { Landmark, Point, Scene, Trajectory } from '../../types';
import { landmarksOf } from './landmarks';

/** What the surface panel draws: each series' path, the minimum and the axis names, in the surface's units. */
export interface SurfaceView {
  paths: Trajectory[];
  /** Each series' --reference-path, where it has one. */
  references: (Trajectory | undefined)[];
  optimum: Point | null;
  weightLabels: readonly string[];
  /** The heading's note on the units, or '' in the data's units. */
  note: string;
  /** Both axes in one unit (standardized weights): the plot is square and so is the grid's window. */
  equalAspect: boolean;
  /** The points marked: a landscape's minima and saddles, else the optimum as the one minimum. */
  landmarks: Landmark[];
}

/** The data's units, or the standardized weights the descent ran in (see Scene.standardized). */
export function surfaceView(scene: Scene): SurfaceView {
  const s = scene.standardized;
  // Small multiples keep their cells' shape, so the grid's window is not square either (see buildScene).
  if (s) return { paths: s.paths, references: s.references, optimum: s.optimum, weightLabels: s.weightLabels, note: 'standardized x', equalAspect: scene.layout === 'overlay', landmarks: landmarksOf(undefined, s.optimum) };
  return { paths: scene.series.map((x) => x.trajectory), references: scene.series.map((x) => x.reference), optimum: scene.optimum, weightLabels: scene.model.weightLabels, note: '', equalAspect: false, landmarks: landmarksOf(scene.landmarks, scene.optimum) };
}
