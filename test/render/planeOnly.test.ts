/**
 * The renderer sees the surface in plane coordinates only (Scene.surface, made by the pipeline's views):
 * no weight by index, no weight ranges, no model to evaluate, no scaling. What it may take from the engine
 * is named here, with the reason.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const RENDER = join(__dirname, '..', '..', 'src', 'render');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

/** Engine modules the renderer may import: which samples an update used is a pure function of the log. */
const ENGINE_ALLOWED = ['engine/samples'];

describe('src/render', () => {
  it.each(sources(RENDER).map((f) => [relative(RENDER, f), f]))('%s reads plane coordinates, not weights, models or scalings', (_name, file) => {
    const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    expect(code).not.toMatch(/\bw\[[01]\]|\bw[01]Range\b|\bscaling\b|\bScaling\b|\bstandardized\b|\btrainModel\b|\bdataModel\b|\.create\(/);
    const engine = [...code.matchAll(/(?:from|import|require\()\s*['"]([^'"]+)['"]/g)].map((m) => m[1]).filter((i) => /(^|\/)engine(\/|$)/.test(i));
    for (const i of engine) expect(ENGINE_ALLOWED.some((a) => i.endsWith(a)) ? 'allowed' : i).toBe('allowed');
  });
});
