/**
 * The player for docs sites (dist/page/player.js, `import 'mlvis/player'`): <mlvis-player src="run.json">,
 * able to draw every model a page can (the recipes' factories included), the font's faces inline.
 */
import { useRecipes } from '../hydrate';
import { RECIPES } from '../recipes';

useRecipes(RECIPES);
export { MlvisPlayerElement, mount, sceneOf, type PlayerHandle } from './player';
