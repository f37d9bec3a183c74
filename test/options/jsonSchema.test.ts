/**
 * The job JSON Schema accepts what a batch accepts (newcomer review): the library's names and values and the
 * command line's names and text; it still refuses what the batch refuses by shape (an unknown key, a wrong
 * kind of value). Checked with a real JSON Schema validator (ajv).
 */
import Ajv from 'ajv';
import { jobJsonSchema } from '../../src/options/jsonSchema';
import { readJobs } from '../../src/batch';

const validate = new Ajv({ strict: false, allErrors: true }).compile(jobJsonSchema());
const valid = (job: Record<string, unknown>) => {
  const ok = validate(job) as boolean;
  return ok ? true : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
};

it('takes the command line’s spellings that the batch takes', () => {
  const jobs = [
    { model: 'linear', iters: 300, size: '800x400', panels: 'surface,fit,loss', optimizer: 'gd,momentum,adam', out: 'race.gif' },
    { model: 'linear', lr: '0.02,0.2', noStandardize: true, batchSize: '8', init: '-2,5', out: 'sweep.gif' },
    { model: 'function', function: 'rosenbrock', domain: '-2:2,-1:3', optimizer: 'adam', out: 'r.gif' },
    { model: 'linear', iterations: 300, width: 800, height: 400, panels: ['surface', 'fit'], out: 'lib.gif' },
  ];
  for (const job of jobs) expect([job, valid(job)]).toEqual([job, true]);
  // And the batch reads every one of them.
  expect(readJobs(JSON.stringify(jobs), '/base', 'jobs.json')).toHaveLength(jobs.length);
});

it('still refuses an unknown key and a wrong kind of value', () => {
  expect(valid({ model: 'linear', iter: 300 })).not.toBe(true);
  expect(valid({ model: 'linear', iters: true })).not.toBe(true);
  expect(valid({ model: 'linear', size: 'big' })).not.toBe(true);
});
