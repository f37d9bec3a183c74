/** The default page's script: the player on the page's own data (linear, logistic and the test functions). */
import { runPage } from './pageStart';

runPage();
