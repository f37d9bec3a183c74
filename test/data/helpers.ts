import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { MlvisError } from '../../src/errors';

/** A temporary folder for one test file; call cleanup() in afterAll. */
export function tempDir(): { dir: string; file: (name: string, content: string | Uint8Array) => string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'mlvis-data-'));
  return {
    dir,
    file: (name, content) => {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Asserts that fn throws an MlvisError with exactly this message and exit code. */
export function expectError(fn: () => unknown, message: string, exitCode: 1 | 2 = 1): void {
  let thrown: unknown;
  try {
    fn();
  } catch (err) {
    thrown = err;
  }
  expect(thrown).toBeInstanceOf(MlvisError);
  expect((thrown as MlvisError).message).toBe(message);
  expect((thrown as MlvisError).exitCode).toBe(exitCode);
}
