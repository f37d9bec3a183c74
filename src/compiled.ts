import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

/**
 * The compiled JavaScript of a module beside the caller (`dir`, its __dirname) for a worker to run: the file
 * itself when running from dist/, else its twin in dist/ (the tests run the TypeScript sources, and a
 * worker thread or process needs JavaScript). Null when neither exists (dist/ not built).
 */
export function compiledScript(dir: string, file: string): string | null {
  const beside = join(dir, file);
  if (existsSync(beside)) return beside;
  const root = resolve(__dirname, '..');
  const built = join(root, 'dist', relative(join(root, 'src'), dir), file);
  return existsSync(built) ? built : null;
}
