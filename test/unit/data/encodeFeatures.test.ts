import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { prepareData, readTable, type Cell, type Table } from '../../../src/runner/data';

/** Rows given without the target; an `id` target (id + 0.5, so regression) is appended to track rows through splits. */
function withIds(columns: string[], rows: Cell[][]): Table {
  const tracked = rows.map((row, id) => [...row, id + 0.5]);
  return { file: 't.csv', columns: [...columns, 'id'], rows: tracked, lines: rows.map((_, id) => id + 2) };
}

const rowIds = (y: Float32Array): number[] => [...y].map((value) => value - 0.5);

/** The `count × width` matrix `x` as rows. */
function rowsOf(x: Float32Array, count: number, width: number): number[][] {
  return Array.from({ length: count }, (_, row) => [...x.subarray(row * width, (row + 1) * width)]);
}

function meanAndStd(values: number[]): { mean: number; std: number } {
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / values.length;
  return { mean, std: Math.sqrt(variance) };
}

describe('numeric features', () => {
  it('standardise with the statistics of the training rows only', () => {
    const raw = Array.from({ length: 30 }, (_, id) => (id * 37) % 11 + id / 3);
    const data = prepareData(withIds(['x'], raw.map((value) => [value])), { target: 'id', seed: 9, validation: { kfold: 3 } });
    let largestValidationMean = 0;
    for (const fold of data.folds) {
      const { mean, std } = meanAndStd(rowIds(fold.yTrain).map((id) => raw[id] ?? NaN));
      rowIds(fold.yTrain).forEach((id, row) => assert.ok(Math.abs((fold.xTrain[row] ?? NaN) - ((raw[id] ?? NaN) - mean) / std) < 1e-5));
      rowIds(fold.yVal).forEach((id, row) => assert.ok(Math.abs((fold.xVal[row] ?? NaN) - ((raw[id] ?? NaN) - mean) / std) < 1e-5));
      const trainStats = meanAndStd([...fold.xTrain]);
      assert.ok(Math.abs(trainStats.mean) < 1e-6 && Math.abs(trainStats.std - 1) < 1e-5, JSON.stringify(trainStats));
      largestValidationMean = Math.max(largestValidationMean, Math.abs(meanAndStd([...fold.xVal]).mean));
    }
    // Had the whole table been standardised, validation means would be ~0 too; with train-only statistics they are not.
    assert.ok(largestValidationMean > 0.01, `validation means all ≈ 0 (${largestValidationMean})`);
  });

  it('iris: every training column centred, validation columns not forced to 0', async () => {
    const data = prepareData(await readTable('examples/iris/data/iris.csv'), { target: 'species', seed: 2, validation: { kfold: 5 } });
    const validationMeans: number[] = [];
    for (const fold of data.folds) {
      const train = rowsOf(fold.xTrain, fold.trainCount, 4);
      const val = rowsOf(fold.xVal, fold.valCount, 4);
      for (let column = 0; column < 4; column++) {
        assert.ok(Math.abs(meanAndStd(train.map((row) => row[column] ?? NaN)).mean) < 1e-5);
        validationMeans.push(Math.abs(meanAndStd(val.map((row) => row[column] ?? NaN)).mean));
      }
    }
    assert.ok(Math.max(...validationMeans) > 1e-3);
  });

  it('fill a missing value with the training mean (0 once standardised) and leave a constant column at 0', () => {
    const data = prepareData(withIds(['x', 'flat'], [[1, 5], [null, 5], [3, 5], [5, 5]]), { target: 'id', seed: 0, validation: { kfold: 2 } });
    for (const fold of data.folds) {
      const all = [...rowsOf(fold.xTrain, fold.trainCount, 2), ...rowsOf(fold.xVal, fold.valCount, 2)];
      const ids = [...rowIds(fold.yTrain), ...rowIds(fold.yVal)];
      all.forEach((row, index) => {
        assert.equal(row[1], 0, 'a constant column standardises to 0, not NaN');
        if (ids[index] === 1) assert.equal(row[0], 0);
        assert.ok(row.every(Number.isFinite));
      });
    }
  });
});

describe('categorical features', () => {
  const colours: Cell[] = ['red', 'green', 'blue', 'red', 'green', 'blue', 'purple', null, 'red'];
  const data = prepareData(withIds(['size', 'colour'], colours.map((colour, id) => [id, colour])), { target: 'id', seed: 3, validation: { kfold: 3 } });

  it('one-hot encode with sorted category names after the numeric columns', () => {
    assert.deepEqual(data.featureNames, ['size', 'colour=blue', 'colour=green', 'colour=purple', 'colour=red']);
    assert.equal(data.featureCount, 5);
  });

  it('encode a category, a missing value and a category unseen in training', () => {
    const purpleId = colours.indexOf('purple');
    for (const fold of data.folds) {
      const purpleInValidation = rowIds(fold.yVal).includes(purpleId);
      const parts: [number[], number[][]][] = [
        [rowIds(fold.yTrain), rowsOf(fold.xTrain, fold.trainCount, 5)],
        [rowIds(fold.yVal), rowsOf(fold.xVal, fold.valCount, 5)],
      ];
      for (const [ids, rows] of parts) {
        ids.forEach((id, index) => {
          const oneHot = rows[index]?.slice(1) ?? [];
          const colour = colours[id];
          if (colour === null || (colour === 'purple' && purpleInValidation)) {
            assert.deepEqual(oneHot, [0, 0, 0, 0], `row ${id} (${String(colour)})`);
          } else {
            const expected = ['blue', 'green', 'purple', 'red'].map((name) => (name === colour ? 1 : 0));
            assert.deepEqual(oneHot, expected, `row ${id} (${String(colour)})`);
          }
        });
      }
    }
    assert.equal(data.folds.filter((fold) => rowIds(fold.yVal).includes(purpleId)).length, 1);
  });

  it('treat booleans as categories', () => {
    const flags = prepareData(withIds(['flag'], [[true], [false], [true], [false]]), { target: 'id', seed: 0 });
    assert.deepEqual(flags.featureNames, ['flag=false', 'flag=true']);
  });

  it('warn about a numeric column spoilt by text, and about identifier-like columns', () => {
    const rows: Cell[][] = Array.from({ length: 30 }, (_, id) => [id === 17 ? '?' : id, `user-${id}`]);
    const warned = prepareData(withIds(['age', 'user'], rows), { target: 'id', seed: 0 });
    assert.deepEqual(warned.warnings, [
      'column "age" is one-hot encoded as categorical because of "?" on line 19, though 29 of its values are numbers',
      'column "user" has 30 distinct values in 30 rows, which one-hot encoding turns into 30 features; drop it if it is an identifier or free text',
    ]);
  });
});
