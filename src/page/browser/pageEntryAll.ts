/** The script of a page whose model is made by a recipe (a polynomial, feature columns, a network, softmax). */
import { useRecipes } from '../hydrate';
import { RECIPES } from '../recipes';
import { runPage } from './pageStart';

useRecipes(RECIPES);
runPage();
