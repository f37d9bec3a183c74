import { readJobs, keyWorded } from '../../src/batch';
import { BATCH_EXAMPLE, messages, MlvisError } from '../../src/errors';
import { OPTION_TABLE } from '../../src/config';

function problems(text: string): string {
  try {
    readJobs(text, '/base', 'jobs.json');
  } catch (e) {
    expect((e as MlvisError).exitCode).toBe(2);
    return (e as Error).message;
  }
  throw new Error('expected the jobs to be refused');
}

describe('a jobs file is checked whole before anything renders', () => {
  it('lists every bad field at once, by job index and JSON key', () => {
    const text = JSON.stringify([{ model: 'linear', lr: -1 }, { model: 'linear', colour: 'red', iter: 5 }, { frames: 1 }, { model: 'linear', frames: 10, every: 2 }]);
    expect(problems(text)).toBe(
      messages.badJobs('jobs.json', [
        'jobs[0].lr: -1 must be greater than 0',
        'jobs[1].colour: "red" is not an option mlvis knows',
        'jobs[1].iter: 5 is not an option mlvis knows; the option is called iters',
        'jobs[2].model: is missing (say "linear" or "logistic")',
        'jobs[2].frames: 1 must be at least 2',
        'jobs[3]: frames and every both choose the frames; give only one of them',
      ]),
    );
  });

  it('names a bad default once, and a bad file name beside another problem', () => {
    const text = JSON.stringify({ defaults: { model: 'linear', iter: 5 }, jobs: [{ out: 'q.txt', fps: 0 }, {}] });
    expect(problems(text)).toBe(
      messages.badJobs('jobs.json', [
        'defaults.iter: 5 is not an option mlvis knows; the option is called iters',
        'jobs[0].fps: 0 must be at least 0.1',
        `jobs[0].out: cannot tell the format of "/base/q.txt"; use a name ending in .gif, .mp4, .webm, .png or .html (or .json with format player)`,
      ]),
    );
  });

  it('takes defaults and a bare array, and resolves relative paths against the file', () => {
    const jobs = readJobs(JSON.stringify({ defaults: { model: 'linear', iterations: 5 }, jobs: [{ out: 'a/fit.gif' }, { model: 'logistic', data: 'penguins', out: '/abs/x.png' }] }), '/base', 'jobs.json');
    expect(jobs.map((j) => j.options)).toEqual([
      { model: 'linear', iterations: 5, out: '/base/a/fit.gif' },
      { model: 'logistic', iterations: 5, data: 'penguins', out: '/abs/x.png' },
    ]);
    expect(readJobs('[{"model":"linear","data":"d.csv"}]', '/base', 'j').map((j) => j.options.data)).toEqual(['/base/d.csv']);
  });

  it('refuses two jobs writing one file, also through a sweep or a pattern', () => {
    expect(problems('[{"model":"linear","out":"a.gif"},{"model":"logistic","out":"./a.gif"}]')).toBe(messages.badJobs('jobs.json', ['jobs[0] and jobs[1] both write /base/a.gif']));
    expect(problems('[{"model":"linear","lr":[0.1,0.2],"out":"s.gif"},{"model":"linear","out":"s-lr0.2.gif"}]')).toMatch(/jobs\[0\] and jobs\[1\] both write/);
    expect(problems('[{"model":"linear","out":"f/%03d.png"},{"model":"linear","out":"f/007.png"}]')).toMatch(/jobs\[0\] and jobs\[1\] both write/);
  });

  it('says what is wrong with the file itself', () => {
    expect(problems('{"jobs": [')).toMatch(/^jobs\.json is not JSON: /);
    expect(problems('{"job": []}')).toBe(messages.badJobs('jobs.json', ['job: is not "defaults" or "jobs"']));
    expect(problems('42')).toBe(messages.jobsShape('jobs.json'));
    expect(problems('[3]')).toBe(messages.badJobs('jobs.json', ['jobs[0]: is not an object of options']));
  });

  it('words command-line messages for JSON keys', () => {
    expect(keyWorded('--iters: 2.5 must be a whole number')).toBe('iterations: 2.5 must be a whole number');
    // Advice with numbers is written as the job's JSON (it read "Try lr 0.39 iterations 21").
    expect(keyWorded('Try --lr 0.39 --iters 21 (checked: the same run converges with it)')).toBe('Try "lr": 0.39, "iterations": 21 (checked: the same run converges with it)');
    expect(keyWorded('--lr 1.5e-7 is stable')).toBe('"lr": 1.5e-7 is stable');
    expect(keyWorded(messages.tooNarrow(300, 200, 2, 320))).not.toMatch(/--/);
  });

  it('a "__proto__" key is refused where it stands, not merged away as the prototype', () => {
    expect(() => readJobs('[{"model": "linear", "__proto__": {"iterations": 3}, "out": "a.gif"}]', '/tmp', 'jobs.json')).toThrow('jobs.json has 1 problem, nothing was rendered: jobs[0].__proto__: {"iterations":3} is not an option mlvis knows');
    expect(() => readJobs('{"defaults": {"__proto__": 1}, "jobs": [{"model": "linear"}]}', '/tmp', 'j.json')).toThrow('defaults.__proto__: 1 is not an option');
  });
});

test('a misspelt key names the option it is one or two letters from', () => {
  expect(() => readJobs(JSON.stringify([{ model: 'linear', optimiser: 'adam' }]), '/tmp', 'jobs.json')).toThrow(
    'jobs[0].optimiser: "adam" is not an option mlvis knows; the option is called optimizer',
  );
});

describe('a job may be written with the command line’s names and value forms (issue 17)', () => {
  const one = (job: Record<string, unknown>, defaults: Record<string, unknown> = {}) => readJobs(JSON.stringify({ defaults, jobs: [job] }), '/base', 'jobs.json')[0].options;

  it('takes the long names in camelCase and the command line’s text, as the library’s keys and values', () => {
    const cli = one({ model: 'linear', iters: 300, size: '800x400', panels: 'surface,fit,loss', optimizer: 'gd,momentum,adam', batchSize: '8', init: '-2,5', out: 'r.gif' });
    const lib = one({ model: 'linear', iterations: 300, width: 800, height: 400, panels: ['surface', 'fit', 'loss'], optimizer: ['gd', 'momentum', 'adam'], batchSize: 8, init: [-2, 5], out: 'r.gif' });
    expect(cli).toEqual(lib);
    expect(one({ model: 'linear', lr: '0.02,0.2', out: 's.gif' }).lr).toEqual([0.02, 0.2]);
    expect(one({ model: 'linear', optimizer: 'gd,adam', lr: 'gd=0.1,adam=0.05', out: 's.gif' }).lr).toEqual({ gd: 0.1, adam: 0.05 });
    expect(one({ model: 'logistic', data: 'penguins', labels: 'f,m', frame: '10,last', out: 'p.png' })).toMatchObject({ labels: ['f', 'm'], frame: [10, 'last'] });
    expect(one({ model: 'linear', noStandardize: true }).standardize).toBe(false);
    // Defaults take them too, and a job's own spelling overrides the default's other one.
    expect(one({ model: 'linear', iterations: 7 }, { iters: 300 }).iterations).toBe(7);
  });

  it('words a bad value in the command line’s text by job and key, and refuses two spellings of one option', () => {
    expect(problems(JSON.stringify([{ model: 'linear', lr: '0.1,x' }]))).toBe(messages.badJobs('jobs.json', ['jobs[0].lr: "x" is not a number']));
    expect(problems(JSON.stringify([{ model: 'linear', iters: 2.5 }]))).toBe(messages.badJobs('jobs.json', ['jobs[0].iters: 2.5 must be a whole number']));
    expect(problems(JSON.stringify([{ model: 'linear', size: '800' }]))).toBe(messages.badJobs('jobs.json', [`jobs[0].size: ${messages.badJobSize('"800"')}`]));
    expect(problems(JSON.stringify([{ model: 'linear', iters: 5, iterations: 6 }]))).toBe(messages.badJobs('jobs.json', ['jobs[0]: iters and iterations both set iterations; give it once']));
    expect(problems(JSON.stringify([{ model: 'linear', panels: 'surface,map' }]))).toBe(messages.badJobs('jobs.json', ['jobs[0].panels: "map" is not one of surface, fit, loss']));
  });

  it('never passes on the validator’s own words: every key, every wrong kind of value', () => {
    for (const key of Object.keys(OPTION_TABLE)) {
      for (const value of [{}, [], [{}], 'x', true, 1.5, null, [1, 'a']]) {
        let text = '';
        try {
          readJobs(JSON.stringify([{ model: 'linear', [key]: value }]), '/base', 'jobs.json');
        } catch (e) {
          text = (e as Error).message;
        }
        expect(text).not.toMatch(/Invalid|Expected|received/);
        expect(text).not.toMatch(/\n/);
      }
    }
  });
});

test('the jobs file that mlvis batch --help shows is a valid one', () => {
  expect(readJobs(JSON.stringify(BATCH_EXAMPLE), '/base', 'jobs.json').map((j) => j.config.manifest)).toEqual([true, true, true]);
});
describe('the jobs file as text', () => {
  it('a syntax error, a comment among them, is one line with its place', () => {
    expect(problems('[// the first job\n{"model":"linear"}]')).toBe(messages.jobsNotJson('jobs.json', 'line 1, column 2: a comment; JSON has none, remove it'));
    expect(problems('[\n  {"model": "linear"},\n  /* off */\n]')).toBe(messages.jobsNotJson('jobs.json', 'line 3, column 3: a comment; JSON has none, remove it'));
    expect(problems('[1,]')).toBe(messages.jobsNotJson('jobs.json', 'line 1, column 4: unexpected "]"'));
    expect(problems('{"jobs": [')).toBe(messages.jobsNotJson('jobs.json', 'line 1, column 11: the text ends too early'));
    expect(problems('[{"model":"linear"}]\nx')).toBe(messages.jobsNotJson('jobs.json', 'line 2, column 1: unexpected "x"'));
    expect(problems('{"jobs":\n["a\nb"]}')).not.toMatch(/\n/);
  });

  it('a leading byte-order mark is dropped, as in a CSV file', () => {
    expect(readJobs('\uFEFF[{"model":"linear","out":"a.gif"}]', '/base', 'jobs.json').map((j) => j.options.out)).toEqual(['/base/a.gif']);
  });

  it('a key given twice is refused by its place and name', () => {
    expect(problems('[{"model":"linear"},{"model":"linear","lr":0.1,"lr":0.2}]')).toBe(messages.badJobs('jobs.json', [messages.keyTwice('jobs[1]', 'lr')]));
    expect(problems('{"defaults":{"model":"linear","model":"logistic"},"jobs":[]}')).toBe(messages.badJobs('jobs.json', [messages.keyTwice('defaults', 'model')]));
    expect(problems('{"jobs":[{"model":"linear","lr":[0.1,0.2]}],"jobs":[]}')).toBe(messages.badJobs('jobs.json', [messages.keyTwice('the top level', 'jobs')]));
    expect(problems('{"jobs":[{"model":"linear","out":"x.gif", "o\\u0075t":"y.gif"}]}')).toBe(messages.badJobs('jobs.json', [messages.keyTwice('jobs[0]', 'out')]));
  });

  it('a name no file system takes is refused when the file is checked, as on the command line', () => {
    expect(problems('[{"model":"linear","out":"a\\u0000b.gif"}]')).toBe(messages.badJobs('jobs.json', [`jobs[0].out: ${messages.nulInName('/base/a\u0000b.gif')}`]));
    const long = `/base/${'y'.repeat(256)}/a.gif`;
    expect(problems(JSON.stringify([{ model: 'linear', out: long }]))).toBe(messages.badJobs('jobs.json', [`jobs[0].out: ${messages.nameTooLong(long, 255)}`]));
    expect(problems(JSON.stringify([{ model: 'linear', out: `${'z'.repeat(252)}.gif` }]))).toMatch(/longer than the 255 bytes/);
  });
});
