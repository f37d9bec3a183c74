import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI_OPTIONS, OPTION_TABLE, type OptionSpec } from '../../src/config';
import { toRunOptions } from '../../src/cli';
import { mlvisInProcess } from '../helpers/cli';

describe('the command line is built from the option table', () => {
  it('--help lists every flag of the table with its help line and default, in its group', async () => {
    const r = await mlvisInProcess(['logistic', '--help']);
    expect(r.code).toBe(0);
    const help = r.stdout.replace(/\s+/g, ' ');
    for (const spec of Object.values({ ...OPTION_TABLE, ...CLI_OPTIONS }) as OptionSpec[]) {
      // mlvis function's own flags are listed by its --help (below), not by the models of data.
      if (!spec.flag || spec.applies?.objective === 'function' || spec.applies?.model) continue;
      expect(help).toContain(spec.flag);
      expect(help).toContain(spec.help.replace(/\s+/g, ' '));
    }
    expect(help).toMatch(/--iters <n> iterations, i\.e\. updates \(default 1000\)/);
    expect(help).toMatch(/Training options:.*--optimizer.*Animation options:.*--out/);
  });

  it('poly --help lists --degree and --plane, and not --standardize (a polynomial always standardizes)', async () => {
    const help = (await mlvisInProcess(['poly', '--help'])).stdout.replace(/\s+/g, ' ');
    expect(help).toMatch(/Usage: mlvis poly \[options\] animate gradient descent on polynomial regression/);
    expect(help).toContain('--degree <K> poly: the degree K of y = a0 + a1*(x - mean) + ... + aK*(x - mean)^K (1 to 12) (default 3)');
    expect(help).toMatch(/--plane <pca\|pair:I,J\|random> more than two weights \(poly, --x a,b, mlp, softmax\): the plane drawn: .* \(default pca\)/);
    expect(help).not.toMatch(/--(no-)?standardize /);
    expect((await mlvisInProcess(['linear', '--help'])).stdout).not.toMatch(/--degree/);
    // Linear regression on two features has three weights: its --help offers --plane.
    expect((await mlvisInProcess(['linear', '--help'])).stdout).toMatch(/--plane/);
  });

  it('function --help lists its own flags and the shared ones, not the data options', async () => {
    const help = (await mlvisInProcess(['function', '--help'])).stdout.replace(/\s+/g, ' ');
    for (const spec of Object.values({ ...OPTION_TABLE, ...CLI_OPTIONS }) as OptionSpec[]) {
      if (!spec.flag) continue;
      if (spec.applies?.objective === 'data' || spec.applies?.model) expect(help).not.toContain(`${spec.flag} `);
      // Only sgd and minibatch read these, and a function refuses both: not offered.
      else if (['--batch-size', '--reference-path'].includes(spec.flag)) expect(help).not.toContain(`${spec.flag} `);
      else if (spec.flag === '--init') expect(help).toContain('--init <x,y> the starting point');
      else if (spec.flag === '--optimizer') expect(help).toMatch(/race from the same start: gd, momentum, .*newton \(sgd and minibatch sample data; a function has none\)/);
      else expect(help).toContain(spec.help.replace(/\s+/g, ' '));
    }
    expect(help).toMatch(/Usage: mlvis function \[options\] \[name\]/);
    expect(help).toContain('(default surface,loss)');
  });

  it('linear --help leaves out the logistic-only flags, which still only warn (issue 17)', async () => {
    const help = (await mlvisInProcess(['linear', '--help'])).stdout;
    expect(help).not.toMatch(/--positive|--labels/);
    expect(help).toMatch(/--iters/);
    const r = await mlvisInProcess(['linear', '--positive', 'x', '--iters', '3', '--summary', '-']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('--positive is ignored');
  });

  it('turns each flag into the library option of the same declaration', () => {
    const o = toRunOptions('linear', {
      iters: '20',
      optimizer: 'gd,adam',
      lr: 'gd=0.1,adam=0.05',
      batchSize: '4,8',
      out: ['a.gif', 'a.mp4'],
      frame: '0,last',
      size: '640x320',
      panels: 'surface,loss',
      standardize: false,
      init: '-2,5',
    });
    expect(o).toEqual({
      model: 'linear',
      iterations: 20,
      optimizer: ['gd', 'adam'],
      lr: { gd: 0.1, adam: 0.05 },
      batchSize: [4, 8],
      out: ['a.gif', 'a.mp4'],
      frame: [0, 'last'],
      width: 640,
      height: 320,
      panels: ['surface', 'loss'],
      standardize: false,
      init: [-2, 5],
    });
  });

  it('turns the slide flags into their library options', () => {
    const o = toRunOptions('logistic', { title: 'Sex from mass', xlabel: 'mass (g)', ylabel: 'P(male)', labels: ' female , male ', fontScale: '1.5' });
    expect(o).toEqual({ model: 'logistic', title: 'Sex from mass', xlabel: 'mass (g)', ylabel: 'P(male)', labels: ['female', 'male'], fontScale: 1.5 });
  });

  it('draws a slide with every slide flag, and --help lists them under Text options', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mlvis-slide-'));
    try {
      const out = join(dir, 'slide.png');
      const args = ['logistic', '--data', 'penguins', '--iters', '20', '--size', '640x320', '--out', out];
      const slide = ['--title', 'Sex from mass', '--xlabel', 'mass (g)', '--ylabel', 'P(male)', '--labels', 'female,male', '--font-scale', '1.3'];
      const r = await mlvisInProcess([...args, ...slide]);
      expect(r.code).toBe(0);
      // Every slide flag applies to this run: none is reported as ignored.
      expect(r.stderr).not.toMatch(/ignored/);
      expect(r.stderr).toContain(`mlvis: wrote ${out} (1 frame`);
      const plain = join(dir, 'plain.png');
      expect((await mlvisInProcess([...args.slice(0, -1), plain])).code).toBe(0);
      expect(readFileSync(out).equals(readFileSync(plain))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const help = (await mlvisInProcess(['logistic', '--help'])).stdout.replace(/\s+/g, ' ');
    expect(help).toMatch(/Text options: --title <text>.*--xlabel <text>.*--ylabel <text>.*--labels <name0,name1>.*--font-scale <f>.*\(default 1\)/);
  });

  it('reads MLVIS_FFMPEG in one place, the encoder, from the environment the command line was given', async () => {
    // The option itself stays unset: the environment is not an option anybody gave for this run.
    expect(toRunOptions('linear', { out: ['a.gif', 'a.mp4'] }).ffmpeg).toBeUndefined();
    const dir = mkdtempSync(join(tmpdir(), 'mlvis-env-'));
    try {
      const missing = join(dir, 'no-such-ffmpeg');
      const r = await mlvisInProcess(['linear', '--iters', '20', '--frames', '2', '--size', '320x200', '--out', join(dir, 'a.mp4')], { env: { MLVIS_FFMPEG: missing } });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(missing);
      // --ffmpeg wins over the environment.
      const { path } = require('@ffmpeg-installer/ffmpeg') as { path: string };
      const ok = await mlvisInProcess(['linear', '--iters', '20', '--frames', '2', '--size', '320x200', '--ffmpeg', path, '--out', join(dir, 'b.mp4')], { env: { MLVIS_FFMPEG: missing } });
      expect(ok.code).toBe(0);
      // A GIF run never looks for ffmpeg.
      const gif = await mlvisInProcess(['linear', '--iters', '20', '--frames', '2', '--size', '320x200', '--out', join(dir, 'c.gif')], { env: { MLVIS_FFMPEG: missing } });
      expect(gif.code).toBe(0);
      expect(gif.stderr).not.toMatch(/ffmpeg/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('--progress json on a single run', () => {
  it('writes only JSON lines on stderr: frames, warnings, the finished run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mlvis-json-'));
    try {
      const out = join(dir, 'a.gif');
      const r = await mlvisInProcess(['linear', '--iters', '200', '--frames', '3', '--size', '320x200', '--momentum', '0.5', '--out', out, '--progress', 'json']);
      expect(r.code).toBe(0);
      const lines = r.stderr.trim().split('\n').map((l) => JSON.parse(l));
      expect(lines.map((l) => l.event)).toEqual(['warning', 'frame', 'frame', 'frame', 'job']);
      // The library's shape for files, and the warning's code (issue 17).
      expect(lines[0]).toMatchObject({ event: 'warning', code: 'optionIgnored', message: expect.stringContaining('--momentum') });
      expect(lines[4]).toMatchObject({ event: 'job', job: 0, status: 'ok', outputs: [{ path: out, format: 'gif', frames: 3, bytes: expect.any(Number) }] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('--progress json when the run fails', () => {
  it('the failure is one JSON line and stderr stays JSON only', async () => {
    const r = await mlvisInProcess(['linear', '--data', '/nonexistent/nope.csv', '--out', join(tmpdir(), 'never.gif'), '--progress', 'json']);
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({ event: 'job', status: 'failed', error: expect.stringMatching(/data file not found/) });
  });
});
