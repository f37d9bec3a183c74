'use strict';
// Runs the built CLI in this process, then reports its own peak RSS on fd 3 (so the bench measures mlvis
// itself, Node start-up included, without a shell or /usr/bin/time).
const { writeSync } = require('node:fs');
const { runCli } = require('../dist/cli.js');

runCli(['node', 'mlvis', ...process.argv.slice(2)]).then((code) => {
  writeSync(3, JSON.stringify({ code, maxRssKb: process.resourceUsage().maxRSS }) + '\n');
  process.exitCode = code;
});
