import { warningText } from '../../src/warnings';
import { messages } from '../../src/errors';
import { loadDataset, DataRequest } from '../../src/data';
import { readLabels } from '../../src/data/labels';
import { expectError, tempDir } from './helpers';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

let count = 0;
function logistic(text: string, extra: Partial<DataRequest> = {}) {
  const path = tmp.file(`l${count++}.csv`, text);
  const warnings: string[] = [];
  const data = loadDataset({ model: 'logistic', data: path, x: 'x', y: 'y', points: 100, seed: 's', ...extra }, (m) =>
    warnings.push(warningText(m)),
  );
  return { data, warnings };
}
const attempt = (text: string, extra: Partial<DataRequest> = {}) => () => logistic(text, extra);

describe('logistic labels', () => {
  test('0/1 numbers (also written 0.0 / 1.0); missing labels skip the row', () => {
    const { data, warnings } = logistic('x,y\n1,0\n2,1\n3,1.0\n4,NA\n5,0.0\n');
    expect(Array.from(data.y)).toEqual([0, 1, 1, 0]);
    expect(Array.from(data.x)).toEqual([1, 2, 3, 5]);
    expect(data.classNames).toEqual(['0', '1']);
    expect(data.positive).toBeUndefined();
    expect(warnings).toEqual([messages.skippedRows(1, 5, 'x', 'y')]);
  });

  test('true/false and yes/no in any case', () => {
    const tf = logistic('x,y\n1,true\n2,FALSE\n3,True\n4,\n').data;
    expect(Array.from(tf.y)).toEqual([1, 0, 1]);
    expect(tf.classNames).toEqual(['FALSE', 'true']);
    const yn = logistic('x,y\n1,no\n2,Yes\n3,NO\n').data;
    expect(Array.from(yn.y)).toEqual([0, 1, 0]);
    expect(yn.classNames).toEqual(['no', 'Yes']);
  });

  test('a text column with --positive: one against the rest, trimmed', () => {
    const { data } = logistic('x,y\n1,cat\n2, dog \n3,bird\n4,?\n5,dog\n', { positive: ' dog' });
    expect(Array.from(data.y)).toEqual([0, 1, 0, 1]);
    expect(data.positive).toBe('dog');
    expect(data.classNames).toEqual(['not dog', 'dog']);
    expect(data.skipped).toBe(1);
  });

  test('--positive on a column of exactly two values names class 0 by the other one, not "not X"', () => {
    const { data } = logistic('x,y\n1,FEMALE\n2,MALE\n3,.\n4,FEMALE\n', { positive: 'MALE' });
    expect(Array.from(data.y)).toEqual([0, 1, 0]);
    expect(data.classNames).toEqual(['FEMALE', 'MALE']);
    // Missing cells are not a third value; a third real value brings "not X" back.
    expect(logistic('x,y\n1,FEMALE\n2,MALE\n3,OTHER\n', { positive: 'MALE' }).data.classNames).toEqual(['not MALE', 'MALE']);
  });

  test('--positive on a numeric column matches the value, as text or as a number', () => {
    const { data } = logistic('x,y\n1,3\n2,4\n3,3.0\n4,8\n', { positive: '3' });
    expect(Array.from(data.y)).toEqual([1, 0, 1, 0]);
    expect(data.classNames).toEqual(['not 3', '3']);
  });

  test('--positive turns true/false around too', () => {
    expect(Array.from(logistic('x,y\n1,true\n2,false\n', { positive: 'false' }).data.y)).toEqual([0, 1]);
  });

  test('--positive is ignored by linear regression', () => {
    const { data } = logistic('x,y\n1,3\n2,4\n', { model: 'linear', positive: '3' });
    expect(Array.from(data.y)).toEqual([3, 4]);
    expect(data.positive).toBeUndefined();
    expect(data.classNames).toBeUndefined();
  });

  test('a text column without --positive lists the values found', () => {
    expectError(attempt('x,y\n1,cat\n2,dog\n3,cat\n4,NA\n5,bird\n'), messages.labelsNeedPositive('y', ['cat', 'dog', 'bird']));
    expectError(attempt('x,y\n1,0\n2,1\n3,true\n'), messages.labelsNeedPositive('y', ['0', '1', 'true']));
  });

  test('--positive that does not occur', () => {
    expectError(attempt('x,y\n1,cat\n2,dog\n', { positive: 'Cat' }), messages.positiveNotFound('Cat', 'y', ['cat', 'dog']));
  });

  test('numbers other than 0 and 1', () => {
    expectError(attempt('x,y\n1,2\n2,1\n3,2\n'), messages.labelsNotZeroOne('y', ['1', '2']));
    expectError(attempt('x,y\n1,0\n2,1\n3,2\n'), messages.notTwoClasses('y', ['0', '1', '2']));
    expectError(attempt('x,y\n1,0.5\n2,0.5\n'), messages.notTwoClasses('y', ['0.5']));
  });

  test('only one class among the usable rows', () => {
    expectError(attempt('x,y\n1,1\n2,1\nNA,0\n'), messages.oneClassOnly('y', '1'));
    expectError(attempt('x,y\n1,0\n2,0\n'), messages.oneClassOnly('y', '0'));
    expectError(attempt('x,y\n1,cat\n2,cat\nNA,dog\n', { positive: 'cat' }), messages.oneClassOnly('y', 'cat'));
    expectError(attempt('x,y\n1,cat\n2,cat\nNA,dog\n', { positive: 'dog' }), messages.oneClassOnly('y', 'cat'));
  });
});

describe('readLabels', () => {
  test('marks missing cells as NaN', () => {
    const labels = readLabels(['1', undefined, 'NA', '0'], 'y');
    expect(Array.from(labels.y).map((v) => (Number.isNaN(v) ? 'NaN' : v))).toEqual([1, 'NaN', 'NaN', 0]);
  });
});
