/**
 * mlvis's errors module as the page's bundle sees it: the page only ever meets an error the run already
 * refused (an expression that does not parse), so the message catalogue (37 kB of text) stays out and a
 * message names the check that failed.
 */
export class MlvisError extends Error {}

export function usageError(message: string): MlvisError {
  return new MlvisError(message);
}

export function runError(message: string): MlvisError {
  return new MlvisError(message);
}

export const messages = new Proxy({} as Record<string, (...a: unknown[]) => string>, {
  get: (_, name) => (...a: unknown[]) => `${String(name)}(${a.map((x) => JSON.stringify(x)).join(', ')})`,
});
