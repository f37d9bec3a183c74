import { resolveConfig, OPTION_TABLE, type RunOptions } from '../../src/config';
import { jobJsonSchema } from '../../src/options/jsonSchema';
import type { Warning } from '../../src/warnings';

/** The options the run says have no effect, as option → reason. */
function ignored(options: RunOptions, summary = true): Record<string, string> {
  const got: Warning[] = [];
  resolveConfig(options, (w) => got.push(w), { summary });
  return Object.fromEntries(got.filter((w) => w.code === 'optionIgnored').map((w) => [(w as { option: string }).option, (w as { reason: string }).reason]));
}

describe('options that cannot change the run warn, from the table', () => {
  it.each<[string, RunOptions, boolean, string, RegExp]>([
    ['--frame without --out', { model: 'linear', frame: 5 }, true, '--frame', /nothing is drawn without --out/],
    ['--frame with an animation', { model: 'linear', frame: 5, out: 'a.gif' }, true, '--frame', /applies to a \.png still/],
    ['--trajectory without --summary', { model: 'linear', trajectory: true }, false, '--trajectory', /applies to --summary/],
    ['--loop with .mp4', { model: 'linear', loop: 2, out: 'a.mp4' }, true, '--loop', /applies to \.gif, \.html or \.json output/],
    ['--fps with one .png', { model: 'linear', fps: 10, out: 'a.png' }, true, '--fps', /applies to \.gif, \.mp4, \.webm, \.html or \.json output/],
    ['--hold with one .png', { model: 'linear', hold: 1, out: 'a.png' }, true, '--hold', /applies to \.gif, \.mp4, \.webm, \.html or \.json output/],
    ['--fps with a .png sequence', { model: 'linear', fps: 10, out: 'f/%03d.png' }, true, '--fps', /applies to \.gif, \.mp4, \.webm, \.html or \.json output/],
    ['--size without --out, once for width and height', { model: 'linear', width: 400, height: 300 }, true, '--size', /nothing is drawn/],
    ['--frames with one .png', { model: 'linear', frames: 5, out: 'a.png' }, true, '--frames', /sequence/],
    ['--ffmpeg with .gif', { model: 'linear', ffmpeg: '/usr/bin/ffmpeg', out: 'a.gif' }, true, '--ffmpeg', /applies to \.mp4 or \.webm/],
    ['--seed with plain gd on a CSV', { model: 'linear', data: 'cars', seed: '7' }, true, '--seed', /synthetic data and to --optimizer sgd or minibatch/],
    ['--momentum with adam', { model: 'linear', optimizer: 'adam', momentum: 0.5 }, true, '--momentum', /--optimizer momentum or nesterov/],
    ['--batch-size with gd', { model: 'linear', batchSize: 8 }, true, '--batch-size', /--optimizer minibatch/],
    ['--x without --data', { model: 'linear', x: 'a' }, true, '--x', /applies to --data/],
    ['--manifest with --out - only', { model: 'linear', manifest: true, out: '-', format: 'png' }, true, '--manifest', /stdout \(--out -\) gets no manifest; it applies to --out FILE/],
    ['--manifest without --out', { model: 'linear', manifest: true }, true, '--manifest', /nothing is drawn without --out/],
    ['--poster with a video on stdout only', { model: 'linear', poster: true, out: '-', format: 'mp4' }, true, '--poster', /^stdout \(--out -\) has no folder to write beside; it applies to \.mp4 or \.webm output written to a file$/],
    ['--poster with a video on stdout and a GIF file', { model: 'linear', poster: true, out: ['-', 'a.gif'], format: 'webm' }, true, '--poster', /^stdout \(--out -\) has no folder to write beside/],
    ['--poster with a GIF', { model: 'linear', poster: true, out: 'a.gif' }, true, '--poster', /applies to \.mp4 or \.webm output/],
    ['--positive with linear', { model: 'linear', data: 'cars', positive: 'USA' }, true, '--positive', /logistic regression/],
    ['--theme without --out', { model: 'linear', theme: 'dark' }, true, '--theme', /nothing is drawn/],
    ['--layout with one descent', { model: 'linear', layout: 'grid' }, true, '--layout', /race .* or a sweep/],
    ['--reference-path with gd', { model: 'linear', referencePath: true, out: 'a.gif' }, true, '--reference-path', /applies to --optimizer sgd or minibatch/],
    ['--reference-path without the surface', { model: 'linear', optimizer: 'sgd', referencePath: true, panels: ['fit', 'loss'], out: 'a.gif' }, true, '--reference-path', /applies to the surface panel/],
    ['--reference-path without --out', { model: 'linear', optimizer: 'sgd', referencePath: true }, true, '--reference-path', /nothing is drawn/],
    ['--arrows without the surface', { model: 'linear', arrows: true, panels: ['fit'], out: 'a.png' }, true, '--arrows', /applies to the surface panel/],
    ['--arrows without --out', { model: 'linear', arrows: true }, true, '--arrows', /nothing is drawn/],
    ['--orbit without --view 3d', { model: 'linear', orbit: 90, out: 'a.gif' }, true, '--orbit', /it applies to --view 3d/],
    ['--orbit with a still', { model: 'linear', view: '3d', orbit: 90, out: 'a.png' }, true, '--orbit', /applies to \.gif, \.mp4, \.webm, \.html, \.json or a %d \.png sequence output/],
    ['--view without a surface panel', { model: 'linear', view: '3d', panels: ['fit', 'loss'], out: 'a.gif' }, true, '--view', /applies to the surface panel, which --panels leaves out/],
    ['--view without --out', { model: 'linear', view: '3d' }, true, '--view', /nothing is drawn/],
    ['--panels with a grid', { model: 'linear', lr: [0.1, 0.2], layout: 'grid', panels: ['fit'], out: 'a.gif' }, true, '--panels', /--layout grid draws one loss surface per series/],
    ['--labels with linear', { model: 'linear', labels: ['a', 'b'], out: 'a.png' }, true, '--labels', /applies to logistic regression/],
    ['--title without --out', { model: 'linear', title: 'T' }, true, '--title', /nothing is drawn/],
    ['--font-scale without --out', { model: 'linear', fontScale: 2 }, true, '--font-scale', /nothing is drawn/],
    ['--xlabel without the fit panel', { model: 'linear', xlabel: 'h', panels: ['surface', 'loss'], out: 'a.png' }, true, '--xlabel', /the fit panel, which --panels leaves out/],
    ['--ylabel with a grid', { model: 'linear', lr: [0.1, 0.2], layout: 'grid', ylabel: 's', out: 'a.gif' }, true, '--ylabel', /--layout grid draws only loss surfaces/],
  ])('%s', (_name, options, summary, flag, reason) => {
    const got = ignored(options, summary);
    expect(Object.keys(got)).toEqual([flag]);
    expect(got[flag]).toMatch(reason);
  });

  it('is silent where the options do apply', () => {
    expect(ignored({ model: 'linear', optimizer: 'sgd', data: 'cars', seed: '7', out: 'a.gif', loop: 2, fps: 10, hold: 1, frames: 5 })).toEqual({});
    expect(ignored({ model: 'linear', optimizer: ['gd', 'momentum'], momentum: 0.5, out: ['a.png', 'a.mp4'], frame: 3, ffmpeg: 'ffmpeg' })).toEqual({});
    expect(ignored({ model: 'logistic', trajectory: true }, true)).toEqual({});
    expect(ignored({ model: 'logistic', out: 'a.png', title: 'T', xlabel: 'x', ylabel: 'y', labels: ['a', 'b'], fontScale: 1.5 })).toEqual({});
    expect(ignored({ model: 'linear', lr: [0.1, 0.2], layout: 'grid', out: 'a.gif', title: 'T', fontScale: 1.5 })).toEqual({});
    expect(ignored({ model: 'linear', optimizer: ['gd', 'minibatch'], referencePath: true, arrows: true, out: 'a.gif' })).toEqual({});
    // A grid draws only surfaces, whatever --panels would say.
    expect(ignored({ model: 'linear', optimizer: 'sgd', lr: [0.1, 0.2], layout: 'grid', referencePath: true, arrows: true, out: 'a.gif' })).toEqual({});
    expect(ignored({ model: 'linear', view: '3d', orbit: 360, out: ['a.gif', 'f/%03d.png'] })).toEqual({});
    expect(ignored({ model: 'linear', view: '3d', panels: ['loss', 'surface'], out: 'a.png' })).toEqual({});
    expect(ignored({ model: 'linear', poster: true, out: 'a.mp4' })).toEqual({});
    expect(ignored({ model: 'linear', poster: true, out: ['-', 'b.webm'], format: 'mp4' })).toEqual({});
  });
});

describe('the job schema comes from the same table', () => {
  const schema = jobJsonSchema() as { properties: Record<string, { description?: string; default?: unknown }>; required?: string[] };

  it('has every library option with its help line and default', () => {
    // Every library option, and the command line's own spellings of them besides (iters, size, noStandardize).
    const keys = Object.keys(schema.properties);
    for (const key of Object.keys(OPTION_TABLE)) expect(keys).toContain(key);
    expect(keys.filter((k) => !(k in OPTION_TABLE)).sort()).toEqual(['iters', 'noStandardize', 'size']);
    expect(schema.required).toEqual(['model']);
    expect(schema.properties.iterations.default).toBe(1000);
    expect(schema.properties.batchSize.description).toBe(OPTION_TABLE.batchSize.help);
  });
});

describe('--arrows in the 3-D view (hostile review)', () => {
  it('says it is drawn only in 2-D', () => {
    const warnings: unknown[] = [];
    resolveConfig({ model: 'linear', arrows: true, view: '3d', out: 'x.gif' }, (w) => warnings.push(w));
    expect(warnings).toContainEqual({ code: 'optionIgnored', option: '--arrows', reason: 'it applies to --view 2d' });
  });
});
