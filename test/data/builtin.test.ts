import { warningText } from '../../src/warnings';
import { existsSync, readFileSync } from 'fs';
import { messages } from '../../src/errors';
import { datasetPath, listDatasets, loadDataset, parseCsvText, resolveSource, DataRequest } from '../../src/data';
import { expectError, tempDir } from './helpers';

const sum = (a: Float64Array) => a.reduce((s, v) => s + v, 0);

function load(extra: Partial<DataRequest>) {
  const warnings: string[] = [];
  const data = loadDataset({ model: 'linear', points: 100, seed: 's', ...extra }, (w) => warnings.push(warningText(w)));
  return { data, warnings };
}

describe('the built-in data sets', () => {
  test('index.json matches the files: rows, and suggested columns that exist', () => {
    const sets = listDatasets();
    expect(sets.map((d) => d.name)).toEqual(['penguins', 'cars']);
    for (const d of sets) {
      expect(existsSync(datasetPath(d))).toBe(true);
      const table = parseCsvText(readFileSync(datasetPath(d), 'utf8'), d.name);
      expect(table.rows.length).toBe(d.rows);
      for (const col of [d.suggested.linear.x, d.suggested.linear.y, d.suggested.logistic.x, d.suggested.logistic.y]) {
        expect(table.header).toContain(col);
      }
      expect(d.description.length).toBeGreaterThan(0);
      expect(d.source.length).toBeGreaterThan(0);
      expect(d.licence.length).toBeGreaterThan(0);
    }
  });

  test('penguins, linear, default columns: 342 usable rows, 2 skipped', () => {
    const { data, warnings } = load({ data: 'penguins' });
    expect(data).toMatchObject({ xName: 'Flipper Length (mm)', yName: 'Body Mass (g)', source: 'penguins', skipped: 2 });
    expect(data.x.length).toBe(342);
    expect(sum(data.x)).toBe(68713);
    expect(sum(data.y)).toBe(1437000);
    expect([data.x[0], data.y[0]]).toEqual([181, 3750]);
    // A built-in set's own gaps are no warning (issue 17): "mlvis datasets" and data.skipped say them.
    expect(warnings).toEqual([]);
  });

  test('penguins, logistic, default columns: Sex with MALE positive; "." and blanks skipped', () => {
    const { data, warnings } = load({ model: 'logistic', data: 'penguins' });
    expect(data).toMatchObject({ xName: 'Body Mass (g)', yName: 'Sex', positive: 'MALE', skipped: 11 });
    expect(data.classNames).toEqual(['FEMALE', 'MALE']);
    expect(data.x.length).toBe(333);
    expect(sum(data.y)).toBe(168);
    expect(sum(data.x)).toBe(1400950);
    expect(warnings).toEqual([]);
  });

  test('penguins, logistic, the issue\'s command: --x "Body Mass (g)" --y Sex --positive MALE', () => {
    const explicit = load({ model: 'logistic', data: 'penguins', x: 'Body Mass (g)', y: 'Sex', positive: 'MALE' }).data;
    const defaults = load({ model: 'logistic', data: 'penguins' }).data;
    expect(explicit).toEqual(defaults);
  });

  test('mlp on two features of a built-in set: the logistic suggestion\'s label and positive class, not the linear y', () => {
    const beak = 'Beak Length (mm),Beak Depth (mm)';
    const implicit = load({ model: 'mlp', data: 'penguins', x: beak }).data;
    expect(implicit).toEqual(load({ model: 'mlp', data: 'penguins', x: beak, y: 'Sex', positive: 'MALE' }).data);
    expect([implicit.yName, implicit.classNames, implicit.x.length, sum(implicit.y)]).toEqual(['Sex', ['FEMALE', 'MALE'], 333, 168]);
    // A --positive of one's own still applies to that label; a named y is kept.
    expect(sum(load({ model: 'mlp', data: 'penguins', x: beak, positive: 'FEMALE' }).data.y)).toBe(165);
    expect(load({ model: 'mlp', data: 'penguins', x: beak, y: 'Species', positive: 'Gentoo' }).data.yName).toBe('Species');
    // A feature that is that default label is refused as such (no --y was given to blame).
    expectError(() => load({ model: 'mlp', data: 'cars', x: 'Horsepower,Origin' }), messages.featureIsDefaultY('Origin'));
    // One feature stays regression on the linear suggestion, as the README has it.
    expect(load({ model: 'mlp', data: 'penguins' }).data.yName).toBe('Body Mass (g)');
  });

  test('the suggested positive applies to the suggested y only', () => {
    const species = ['Adelie', 'Chinstrap', 'Gentoo'];
    expectError(() => load({ model: 'logistic', data: 'penguins', y: 'Species' }), messages.labelsNeedPositive('Species', species));
    const gentoo = load({ model: 'logistic', data: 'penguins', y: 'Species', positive: 'Gentoo' }).data;
    expect(gentoo.x.length).toBe(342);
    expect(sum(gentoo.y)).toBe(123);
    expect(gentoo.classNames).toEqual(['not Gentoo', 'Gentoo']);
  });

  test('--positive overrides the suggested one', () => {
    const female = load({ model: 'logistic', data: 'penguins', positive: 'FEMALE' }).data;
    expect(sum(female.y)).toBe(165);
  });

  test('cars, both models', () => {
    const linear = load({ data: 'cars' });
    expect(linear.data).toMatchObject({ xName: 'Horsepower', yName: 'Miles_per_Gallon', skipped: 14 });
    expect(linear.data.x.length).toBe(392);
    expect(sum(linear.data.x)).toBe(40952);
    expect(sum(linear.data.y)).toBeCloseTo(9190.8, 9);
    const logistic = load({ model: 'logistic', data: 'cars' }).data;
    expect(logistic).toMatchObject({ xName: 'Horsepower', yName: 'Origin', positive: 'USA', skipped: 6 });
    expect(logistic.x.length).toBe(400);
    expect(sum(logistic.y)).toBe(250);
  });

  test('--positive 3 on the numeric Cylinders column', () => {
    const { data } = load({ model: 'logistic', data: 'cars', y: 'Cylinders', positive: '3' });
    expect(data.x.length).toBe(400);
    expect(sum(data.y)).toBe(4);
    expect(data.classNames).toEqual(['not 3', '3']);
    expectError(
      () => load({ model: 'logistic', data: 'cars', y: 'Cylinders' }),
      messages.notTwoClasses('Cylinders', ['8', '4', '6', '3', '5']),
    );
  });

  test('an unknown column lists the built-in set\'s columns', () => {
    const header = parseCsvText(readFileSync(datasetPath(listDatasets()[0]), 'utf8'), 'penguins').header;
    expectError(() => load({ data: 'penguins', x: 'flipper' }), messages.unknownColumn('--x', 'flipper', header));
  });
});

describe('resolveSource', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  test('a bare built-in name is the built-in set; anything with a slash or a dot is a path', () => {
    expect(resolveSource('penguins').builtin?.name).toBe('penguins');
    expect(resolveSource('./penguins')).toEqual({ path: './penguins' });
    expect(resolveSource('penguins.csv')).toEqual({ path: 'penguins.csv' });
    expectError(() => load({ data: 'penguins.csv' }), messages.fileNotFound('penguins.csv'));
  });

  test('a bare word naming an existing file is that file', () => {
    tmp.file('mydata', 'a,b\n1,2\n2,3\n');
    const cwd = process.cwd();
    process.chdir(tmp.dir);
    try {
      const { data } = load({ data: 'mydata' });
      expect(data.source).toBe('mydata');
      expect(Array.from(data.y)).toEqual([2, 3]);
    } finally {
      process.chdir(cwd);
    }
  });
});
