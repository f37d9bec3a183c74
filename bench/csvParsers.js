'use strict';
/**
 * Which CSV parser mlvis should use (issue 10): each parser reads the same 1M-row file (x, y, label) and
 * converts x and y into Float64Arrays, in a fresh child process so that peak RSS is its own. The file is
 * decoded once up front (as mlvis does); parse time includes converting the two numeric columns.
 *
 *   npm run build && node bench/csvParsers.js [file.csv]
 *
 * udsv and papaparse are not dependencies of mlvis: they are measured when `require` finds them (for example
 * NODE_PATH=/some/folder/node_modules after `npm install --prefix /some/folder udsv papaparse`).
 */
const { spawnSync } = require('node:child_process');
const { readFileSync, writeFileSync, existsSync, mkdirSync } = require('node:fs');
const { join } = require('node:path');

const PARSERS = {
  'csv-parse sync (before)': (text) => {
    const rows = require('csv-parse/sync').parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, relax_quotes: true });
    return columns(rows.slice(1));
  },
  'csv-parse stream': (text) =>
    new Promise((resolve, reject) => {
      const { parse } = require('csv-parse');
      const xs = [], ys = [];
      let header = true;
      const parser = parse({ bom: true, skip_empty_lines: true, relax_column_count: true, relax_quotes: true });
      parser.on('readable', () => {
        let r;
        while ((r = parser.read()) !== null) {
          if (header) header = false;
          else xs.push(num(r[0])), ys.push(num(r[1]));
        }
      });
      parser.on('error', reject);
      parser.on('end', () => resolve([Float64Array.from(xs), Float64Array.from(ys)]));
      for (let i = 0; i < text.length; i += 1 << 20) parser.write(text.slice(i, i + (1 << 20)));
      parser.end();
    }),
  udsv: (text) => {
    const { inferSchema, initParser } = require('udsv');
    const schema = inferSchema(text.slice(0, 1 << 16));
    const parser = initParser(schema);
    const cols = parser.typedCols(text);
    return [Float64Array.from(cols[0]), Float64Array.from(cols[1])];
  },
  papaparse: (text) => {
    const xs = [], ys = [];
    let header = true;
    require('papaparse').parse(text, { skipEmptyLines: true, step: (r) => { if (header) header = false; else xs.push(num(r.data[0])), ys.push(num(r.data[1])); } });
    return [Float64Array.from(xs), Float64Array.from(ys)];
  },
  'mlvis CsvRows (after)': (text) => {
    const { CsvRows } = require('../dist/data/csvRows');
    let n = 0, cap = 1024, xs = new Float64Array(cap), ys = new Float64Array(cap), header = true;
    const reader = new CsvRows((cells) => {
      if (header) return void (header = false);
      if (n === cap) { cap *= 2; const a = new Float64Array(cap); a.set(xs); xs = a; const b = new Float64Array(cap); b.set(ys); ys = b; }
      xs[n] = num(cells[0]); ys[n] = num(cells[1]); n++;
    });
    for (let i = 0; i < text.length; i += 1 << 20) reader.push(text.slice(i, i + (1 << 20)));
    reader.end();
    return [xs.slice(0, n), ys.slice(0, n)];
  },
};

function num(cell) {
  return require('../dist/data/cells').parseNumber(cell);
}

function columns(rows) {
  const xs = new Float64Array(rows.length), ys = new Float64Array(rows.length);
  rows.forEach((r, i) => { xs[i] = num(r[0]); ys[i] = num(r[1]); });
  return [xs, ys];
}

async function child(name, file) {
  const text = readFileSync(file, 'utf8');
  const t0 = process.hrtime.bigint();
  const [xs, ys] = await PARSERS[name](text);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  let sum = 0;
  for (let i = 0; i < xs.length; i++) sum += xs[i] + ys[i];
  process.stdout.write(JSON.stringify({ ms, rows: xs.length, sum, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
}

function main() {
  let file = process.argv[2];
  if (!file) {
    const dir = join(__dirname, '.out');
    mkdirSync(dir, { recursive: true });
    file = join(dir, 'big.csv');
    if (!existsSync(file)) require('./bigCsv').writeBigCsv(file, 1_000_000);
  }
  console.log(`parse + convert x, y of ${file}`);
  console.log(['parser', 'ms', 'rows', 'peak RSS MB'].join('\t'));
  for (const name of Object.keys(PARSERS)) {
    const r = spawnSync(process.execPath, [__filename, '--child', name, file], { encoding: 'utf8' });
    if (r.status !== 0) { console.log(`${name}\tnot measured (${r.stderr.trim().split('\n').find((l) => /Error/.test(l)) ?? 'failed'})`); continue; }
    const m = JSON.parse(r.stdout);
    console.log([name, m.ms.toFixed(0), m.rows, m.maxRssMb.toFixed(0)].join('\t'));
  }
}

if (process.argv[2] === '--child') child(process.argv[3], process.argv[4]);
else main();
