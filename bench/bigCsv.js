'use strict';
const { writeFileSync } = require('node:fs');

/** A CSV of n rows: x, y = 3x + 4 + noise, and a 0/1 label column, from a fixed linear congruential sequence. */
function writeBigCsv(path, n) {
  let seed = 12345;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const lines = ['x,y,label'];
  for (let i = 0; i < n; i++) {
    const x = 2 * next();
    lines.push(`${x.toFixed(6)},${(3 * x + 4 + (next() - 0.5)).toFixed(6)},${next() < 0.5 ? 0 : 1}`);
  }
  writeFileSync(path, lines.join('\n') + '\n');
}

module.exports = { writeBigCsv };
