import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DataError, parseCsv, prepareData, readTable, type Cell, type PreparedData, type Table } from '../../../src/runner/data';

function table(columns: string[], rows: Cell[][]): Table {
  return { file: 'data.csv', columns, rows, lines: rows.map((_, index) => index + 2) };
}

/** Class counts among labels `y` (class indices). */
function countClasses(y: Float32Array, classCount: number): number[] {
  const counts = new Array<number>(classCount).fill(0);
  for (const label of y) counts[label] = (counts[label] ?? 0) + 1;
  return counts;
}

function assertStratified(data: PreparedData, classTotals: readonly number[]): void {
  for (const fold of data.folds) {
    const counts = countClasses(fold.yVal, data.classes.length);
    classTotals.forEach((total, label) => {
      const expected = (total * fold.valCount) / data.sampleCount;
      assert.ok(Math.abs((counts[label] ?? 0) - expected) <= 1, `class ${label}: ${counts[label]} in validation, expected ≈ ${expected}`);
    });
  }
}

describe('prepareData on the example data', () => {
  it('iris: classification over 3 species, stratified 20% hold-out by default', async () => {
    const data = prepareData(await readTable('examples/iris/data/iris.csv'), { target: 'species', seed: 7 });
    assert.equal(data.task, 'classification');
    assert.deepEqual(data.classes, ['setosa', 'versicolor', 'virginica']);
    assert.deepEqual(data.featureNames, ['sepal_length', 'sepal_width', 'petal_length', 'petal_width']);
    assert.equal(data.folds.length, 1);
    const [fold] = data.folds;
    assert.ok(fold);
    assert.equal(fold.valCount, 30);
    assert.equal(fold.trainCount, 120);
    assert.deepEqual(countClasses(fold.yVal, 3), [10, 10, 10]);
    assert.equal(fold.xTrain.length, 120 * 4);
    assert.equal(fold.xVal.length, 30 * 4);
    assert.deepEqual(data.warnings, []);
  });

  it('digits: 10 classes and 64 features, 5 stratified folds', async (t) => {
    const digits = await readTable('examples/digits/data/digits.csv');
    const started = performance.now();
    const data = prepareData(digits, { target: 'digit', seed: 1, validation: { kfold: 5 } });
    const elapsed = performance.now() - started;
    t.diagnostic(`digits 5-fold prepared in ${elapsed.toFixed(1)} ms`);
    assert.equal(data.task, 'classification');
    assert.deepEqual(data.classes, ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    assert.equal(data.featureCount, 64);
    assert.equal(data.featureNames[63], 'p63');
    assert.equal(data.sampleCount, 1797);
    const sizes = data.folds.map((fold) => fold.valCount);
    assert.equal(Math.max(...sizes) - Math.min(...sizes) <= 1, true);
    const totals = countClasses(Float32Array.from(digits.rows, (row) => Number(row[64])), 10);
    assertStratified(data, totals);
  });

  it('diabetes: regression on the raw progression value', async () => {
    const diabetes = await readTable('examples/diabetes/data/diabetes.csv');
    const data = prepareData(diabetes, { target: 'progression', seed: 3, validation: 0.25 });
    assert.equal(data.task, 'regression');
    assert.deepEqual(data.classes, []);
    assert.equal(data.featureCount, 10);
    const [fold] = data.folds;
    assert.ok(fold);
    assert.equal(fold.valCount, Math.round(0.25 * 442));
    const targets = diabetes.rows.map((row) => Number(row[10])).sort((a, b) => a - b);
    assert.deepEqual([...fold.yTrain, ...fold.yVal].sort((a, b) => a - b), targets);
  });
});

describe('task detection', () => {
  const detect = (targets: Cell[]): PreparedData =>
    prepareData(table(['x', 'y'], targets.map((value, index) => [index, value])), { target: 'y', seed: 0, validation: 0.5 });

  it('reads few whole numbers as classes, in numeric order', () => {
    const data = detect([10, 2, 1, 2, 10, 1]);
    assert.equal(data.task, 'classification');
    assert.deepEqual(data.classes, ['1', '2', '10']);
  });

  it('reads fractions, or more than 20 distinct whole numbers, as regression', () => {
    assert.equal(detect([0.5, 1, 2, 3]).task, 'regression');
    assert.equal(detect(Array.from({ length: 21 }, (_, index) => index)).task, 'regression');
    assert.equal(detect(Array.from({ length: 40 }, (_, index) => index % 20)).task, 'classification');
  });

  it('reads any string or boolean target as classes, in string order', () => {
    assert.deepEqual(detect(['b', 'a', 'b', 'a']).classes, ['a', 'b']);
    assert.deepEqual(detect([true, false, true, false]).classes, ['false', 'true']);
    assert.deepEqual(detect([1, 'x', 2, 'x']).classes, ['1', '2', 'x']);
  });

  it('needs at least two classes', () => {
    assert.throws(() => detect(['a', 'a', 'a']), /data\.csv: the target "y" has a single value \("a"\); classification needs at least two classes/);
  });
});

describe('target errors', () => {
  const iris = parseCsv('sepal_length,species\n5.1,setosa\n4.9,\n6.3,virginica\n5.0,\n', 'iris.csv');

  it('names a missing target, suggests the near miss and lists the columns', () => {
    assert.throws(
      () => prepareData(iris, { target: 'specis', seed: 0 }),
      (error: unknown) =>
        error instanceof DataError &&
        error.line === null &&
        error.message === 'iris.csv: there is no target column "specis" (did you mean "species"?); columns: sepal_length, species',
    );
  });

  it('names the lines whose target is empty', () => {
    assert.throws(
      () => prepareData(iris, { target: 'species', seed: 0 }),
      (error: unknown) => error instanceof DataError && error.line === 3 && /^iris\.csv:3: the target "species" is empty on 2 rows \(lines 3, 5\)/.test(error.message),
    );
  });

  it('needs a feature besides the target and rows to learn from', () => {
    assert.throws(() => prepareData(table(['y'], [[1], [2]]), { target: 'y', seed: 0 }), /no feature columns besides the target "y"/);
    assert.throws(() => prepareData(table(['x', 'y'], []), { target: 'y', seed: 0 }), /there are no data rows/);
  });
});
