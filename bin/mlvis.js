#!/usr/bin/env node
'use strict';
// Checked before anything loads: older Node fails later, mid-run, with a two-line require() error.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  process.stderr.write(`mlvis: needs Node.js 20.19 or newer, and this is ${process.version}; install a newer Node (https://nodejs.org)\n`);
  process.exit(1);
}
// The command runs from one bundled file with V8's code cache (bin/bundle.js, made by npm run build):
// loading some 170 modules one by one, and compiling them, took 25-40 ms longer.
const { command, how } = require('./bundle.js').loadCommand({ modules: process.argv.includes('--verbose') });
if (process.env.MLVIS_TRACE_LOAD === '1') process.stderr.write(`mlvis: loaded ${how}\n`);
command.main(process.argv);
