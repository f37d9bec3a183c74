/** Jest's globalTeardown: removes the cache folder globalSetup made. */
import { rmSync } from 'node:fs';

export default function globalTeardown(): void {
  const cache = process.env.MLVIS_TEST_CACHE;
  if (cache) rmSync(cache, { recursive: true, force: true });
}
