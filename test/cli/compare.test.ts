/** --compare-standardize on the command line: what it refuses (exit 2, one line), what it ignores, what it reports. */
import { messages } from '../../src/errors';
import { mlvisInProcess } from '../helpers/cli';

const base = ['linear', '--data', 'cars', '--compare-standardize'];
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('--compare-standardize', () => {
  it.each([
    [['--optimizer', 'gd,adam'], 'several --optimizer'],
    [['--lr', '0.01,0.1'], 'a list for --lr'],
    [['--optimizer', 'momentum', '--momentum', '0.5,0.9'], 'a list for --momentum'],
    [['--standardize'], '--standardize'],
    [['--no-standardize'], '--no-standardize'],
    [['--layout', 'grid'], '--layout'],
  ])('refuses %j with one line and exit 2', async (extra, flag) => {
    const r = await mlvisInProcess([...base, ...extra, '--summary', '-']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(escape(messages.compareWith(flag, '').split(': ')[0])));
  });

  it('warns that the fit panel and the arrows are not drawn', async () => {
    const r = await mlvisInProcess([...base, '--iters', '20', '--panels', 'surface,fit', '--arrows', '--xlabel', 'hp', '--out', '-', '--format', 'png']);
    expect([r.code, r.stdout.slice(1, 4)]).toEqual([0, 'PNG']);
    expect(r.stderr).toMatch(/--panels is ignored: --compare-standardize draws only the two loss surfaces/);
    expect(r.stderr).toMatch(/--xlabel is ignored: --compare-standardize draws only the two loss surfaces/);
    expect(r.stderr).toMatch(/--arrows is ignored: --compare-standardize draws only the paths, starts and minima/);
  });

  it('reports both sides in the summary, with the shared rate and iterations_to_99', async () => {
    const r = await mlvisInProcess([...base, '--lr', '0.1', '--iters', '50', '--summary', '-', '--quiet']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.layout).toBe('compare');
    expect(s.series.map((x: { label: string }) => x.label)).toEqual(['raw x', 'standardized x']);
    for (const x of s.series) {
      expect(x.lr).toBe(0.1);
      expect(x).toHaveProperty('gap_closed');
      expect(x).toHaveProperty('verdict');
      expect(x).toHaveProperty('iterations_to_99');
    }
    expect(s.series[0].verdict).toBe('diverged');
    expect(s.series[0].iterations_to_99).toBeNull();
    expect(s.series[1].iterations_to_99).toBeGreaterThan(0);
  });

  it("says the raw side diverged without the narrow valley's cause or its --standardize, which it refuses", async () => {
    const r = await mlvisInProcess([...base, '--lr', '0.1', '--iters', '50', '--out', '-', '--format', 'png']);
    expect(r.code).toBe(0);
    const lines = r.stderr.split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^mlvis: warning: raw x: the descent diverged at iteration 1 \(learning rate 0\.1\); it stopped there\. Try a smaller --lr; the stability rule gives 0\.0000\d+ \(not checked by a run\)$/);
    // The same divergence on its own run names the valley and the flag that removes it.
    const alone = await mlvisInProcess(['linear', '--data', 'cars', '--no-standardize', '--lr', '0.1', '--iters', '50', '--out', '-', '--format', 'png']);
    expect(alone.stderr).toMatch(/The loss valley is narrow \(condition number \d+\).*--standardize removes the valley/);
  });

  it('checks a still\'s --frame against the length the comparison chose, not the default 1000 (newcomer review)', async () => {
    // Without --iters the probe chooses 76,530 iterations on cars: frame 5000 is drawn, a frame past that refused.
    const ok = await mlvisInProcess([...base, '--frame', '5000', '--out', '-', '--format', 'png']);
    expect([ok.code, ok.stdout.slice(1, 4)]).toEqual([0, 'PNG']);
    const past = await mlvisInProcess([...base, '--frame', '2000000', '--out', '-', '--format', 'png']);
    expect([past.code, past.stdout, past.stderr]).toEqual([2, '', `mlvis: ${messages.frameOutOfRange(2000000, 76530)}\n`]);
    // With --iters the length is known at once, and checked there as before.
    expect((await mlvisInProcess([...base, '--iters', '100', '--frame', '5000', '--out', '-', '--format', 'png'])).stderr).toBe(`mlvis: ${messages.frameOutOfRange(5000, 100)}\n`);
  });

  it('is listed in --help with the rate it shares', async () => {
    const r = await mlvisInProcess(['linear', '--help']);
    expect(r.stdout).toMatch(/--compare-standardize/);
    expect(r.stdout.replace(/\s+/g, ' ')).toMatch(/else 0.9 of the raw valley's stability limit/);
  });
});
