'use strict';
const { writeFileSync } = require('node:fs');

/** A CSV of n rows from a fixed linear congruential sequence: the header, then `row(next)` for each. */
function writeRows(path, n, row) {
  let seed = 12345;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const lines = ['x,y,label'];
  for (let i = 0; i < n; i++) lines.push(row(next));
  writeFileSync(path, lines.join('\n') + '\n');
}

/** A CSV of n rows: x, y = 3x + 4 + noise, and a 0/1 label column at random. */
function writeBigCsv(path, n) {
  writeRows(path, n, (next) => {
    const x = 2 * next();
    return `${x.toFixed(6)},${(3 * x + 4 + (next() - 0.5)).toFixed(6)},${next() < 0.5 ? 0 : 1}`;
  });
}

/**
 * A CSV of n rows where the label depends on x, as in real data: x uniform on [0, 10], y = 3x + 4 + noise, and
 * label 1 where x plus uniform noise of width 4 passes 5 (a noisy threshold), from the same sequence. Its
 * logistic fit has |z| up to ~7 and both signs, where the random labels of writeBigCsv keep z near 0.
 */
function writeThresholdCsv(path, n) {
  writeRows(path, n, (next) => {
    const x = 10 * next();
    return `${x.toFixed(6)},${(3 * x + 4 + (next() - 0.5)).toFixed(6)},${x + (next() - 0.5) * 4 > 5 ? 1 : 0}`;
  });
}

module.exports = { writeBigCsv, writeThresholdCsv };
