/** What the command line prints about a run for a person: the short report, and sizes. */
import { messages } from './errors';
import type { Summary } from './summary';

/** The report printed when a run writes neither files nor a summary: final weights, optimum. */
export function humanReport(s: Summary): string {
  const f = (v: number) => Number(v.toPrecision(8)).toString();
  // Every weight by name, then the loss: "w0 = 4.29, w1 = 2.84, loss = 1.02".
  const w = (p: Record<string, number>) => Object.entries(p).map(([name, v]) => `${name} = ${f(v)}`).join(', ');
  if (s.function) return landscapeReport(s, f, w);
  // "linear regression", "softmax regression"; a network says what it learns.
  const what = s.network ? `mlp (${s.network.layers.join('-')} ${s.network.activation}, ${s.network.task === 'classes' ? 'classes' : 'a curve'})` : `${s.model} regression`;
  const lines = s.series
    ? [
        `${what}, ${s.series.length} descents, ${s.requested_iterations} iterations on ${s.data.source} (n = ${s.data.n}${s.data.skipped ? `; ${messages.builtinSkipped(s.data.skipped)}` : ''})`,
        ...s.series.map((x) => `${x.label} (${x.optimizer}, lr ${f(x.lr)}): ${w(x.final)}${x.diverged ? ` (diverged at ${x.diverged.iteration})` : ''}`),
      ]
    : [`${what}, ${s.optimizer}, lr ${f(s.lr!)}, ${s.iterations} iterations on ${s.data.source} (n = ${s.data.n}${s.data.skipped ? `; ${messages.builtinSkipped(s.data.skipped)}` : ''})`, `final:   ${w(s.final!)}`];
  // A network's minimum is not known; a separable logistic's does not exist.
  lines.push(s.optimum ? `optimum: ${w(s.optimum)}` : s.network ? 'optimum: not known (judged by the loss)' : 'optimum: none (the loss has no finite minimum)');
  if (s.accuracy !== undefined) lines.push(`accuracy: ${f(s.accuracy)} of the training rows`);
  return lines.join('\n') + '\n';
}

/** A size in bytes as people read it: 344.4 KB (1 KB = 1024 bytes, as ls -h counts). */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(2)} MB`;
}

/** The short report of `mlvis function`: the function, each descent's end and verdict, its known minima. */
function landscapeReport(s: Summary, f: (v: number) => string, w: (p: Record<string, number>) => string): string {
  const fn = s.function!;
  const head = `${fn.title}: ${fn.formula}, ${s.requested_iterations} iterations`;
  const one = (label: string, final: Record<string, number>, text: string | undefined) => `${label}: ${w(final)}${text ? `; ${text}` : ''}`;
  const lines = s.series
    ? [head, ...s.series.map((x) => one(`${x.label} (${x.optimizer}, lr ${f(x.lr)})`, x.final, x.verdict_text))]
    : [head, one(`${s.optimizer}, lr ${f(s.lr!)}`, s.final!, s.verdict_text)];
  const minima = s.minima;
  if (minima === null || minima === undefined) lines.push('minima: not known');
  else if (minima.length > 0) lines.push(`known points: ${minima.map((m) => `${m.kind} ${m.name} f = ${f(m.loss)}`).join('; ')}`);
  return lines.join('\n') + '\n';
}
