'use strict';
/** A bench table: the title, then rows padded to their columns (the first left-aligned), a rule under the header row. */
function printTable(title, rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  console.log(title);
  for (const [k, r] of rows.entries()) {
    console.log(r.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  '));
    if (k === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
  console.log('');
}

module.exports = { printTable };
