/**
 * Builds src/engine/wasm/logisticPassWasm.ts from logisticPass.wat (npm run wasm; needs the dev dependency
 * wabt, WebAssembly's own text-format tools). The .wat holds the kernel for two rows (one f64x2); here its
 * body is repeated for GROUPS pairs that run interleaved, 2·GROUPS rows a step, and the two-row loop is kept
 * for the rows left over. Each pair is one long chain of dependent operations (an exp, a log1p, four
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
const WAT = join(ROOT, 'src', 'engine', 'wasm', 'logisticPass.wat');
const OUT = join(ROOT, 'src', 'engine', 'wasm', 'logisticPassWasm.ts');
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

/** The .wat with a loop of `groups` interleaved pairs before its two-row loop. */
export function expandWat(source: string, groups = GROUPS): string {
  const [head, rest] = source.split(/^\s*;; <pair>\n/m);
  const [body, tail] = (rest ?? '').split(/^\s*;; <\/pair>\n/m);
  if (tail === undefined) throw new Error('logisticPass.wat: the ;; <pair> … ;; </pair> markers are missing');
  const steps = statements(body).map((s) => s.replace(/^\s*;;.*\n/gm, ''));
  const locals = [...new Set(steps.map((s) => /\(local\.set \$(\w+)/.exec(s)![1]))].concat(['xv', 'yv']);
  const rename = (s: string, g: number) => s.replace(/\$(\w+)/g, (m, name: string) => (locals.includes(name) ? `$${name}_${g}` : m));
  const each = (f: (g: number) => string) => Array.from({ length: groups }, (_, g) => f(g)).join('');
  const declared = locals.flatMap((name) => Array.from({ length: groups }, (_, g) => `(local $${name}_${g} v128)`)).join(' ');
  let loop = `    (block $wide\n      (loop $step\n        (br_if $wide (i32.gt_s (i32.add (local.get $i) (i32.const ${2 * groups})) (local.get $end)))\n`;
  loop += each((g) => `        (local.set $xv_${g} (v128.load offset=${16 * g} align=8 (i32.shl (local.get $i) (i32.const 3))))\n` +
    `        (local.set $yv_${g} (v128.load offset=${16 * g} align=8 (i32.add (local.get $ya) (i32.shl (local.get $i) (i32.const 3)))))\n`);
  for (const step of steps) loop += each((g) => rename(step, g));
  loop += each((g) => [0, 1].map((lane) =>
    `        (local.set $s (f64.add (local.get $s) (f64x2.extract_lane ${lane} (local.get $term_${g}))))\n` +
    `        (local.set $g0 (f64.add (local.get $g0) (f64x2.extract_lane ${lane} (local.get $err_${g}))))\n` +
    `        (local.set $g1 (f64.add (local.get $g1) (f64x2.extract_lane ${lane} (local.get $errx_${g}))))\n`).join(''));
  loop += `        (local.set $i (i32.add (local.get $i) (i32.const ${2 * groups})))\n        (br $step)))\n`;
  const withLocals = head.replace(/(\(local \$term v128\)[^\n]*)/, `$1\n    ${declared}`);
  return withLocals.replace(/(\n\s*\(block \$done\n)/, `\n${loop}$1`) + '        ;; <pair>\n' + body + '        ;; </pair>\n' + tail;
}

/** The WebAssembly module's bytes. */
export async function logisticPassBytes(source = readFileSync(WAT, 'utf8')): Promise<Uint8Array> {
  const wabt = await (require('wabt') as () => Promise<{ parseWat(name: string, text: string, features: object): { validate(): void; toBinary(o: object): { buffer: Uint8Array }; destroy(): void } }>)();
  const module = wabt.parseWat('logisticPass.wat', expandWat(source), { simd: true });
  try {
    module.validate();
    return module.toBinary({}).buffer;
  } finally {
    module.destroy();
  }
}

/** The TypeScript module that carries the bytes. */
export function moduleText(bytes: Uint8Array): string {
  const b64 = Buffer.from(bytes).toString('base64');
  const lines = b64.match(/.{1,100}/g) ?? [];
  return `/** Made by \`npm run wasm\` (src/build/wasm.ts) from logisticPass.wat: do not edit. */\nexport const LOGISTIC_PASS_WASM =\n${lines.map((l) => `  '${l}'`).join(' +\n')};\n`;
}

if (require.main === module) {
  logisticPassBytes().then((bytes) => {
    writeFileSync(OUT, moduleText(bytes));
    process.stdout.write(`${OUT}: ${bytes.length} bytes of WebAssembly\n`);
  });
}
