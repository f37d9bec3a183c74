/**
 * The logistic optimum's weights, not only its loss, are exact: against maximum-likelihood weights computed
 * in 60-digit decimal arithmetic (test/fixtures/logistic-reference/reference.py) on 6,366-row sets that
 * stress it — a steep boundary (where a loss-based line search used to stall 1e-9 short), near separation,
 * a rare class, and x far from zero against its spread.
 */
import { logisticModel } from '../../src/engine';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const sets = require('../fixtures/logistic-reference/sets.js') as Record<string, { x: number[]; y: number[] }>;

const reference: Record<string, [string, string, string]> = {
  steep: ['-6.0079954079765157670678377e-02', '3.8160720612507819105019280e+00', '8.7492053753839435503714128e-02'],
  nearsep: ['3.2596416142013340255800813e-01', '2.4474639893934337919745303e+01', '1.1314166432166634576605979e-02'],
  rare: ['-4.6418550023751894428869491e+00', '1.0948319331171547652559184e+00', '2.2361763156588984613470927e-01'],
  big: ['-2.0531511089797440945403650e+04', '2.0526411306950370638801928e-01', '3.1181968763727790916462368e-01'],
};

describe.each(Object.keys(reference))('the logistic optimum of %s', (name) => {
  const { x, y } = sets[name];
  const model = logisticModel(Float64Array.from(x), Float64Array.from(y));
  const [w0, w1, loss] = reference[name].map(Number);

  it('has weights exact to 1e-12 relative (and the loss to 1e-13)', () => {
    const opt = model.optimum()!;
    expect(Math.abs(opt[0] - w0) / Math.abs(w0)).toBeLessThan(1e-12);
    expect(Math.abs(opt[1] - w1) / Math.abs(w1)).toBeLessThan(1e-12);
    // The loss itself is evaluated in doubles: with x near 1e5, w1·x + w0 cancels to about ε·2e4 in z.
    expect(Math.abs(model.loss(opt) - loss) / loss).toBeLessThan(1e-13);
  });
});
