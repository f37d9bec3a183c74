#!/usr/bin/env node
// Default runs on 16 real single-feature problems (pairs of columns of the built-in cars and penguins sets,
// trained as a user's CSV would be, plus the synthetic sets), every optimizer at its default rate: the
// verdict and the share of the loss gap closed. Usage: npm run build && node bench/convergence.js [optimizer…]
const path = require('node:path');
const { run } = require(path.join(__dirname, '..', 'dist', 'index.js'));
const problems = [
  ['linear', 'cars', 'Horsepower', 'Miles_per_Gallon'], ['linear', 'cars', 'Weight_in_lbs', 'Miles_per_Gallon'], ['linear', 'cars', 'Displacement', 'Horsepower'],
  ['linear', 'cars', 'Acceleration', 'Horsepower'], ['linear', 'cars', 'Cylinders', 'Displacement'], ['linear', 'penguins', 'Flipper Length (mm)', 'Body Mass (g)'],
  ['linear', 'penguins', 'Beak Length (mm)', 'Beak Depth (mm)'], ['linear', 'penguins', 'Body Mass (g)', 'Flipper Length (mm)'],
  ['logistic', 'penguins', 'Body Mass (g)', 'Sex', 'MALE'], ['logistic', 'penguins', 'Beak Depth (mm)', 'Sex', 'MALE'], ['logistic', 'penguins', 'Flipper Length (mm)', 'Species', 'Gentoo'],
  ['logistic', 'penguins', 'Beak Length (mm)', 'Species', 'Adelie'], ['logistic', 'cars', 'Weight_in_lbs', 'Origin', 'USA'], ['logistic', 'cars', 'Horsepower', 'Origin', 'Japan'],
  ['linear', null], ['logistic', null],
];
const opts = process.argv.slice(2).length ? process.argv.slice(2) : ['gd', 'sgd', 'minibatch', 'momentum', 'nesterov', 'adagrad', 'rmsprop', 'adam'];
(async () => {
  const bad = {};
  for (const [model, data, x, y, positive] of problems) {
    const row = [];
    for (const optimizer of opts) {
      const o = { model, optimizer, ...(data ? { data, x, y } : {}), ...(positive ? { positive } : {}) };
      try {
        const { summary } = await run(o, { warn: () => {} });
        row.push(`${optimizer}:${summary.verdict === 'converged' ? 'ok' : summary.verdict}(${(summary.gap_closed * 100).toFixed(1)})`);
        if (summary.verdict !== 'converged') bad[optimizer] = (bad[optimizer] || 0) + 1;
      } catch (e) { row.push(`${optimizer}:ERR ${e.message.slice(0, 60)}`); }
    }
    console.log(`${model} ${data ?? 'synthetic'} ${x ?? ''}→${y ?? ''}`.padEnd(60), row.join(' '));
  }
  console.log('not converged:', bad);
})();
