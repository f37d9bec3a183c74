/**
 * Builds src/engine/wasm/kernelsWasm.ts from the .wat files beside it (npm run wasm; needs the dev dependency
 * wabt, WebAssembly's own text-format tools). Each kernel's .wat holds its loop for two rows (one f64x2), with
 * the shared exp and log1p of explog.wat; here its body is repeated for GROUPS pairs that run interleaved,
 * 2·GROUPS rows a step, and the two-row loop is kept for the rows left over. Each pair is one long chain of dependent operations (an exp, a log1p, four
 * divisions): on its own the processor waits on it, and four independent chains keep it busy. Measured on a
 * million rows: 15 ms a pass with one pair a step, 9.8 with two, 7.5 with four, 8.8 with six and 9.6 with
 * eight (registers run out); JavaScript's scalar loop, 12 to 18 ms.
 * The sums still take each row's terms in row order: the bits do not change with GROUPS.
 * The module is committed (as base64), so that building mlvis needs no WebAssembly tools;
 * test/engine/wasmPass.test.ts checks that it is what this script makes of the .wat.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');
const DIR = join(ROOT, 'src', 'engine', 'wasm');
const OUT = join(DIR, 'kernelsWasm.ts');
/** Pairs of rows interleaved per step (see the file comment). */
export const GROUPS = 4;

/** The top-level S-expressions of a piece of WAT, comment lines dropped. */
function statements(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (const line of text.split('\n')) {
    const code = line.replace(/;;.*/, '');
    if (depth === 0 && !code.trim()) continue;
    current += line + '\n';
    for (const ch of code) depth += ch === '(' ? 1 : ch === ')' ? -1 : 0;
    if (depth === 0) {
      out.push(current);
      current = '';
    }
  }
  return out;
}

/** Statements of explog.wat (all of them, or only exp's: those before ;; <log1p>), and the locals they set (all v128). */
function explog(fragment: string, expOnly: boolean): { text: string; locals: string[] } {
  const part = expOnly ? fragment.split(/^\s*;; <log1p>\s*$/m)[0] : fragment;
  const steps = statements(part.replace(/^\s*;;.*\n/gm, ''));
  return { text: steps.join(''), locals: [...new Set(steps.map((s) => /\(local\.set \$(\w+)/.exec(s)![1]))] };
}

/** A line of WAT adding one lane of `vector` to `sum`, with Neumaier's compensation in `comp` when given (as $neumaier). */
function addLane(vector: string, lane: number, sum: string, comp?: string): string {
  const v = `(f64x2.extract_lane ${lane} (local.get $${vector}))`;
  if (!comp) return `        (local.set $${sum} (f64.add (local.get $${sum}) ${v}))\n`;
  return `        (local.set $nv ${v})\n` +
    `        (local.set $nt (f64.add (local.get $${sum}) (local.get $nv)))\n` +
    `        (local.set $${comp} (f64.add (local.get $${comp}) (select (f64.add (f64.sub (local.get $${sum}) (local.get $nt)) (local.get $nv)) ` +
    `(f64.add (f64.sub (local.get $nv) (local.get $nt)) (local.get $${sum})) (f64.ge (f64.abs (local.get $${sum})) (f64.abs (local.get $nv))))))\n` +
    `        (local.set $${sum} (local.get $nt))\n`;
}

/**
 * One function of a kernel made whole: explog.wat put in at ;; <explog/> (or its exp part at ;; <exp/>; the
 * locals it sets declared at ;; <fragment-locals/>), and a loop of `groups` interleaved pairs put before the
 * two-row loop. The function's `;; @wide` line names what the wide loop loads (local:base, base a byte offset or
 * a local holding one) and adds (vector:sum, or vector:sum:compensation for Neumaier's sum).
 */
function expandFunction(source: string, fragment: string, groups: number): string {
  const expOnly = /^\s*;; <exp\/>\s*$/m.test(source);
  const shared = explog(fragment, expOnly);
  const whole = source
    .replace(/^\s*;; <(explog|exp)\/>\n/m, shared.text)
    .replace(';; <fragment-locals/>', shared.locals.map((name) => `(local $${name} v128)`).join(' '));
  const wide = /^\s*;; @wide loads=(\S+) sums=(\S+)$/m.exec(whole);
  if (!wide) throw new Error('a kernel function needs a ;; @wide loads=… sums=… line');
  const loads = wide[1].split(',').map((l) => l.split(':'));
  const sums = wide[2].split(',').map((l) => l.split(':'));
  const [head, rest] = whole.split(/^\s*;; <pair>\n/m);
  const [body, tail] = (rest ?? '').split(/^\s*;; <\/pair>\n/m);
  if (tail === undefined) throw new Error('the ;; <pair> … ;; </pair> markers are missing');
  const steps = statements(body).map((s) => s.replace(/^\s*;;.*\n/gm, ''));
  const locals = [...new Set(steps.map((s) => /\(local\.set \$(\w+)/.exec(s)![1]))].concat(loads.map(([name]) => name));
  const rename = (s: string, g: number) => s.replace(/\$(\w+)/g, (m, name: string) => (locals.includes(name) ? `$${name}_${g}` : m));
  const each = (f: (g: number) => string) => Array.from({ length: groups }, (_, g) => f(g)).join('');
  const declared = locals.flatMap((name) => Array.from({ length: groups }, (_, g) => `(local $${name}_${g} v128)`)).join(' ');
  const address = (base: string) => (base === '0' ? '(i32.shl (local.get $i) (i32.const 3))' : `(i32.add (local.get ${base}) (i32.shl (local.get $i) (i32.const 3)))`);
  let loop = `    (block $wide\n      (loop $step\n        (br_if $wide (i32.gt_s (i32.add (local.get $i) (i32.const ${2 * groups})) (local.get $end)))\n`;
  loop += each((g) => loads.map(([name, base]) => `        (local.set $${name}_${g} (v128.load offset=${16 * g} align=8 ${address(base)}))\n`).join(''));
  for (const step of steps) loop += each((g) => rename(step, g));
  // Row order: group 0's two rows, then group 1's, …; within a row, each sum (they are independent).
  loop += each((g) => [0, 1].map((lane) => sums.map(([vector, sum, comp]) => addLane(`${vector}_${g}`, lane, sum, comp)).join('')).join(''));
  loop += `        (local.set $i (i32.add (local.get $i) (i32.const ${2 * groups})))\n        (br $step)))\n`;
  const withLocals = head.replace(/^(\s*\(local \$z v128\)[^\n]*)$/m, `$1\n    ${declared}`);
  return withLocals.replace(/(\n\s*\(block \$done\n)/, `\n${loop}$1`) + '        ;; <pair>\n' + body + '        ;; </pair>\n' + tail;
}

/** A kernel's .wat made whole: each function with a ;; <pair> body expanded (see expandFunction). */
export function expandWat(source: string, fragment: string, groups = GROUPS): string {
  // Functions start at two spaces' indent: "  (func" or a comment above one; cut before each "  (func".
  const parts = source.split(/^(?=  \(func )/m);
  return parts.map((part) => (/^\s*;; <pair>$/m.test(part) ? expandFunction(part, fragment, groups) : part)).join('');
}

/** The kernels: their .wat files, and the name of the base64 constant each is kept in. */
export const KERNELS = [
  ['logisticPass.wat', 'LOGISTIC_PASS_WASM'],
  ['binnedLoss.wat', 'BINNED_LOSS_WASM'],
] as const;

type Wabt = { parseWat(name: string, text: string, features: object): { validate(): void; toBinary(o: object): { buffer: Uint8Array }; destroy(): void } };

/** The WebAssembly modules' bytes, in KERNELS's order (`read` gives a file of src/engine/wasm). */
export async function kernelBytes(read = (file: string) => readFileSync(join(DIR, file), 'utf8')): Promise<Uint8Array[]> {
  const wabt = await (require('wabt') as () => Promise<Wabt>)();
  const fragment = read('explog.wat');
  return KERNELS.map(([file]) => {
    const module = wabt.parseWat(file, expandWat(read(file), fragment), { simd: true });
    try {
      module.validate();
      return module.toBinary({}).buffer;
    } finally {
      module.destroy();
    }
  });
}

/** The TypeScript module that carries the bytes. */
export function moduleText(modules: Uint8Array[]): string {
  const constants = KERNELS.map(([file, name], k) => {
    const lines = Buffer.from(modules[k]).toString('base64').match(/.{1,100}/g) ?? [];
    return `/** ${file} (with explog.wat), four pairs of rows a step. */\nexport const ${name} =\n${lines.map((l) => `  '${l}'`).join(' +\n')};\n`;
  });
  return `/** Made by \`npm run wasm\` (src/build/wasm.ts) from the .wat files beside it: do not edit. */\n${constants.join('\n')}`;
}

if (require.main === module) {
  kernelBytes().then((modules) => {
    writeFileSync(OUT, moduleText(modules));
    process.stdout.write(`${OUT}: ${modules.map((m) => m.length).join(' and ')} bytes of WebAssembly\n`);
  });
}
