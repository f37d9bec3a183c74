'use strict';
// `npm run gallery`: regenerates the README's gallery with the tool itself (needs `npm run build`).
const { execFileSync } = require('node:child_process');
const { join } = require('node:path');

const BIN = join(__dirname, '..', 'bin', 'mlvis.js');
const runs = [
  ['linear', '--iters', '1000', '--out', 'output/fit.gif'],
  ['logistic', '--data', 'penguins', '--panels', 'surface,fit,loss', '--size', '960x400', '--frames', '60', '--out', 'output/penguins-logistic.gif'],
  ['linear', '--data', 'cars', '--optimizer', 'momentum', '--lr', '0.05', '--iters', '300', '--theme', 'dark', '--frames', '60', '--size', '800x400', '--out', 'output/cars-momentum-dark.gif'],
  ['linear', '--optimizer', 'sgd', '--iters', '300', '--frames', '60', '--size', '800x400', '--out', 'output/sgd.gif'],
  ['logistic', '--data', 'penguins', '--labels', 'female,male', '--title', 'Telling penguins apart by weight', '--xlabel', 'body mass (g)', '--ylabel', 'P(male)', '--font-scale', '1.3', '--size', '1280x720', '--out', 'output/slide.png'],
  ['linear', '--data', 'cars', '--frame', '0', '--size', '800x400', '--out', 'output/cars-start.png'],
  ['logistic', '--data', 'penguins', '--optimizer', 'minibatch', '--batch-size', '8', '--iters', '300', '--frames', '60', '--size', '800x400', '--out', 'output/minibatch-samples.gif'],
  ['linear', '--optimizer', 'sgd', '--iters', '300', '--reference-path', '--frames', '60', '--size', '800x400', '--out', 'output/sgd-reference.gif'],
  ['linear', '--optimizer', 'momentum', '--iters', '300', '--arrows', '--frames', '60', '--size', '800x400', '--out', 'output/momentum-arrows.gif'],
  ['linear', '--lr', '0.5', '--iters', '100', '--size', '800x400', '--out', 'output/diverged.png'],
  ['linear', '--data', 'cars', '--optimizer', 'gd,momentum,adam', '--panels', 'surface,fit,loss', '--iters', '300', '--frames', '80', '--out', 'output/race.gif'],
  ['linear', '--lr', '0.02,0.2,0.4,0.5', '--iters', '60', '--frames', '60', '--layout', 'grid', '--out', 'output/lr-sweep.gif'],
  ['linear', '--data', 'cars', '--compare-standardize', '--frames', '60', '--size', '960x400', '--out', 'output/compare-standardize.gif'],
  ['linear', '--data', 'cars', '--optimizer', 'gd,momentum', '--view', '3d', '--iters', '300', '--frames', '60', '--size', '800x400', '--out', 'output/view3d.gif'],
  // A turning surface changes every pixel of its panel each frame: as a GIF it would weigh ~1.7 MB, as MP4 a fifth of it.
  ['linear', '--data', 'cars', '--optimizer', 'gd,momentum', '--view', '3d', '--orbit', '120', '--iters', '300', '--frames', '60', '--size', '800x400', '--out', 'output/view3d-orbit.mp4', '--poster'],
  ['function', 'rosenbrock', '--optimizer', 'gd,momentum,adam', '--lr', 'gd=0.001,momentum=0.0005,adam=0.02', '--iters', '3000', '--frames', '80', '--out', 'output/rosenbrock-race.gif'],
  ['function', 'rosenbrock', '--optimizer', 'gd,momentum,nesterov,rmsprop,adam,lion', '--tune', '--iters', '10000', '--frames', '80', '--out', 'output/rosenbrock-tuned.gif'],
  ['function', 'himmelblau', '--optimizer', 'gd,adam', '--init', '0,0', '--frames', '60', '--size', '800x400', '--out', 'output/himmelblau.gif'],
  ['function', 'saddle', '--init', '1,0.02', '--optimizer', 'gd,adam', '--lr', 'gd=0.1,adam=0.01', '--iters', '200', '--frames', '60', '--size', '800x400', '--out', 'output/saddle.gif'],
  ['poly', '--degree', '3', '--panels', 'surface,fit,loss', '--frames', '60', '--size', '960x400', '--out', 'output/poly-cubic.gif'],
  ['linear', '--data', 'cars', '--x', 'Horsepower,Weight_in_lbs', '--y', 'Miles_per_Gallon', '--iters', '100', '--frames', '50', '--size', '960x400', '--out', 'output/two-features.gif'],
  ['linear', '--data', 'cars', '--x', 'Horsepower,Weight_in_lbs', '--y', 'Miles_per_Gallon', '--view', '3d', '--iters', '60', '--frames', '40', '--size', '960x400', '--out', 'output/two-features-3d.gif'],
  ['linear', '--data', 'cars', '--x', 'Horsepower,Weight_in_lbs,Acceleration,Displacement', '--y', 'Miles_per_Gallon', '--iters', '300', '--frames', '50', '--size', '960x400', '--out', 'output/four-features.gif'],
  ['logistic', '--data', 'penguins', '--x', 'Beak Length (mm),Beak Depth (mm)', '--y', 'Species', '--positive', 'Adelie', '--optimizer', 'gd,adam', '--iters', '300', '--frames', '50', '--size', '960x400', '--out', 'output/two-features-logistic.gif'],
  ['mlp', '--frames', '60', '--size', '960x400', '--out', 'output/mlp-moons.gif'],
  ['mlp', '--data', 'circles', '--hidden', '8,8', '--activation', 'relu', '--optimizer', 'gd,adam', '--iters', '600', '--frames', '60', '--size', '960x400', '--out', 'output/mlp-circles.gif'],
  ['softmax', '--data', 'penguins', '--optimizer', 'gd,adam', '--iters', '300', '--frames', '50', '--size', '960x400', '--out', 'output/softmax-penguins.gif'],
  ['poly', '--degree', '9', '--points', '24', '--noise', '0.8', '--holdout', '0.3', '--optimizer', 'nesterov', '--iters', '5000', '--panels', 'surface,fit,loss', '--frames', '60', '--size', '960x400', '--out', 'output/poly-overfit.gif'],
  ['function', 'himmelblau', '--starts', 'grid:40', '--layout', 'basins', '--lr', '0.01', '--iters', '300', '--frames', '60', '--size', '800x400', '--out', 'output/himmelblau-basins.gif'],
];
for (const args of runs) {
  execFileSync(process.execPath, [BIN, ...args, '--quiet'], { cwd: join(__dirname, '..'), stdio: 'inherit' });
  console.log(`mlvis ${args.join(' ')}`);
}
