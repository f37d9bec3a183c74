/** The HTML page's script: the player, started on the page's own data. */
import { startPage } from './player';

startPage().catch((e: Error) => {
  const root = document.getElementById('mlvis');
  if (root) root.textContent = `mlvis: this page could not start: ${e.message}`;
  console.error(e);
});
