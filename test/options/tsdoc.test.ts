/**
 * Every field of the library's RunOptions carries TSDoc in the published declarations (dist/index.d.ts), so an
 * editor shows what a field means, its default and its flag. RunOptions is derived from the option table; the
 * mapped type keeps each table entry's comment, which this test reads back with the TypeScript compiler.
 */
import * as path from 'node:path';
import * as fs from 'node:fs';
import ts from 'typescript';
import { LIBRARY_KEYS } from '../../src/options/table';

const entry = path.join(__dirname, '../../dist/index.d.ts');

function runOptionsDocs(): Map<string, string> {
  const program = ts.createProgram([entry], { strict: true, noEmit: true, types: [] });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(entry)!;
  const symbol = checker.getExportsOfModule(checker.getSymbolAtLocation(source)!).find((s) => s.name === 'RunOptions');
  if (!symbol) throw new Error('dist/index.d.ts does not export RunOptions');
  const type = checker.getDeclaredTypeOfSymbol(checker.getAliasedSymbol(symbol));
  const docs = new Map<string, string>();
  for (const p of type.getProperties()) docs.set(p.name, ts.displayPartsToString(p.getDocumentationComment(checker)));
  return docs;
}

test('every RunOptions field in the published declarations has TSDoc naming what it is', () => {
  expect(fs.existsSync(entry)).toBe(true);
  const docs = runOptionsDocs();
  expect([...docs.keys()].sort()).toEqual([...LIBRARY_KEYS].sort());
  for (const [key, doc] of docs) {
    expect({ key, doc: doc.length > 30 }).toEqual({ key, doc: true });
  }
  expect(docs.get('iterations')).toMatch(/Default 1000\. Flag `--iters`/);
  expect(docs.get('width')).toMatch(/--size/);
});
