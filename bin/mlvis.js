#!/usr/bin/env node
'use strict';
// Checked before anything loads: older Node fails later, mid-run, with a two-line require() error.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  process.stderr.write(`mlvis: needs Node.js 20.19 or newer, and this is ${process.version}; install a newer Node (https://nodejs.org)\n`);
  process.exit(1);
}
// The command runs from one bundled file (npm run build makes it): loading some 170 modules one by one took
// 10-15 ms longer. The modules themselves (dist/cli.js and its imports) are the fallback and the library.
// A bundle older than the modules (dist/ rebuilt by tsc alone) is not used.
const { statSync } = require('node:fs');
const { join } = require('node:path');
const bundle = join(__dirname, '..', 'dist', 'mlvis.cjs');
const modules = join(__dirname, '..', 'dist', 'cli.js');
const built = (path) => statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? -1;
require(built(bundle) >= built(modules) ? bundle : modules).main(process.argv);
