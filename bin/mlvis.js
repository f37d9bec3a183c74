#!/usr/bin/env node
'use strict';
// Checked before anything loads: older Node fails later, mid-run, with a two-line require() error.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  process.stderr.write(`mlvis: needs Node.js 20.19 or newer, and this is ${process.version}; install a newer Node (https://nodejs.org)\n`);
  process.exit(1);
}
require('../dist/cli.js').main(process.argv);
