/**
 * A seeded, bounded property test of the command line, in-process: random argument lists (valid and invalid
 * values for the options, unknown flags, missing values, odd sizes, conflicting flags) over random CSV files
 * (random bytes, ragged rows, unclosed quotes, header only, one row, constant x, ±Infinity, 1e308, empty, a
 * very long line, UTF-16). Every case ends with exit code 0, 1 or 2, no stack trace, no temporary file, and
 * an existing output left byte-identical when the run fails.
 */
import fc from 'fast-check';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mlvisInProcess } from '../helpers/cli';

const dir = mkdtempSync(join(tmpdir(), 'mlvis-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const csvText = fc.oneof(
  fc.constant(''),
  fc.constant('x,y\n'),
  fc.constant('x,y\n1,2\n'),
  fc.constant('x,y\n3,1\n3,2\n3,5\n'),
  fc.constant('x,y\n1,Infinity\n2,-Infinity\n3,1e308\n4,1e308\n'),
  fc.constant('x,y\n1,2\n2,"4\n3,5\n'),
  fc.constant('a,b,c\n1,2\n3\n4,5,6,7\n8,9,10\n'),
  fc.constant(`x,y\n${'9'.repeat(100_000)},1\n2,3\n`),
  fc.constant(Buffer.from('\ufeffx,y\n1,2\n2,4\n', 'utf16le').toString('latin1')),
  fc.array(fc.tuple(fc.double({ noNaN: false }), fc.double()), { maxLength: 30 }).map((rows) => `x,y\n${rows.map(([a, b]) => `${a},${b}`).join('\n')}\n`),
  fc.array(fc.tuple(fc.integer({ min: -5, max: 5 }), fc.constantFrom('0', '1', 'yes', 'no', 'NA', '')), { maxLength: 30 }).map((rows) => `x,label\n${rows.map(([a, b]) => `${a},${b}`).join('\n')}\n`),
  fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b).toString('latin1')),
);

const number = fc.constantFrom('0', '1', '2', '-1', '0.5', '1e308', '-0', 'NaN', 'Infinity', '0x10', 'abc', '', '3,4', '1,,2');
const flags: [string, fc.Arbitrary<string>][] = [
  ['--iters', fc.constantFrom('0', '1', '5', '40', '-3', '2.5', 'many', '')],
  ['--frames', fc.constantFrom('2', '3', '1', '0', 'x', '100001')],
  ['--every', number],
  ['--lr', fc.constantFrom('0.1', '0.01,0.1', 'gd=0.1', 'adam=0.05,gd=0.1', '-1', '0', '1e9', 'x', ',', 'gd=', '1e308')],
  ['--optimizer', fc.constantFrom('gd', 'sgd', 'minibatch', 'momentum', 'adam', 'gd,adam', 'gd,gd', 'lbfgs', '', ',')],
  ['--momentum', fc.constantFrom('0.5', '0.1,0.9', '1', '-0.1', 'x')],
  ['--batch-size', fc.constantFrom('1', '4', '2,3', '0', '1e9', 'x')],
  ['--beta1', number],
  ['--beta2', number],
  ['--eps', number],
  ['--init', fc.constantFrom('0,0', '-2,5', '1', '1,2,3', 'a,b', '1e308,1e308')],
  ['--size', fc.constantFrom('160x120', '320x200', '321x161', '100x100', '8x8', 'big', '0x0', '160X120')],
  ['--panels', fc.constantFrom('surface', 'fit', 'loss', 'surface,fit,loss', 'fit,fit', '', 'nope')],
  ['--theme', fc.constantFrom('light', 'dark', 'pink')],
  ['--sample', fc.constantFrom('uniform', 'log', 'adaptive', 'random')],
  ['--fps', number],
  ['--hold', number],
  ['--loop', number],
  ['--frame', fc.constantFrom('0', 'last', '0,last', '5', '-1', 'first', '0,,1')],
  ['--layout', fc.constantFrom('files', 'overlay', 'grid', 'stack')],
  ['--x', fc.constantFrom('x', 'a', 'nope', '')],
  ['--y', fc.constantFrom('y', 'label', 'b', 'nope')],
  ['--positive', fc.constantFrom('1', 'yes', 'nope')],
  ['--points', number],
  ['--noise', number],
  ['--seed', fc.constantFrom('a', '', '1')],
  ['--format', fc.constantFrom('gif', 'png', 'avi')],
  ['--bogus', fc.constantFrom('1')],
];
const switches = fc.subarray(['--standardize', '--no-standardize', '--trajectory', '--manifest', '--poster', '--quiet', '--unknown-switch']);
const option = fc.constantFrom(...flags.map((_, i) => i)).chain((i) => flags[i][1].map((v) => [flags[i][0], v]));
const output = fc.constantFrom('out.gif', 'out.png', 'keep.gif', 'frames/%02d.png', 'out.txt', '-', 'sub/dir/out.gif');

describe('the command line under random input', () => {
  it('always ends with 0, 1 or 2, one clean message, no temporary file, and failed runs leave files as they were', async () => {
    let n = 0;
    const codes = new Map<number | null, number>();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('linear', 'logistic', 'frobnicate'), csvText, fc.boolean(), fc.array(option, { maxLength: 6 }), switches, fc.option(output), async (model, csv, useCsv, opts, sw, out) => {
        const work = join(dir, `case-${n++}`);
        rmSync(work, { recursive: true, force: true });
        mkdirSync(work);
        writeFileSync(join(work, 'data.csv'), csv, 'latin1');
        writeFileSync(join(work, 'keep.gif'), 'old');
        const args = [model, ...(useCsv ? ['--data', 'data.csv'] : []), ...opts.flat(), ...sw, ...(out ? ['--out', out, ...(out === '-' ? ['--format', 'png'] : [])] : ['--summary', 'summary.json'])];
        // Bound the work: no case may train or draw for long (argument order lets the last one win).
        const r = await mlvisInProcess([...args, '--iters', '40', '--frames', '3', '--size', '480x160'], { cwd: work });
        codes.set(r.code, (codes.get(r.code) ?? 0) + 1);
        expect([0, 1, 2]).toContain(r.code);
        expect(r.stderr).not.toMatch(/\n\s+at |unexpected error/);
        const files = readdirSync(work, { recursive: true }) as string[];
        expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
        if (r.code !== 0) expect(readFileSync(join(work, 'keep.gif'), 'utf8')).toBe('old');
        if (r.code !== 0) expect(existsSync(join(work, 'summary.json'))).toBe(false);
        rmSync(work, { recursive: true, force: true });
      }),
      { seed: 20261128, numRuns: 300, endOnFailure: true },
    );
    // The cases reach every outcome, so the property is not passing on usage errors alone.
    for (const code of [0, 1, 2]) expect(codes.get(code) ?? 0).toBeGreaterThan(5);
  });
});
