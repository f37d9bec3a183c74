import { startPage } from './player';

/** Starts the page's player; a failure is said in the page, where the frame would be. */
export function runPage(): void {
  startPage().catch((e: Error) => {
    const root = document.getElementById('mlvis');
    if (root) root.textContent = `mlvis: this page could not start: ${e.message}`;
    console.error(e);
  });
}
