import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The package's root folder. This module is the one place that knows where it sits: one level below the
 * root, as src/compiled.ts under the tests, dist/compiled.js when built, and inside dist/mlvis.cjs, the
 * bundle the command runs. Paths into the package are made from here, never from another module's
 * __dirname (which the bundle does not keep).
 */
export const PACKAGE_ROOT = resolve(__dirname, '..');

/**
 * The compiled JavaScript of a module, named by its path below src/ ('encode/gifWorker.js'), for a worker
 * thread or process to run: its file in dist/ (the tests run the TypeScript sources, and a worker needs
 * JavaScript). Null when dist/ is not built.
 */
export function compiledScript(path: string): string | null {
  const built = join(PACKAGE_ROOT, 'dist', path);
  return existsSync(built) ? built : null;
}
