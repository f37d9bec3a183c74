'use strict';
// `npm run bench [-- FLAGS]`: bench/run.js with the flags, then bench/convergence.js (the default-rate
// convergence table) unless a flag asks for one part of run.js only. npm appends its arguments to the end of
// a script's command line, so "node run.js && node convergence.js" would hand --suite to convergence.js.
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');

const args = process.argv.slice(2);
const run = (file, argv) => spawnSync(process.execPath, [join(__dirname, file), ...argv], { stdio: 'inherit' }).status ?? 1;
let status = run('run.js', args);
const onePart = ['--suite', '--csv', '--ffmpeg', '--functions', '--page', '--help', '-h'].some((f) => args.includes(f));
if (status === 0 && !onePart) status = run('convergence.js', []);
process.exitCode = status;
