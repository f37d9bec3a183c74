/**
 * The engine stays pure: data in, descents out. Threads, files and the process belong to the callers that
 * set a problem up (src/index.ts injects src/parallel's passes through ProblemConfig.sums).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const ENGINE = join(__dirname, '..', '..', 'src', 'engine');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

describe('src/engine', () => {
  it.each(sources(ENGINE).map((f) => [relative(ENGINE, f), f]))('%s imports only mlvis modules and touches no thread, file or process', (_name, file) => {
    const text = readFileSync(file, 'utf8');
    const imports = [...text.matchAll(/(?:from|import|require\()\s*['"]([^'"]+)['"]/g)].map((m) => m[1]);
    for (const i of imports) expect(i.startsWith('.') ? i : `package ${i}`).toMatch(/^\./);
    const code = text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    expect(code).not.toMatch(/\b(process|Atomics|SharedArrayBuffer|Worker|require)\b/);
  });
});
