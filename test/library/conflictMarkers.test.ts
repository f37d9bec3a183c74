/**
 * No merge left its conflict markers behind: the README once showed a newcomer both sides of one (a file
 * with markers in src/ fails to compile, but the README and the data files would not).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const TEXT = /\.(md|ts|js|json|py|csv|txt|sh)$/;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.git')) return [];
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : TEXT.test(name) ? [path] : [];
  });
}

test('no file of the project holds a conflict marker', () => {
  const marked = [join(ROOT, 'README.md'), join(ROOT, 'NOTICE.md'), join(ROOT, 'package.json'), ...['src', 'test', 'bench', 'bin', 'output', 'datasets', '.ci'].flatMap((d) => files(join(ROOT, d)))]
    .filter((f) => /^(<{7} |>{7} |={7}$)/m.test(readFileSync(f, 'utf8')));
  expect(marked).toEqual([]);
});
