/**
 * The layers of the 3-D panel, bottom to top: the mesh with its box and labels (once with a still camera,
 * else every frame), the heading row (static), then every frame, each inside the panel's area, the paths,
 * the starts, the known points, the current points, the names of the points reached and the notices.
 * A layer is a file and a line here.
 */
import type { SceneLayer } from './context';
import { current } from './current';
import { heading } from './heading';
import { landmarks } from './landmarks';
import { mesh } from './mesh';
import { notices } from './notices';
import { paths } from './paths';
import { reachedNames } from './reachedNames';
import { starts } from './starts';

export const SCENE_LAYERS: readonly SceneLayer[] = [mesh, heading, paths, starts, landmarks, current, reachedNames, notices];
