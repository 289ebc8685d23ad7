import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { prepareData, type Cell, type PreparedData, type Table } from '../../../src/runner/data';
import { allocate } from '../../../src/runner/data/splits';

/**
 * A regression table whose target is a row's id plus one half (never a whole number, so never
 * classes): the y arrays then tell exactly which rows went where.
 */
function idTable(rowCount: number): Table {
  const rows: Cell[][] = Array.from({ length: rowCount }, (_, row) => [row % 7, row + 0.5]);
  return { file: 'ids.csv', columns: ['feature', 'id'], rows, lines: rows.map((_, row) => row + 2) };
}

const idsOf = (y: Float32Array): number[] => [...y].map((value) => value - 0.5);
const sorted = (values: number[]): number[] => [...values].sort((a, b) => a - b);

/** Labels a/b/c in the proportions 60/30/10, plus a feature. */
function skewedTable(): Table {
  const rows: Cell[][] = Array.from({ length: 100 }, (_, row) => [row, row < 60 ? 'a' : row < 90 ? 'b' : 'c']);
  return { file: 'skewed.csv', columns: ['x', 'label'], rows, lines: rows.map((_, row) => row + 2) };
}

function validationClassCounts(data: PreparedData): number[][] {
  return data.folds.map((fold) => [0, 1, 2].map((label) => fold.yVal.filter((y) => y === label).length));
}

describe('splits', () => {
  it('k-fold puts every row in exactly one validation part, and the rest in training', () => {
    const data = prepareData(idTable(53), { target: 'id', seed: 11, validation: { kfold: 4 } });
    assert.equal(data.folds.length, 4);
    const validated = data.folds.flatMap((fold) => idsOf(fold.yVal));
    assert.deepEqual(sorted(validated), Array.from({ length: 53 }, (_, row) => row));
    for (const fold of data.folds) {
      assert.deepEqual(sorted([...idsOf(fold.yTrain), ...idsOf(fold.yVal)]), Array.from({ length: 53 }, (_, row) => row));
      assert.ok(fold.valCount === 13 || fold.valCount === 14, `fold of ${fold.valCount}`);
      assert.equal(fold.trainCount + fold.valCount, 53);
    }
  });

  it('shuffles: training rows are not in file order, and the split depends on the seed', () => {
    const first = prepareData(idTable(40), { target: 'id', seed: 1 });
    const again = prepareData(idTable(40), { target: 'id', seed: 1 });
    const other = prepareData(idTable(40), { target: 'id', seed: 2 });
    assert.deepEqual(again, first);
    const trainIds = idsOf(first.folds[0]?.yTrain ?? new Float32Array());
    assert.notDeepEqual(trainIds, sorted(trainIds));
    assert.notDeepEqual(sorted(idsOf(other.folds[0]?.yVal ?? new Float32Array())), sorted(idsOf(first.folds[0]?.yVal ?? new Float32Array())));
  });

  it('gives the same arrays for the same seed with k-fold classification too', () => {
    const run = (seed: number): PreparedData => prepareData(skewedTable(), { target: 'label', seed, validation: { kfold: 3 } });
    assert.deepEqual(run(5), run(5));
    assert.notDeepEqual(run(5).folds[0]?.xVal, run(6).folds[0]?.xVal);
  });

  it('stratifies a hold-out: each class in validation within one row of its share', () => {
    for (const seed of [0, 1, 2]) {
      const data = prepareData(skewedTable(), { target: 'label', seed, validation: 0.25 });
      assert.equal(data.folds[0]?.valCount, 25);
      const [counts] = validationClassCounts(data);
      // Exact shares are 15, 7.5 and 2.5 rows.
      assert.ok(counts && counts[0] === 15 && Math.abs((counts[1] ?? 0) - 7.5) <= 1 && Math.abs((counts[2] ?? 0) - 2.5) <= 1, String(counts));
    }
  });

  it('stratifies k-fold by dealing each class round-robin', () => {
    const data = prepareData(skewedTable(), { target: 'label', seed: 4, validation: { kfold: 4 } });
    for (const counts of validationClassCounts(data)) {
      assert.ok(Math.abs((counts[0] ?? 0) - 15) <= 1 && Math.abs((counts[1] ?? 0) - 7.5) <= 1 && Math.abs((counts[2] ?? 0) - 2.5) <= 1, String(counts));
    }
  });

  it('still works, with a warning, when a class has fewer rows than folds', () => {
    const rows: Cell[][] = Array.from({ length: 20 }, (_, row) => [row, row < 2 ? 'rare' : 'common']);
    const data = prepareData({ file: 'rare.csv', columns: ['x', 'y'], rows, lines: rows.map((_, row) => row + 2) }, { target: 'y', seed: 0, validation: { kfold: 5 } });
    assert.equal(data.folds.length, 5);
    assert.equal(data.folds.reduce((sum, fold) => sum + fold.valCount, 0), 20);
    assert.deepEqual(data.warnings, ['class "rare" has 2 rows, fewer than the 5 folds: some folds have none of it to validate on']);
  });

  it('sizes a hold-out as round(p·n), at least one row and leaving one to train on', () => {
    const valCount = (rows: number, fraction: number): number | undefined => prepareData(idTable(rows), { target: 'id', seed: 0, validation: fraction }).folds[0]?.valCount;
    assert.equal(valCount(10, 0.33), 3);
    assert.equal(valCount(3, 0.01), 1);
    assert.equal(valCount(3, 0.99), 2);
    assert.equal(valCount(100, 0.2), 20);
  });

  it('refuses a validation setting the data cannot satisfy', () => {
    assert.throws(() => prepareData(idTable(4), { target: 'id', seed: 0, validation: { kfold: 5 } }), /DataError: ids\.csv: 5-fold cross-validation needs at least 5 rows, but there are 4/);
    assert.throws(() => prepareData(idTable(4), { target: 'id', seed: 0, validation: { kfold: 1 } }), /whole number of folds ≥ 2, got 1/);
    assert.throws(() => prepareData(idTable(4), { target: 'id', seed: 0, validation: 1 }), /fraction must be between 0 and 1/);
    assert.throws(() => prepareData(idTable(1), { target: 'id', seed: 0 }), /needs at least 2 rows/);
  });

  it('allocates a total in proportion, within one of exact, keeping a training row per class when it can', () => {
    assert.deepEqual(allocate([60, 30, 10], 25), [15, 8, 2]);
    assert.deepEqual(allocate([1, 1, 8], 2), [0, 0, 2]);
    assert.deepEqual(allocate([2, 2, 2], 5), [2, 2, 1]);
    const takes = allocate([7, 5, 3, 1], 9);
    assert.equal(takes.reduce((sum, take) => sum + take, 0), 9);
    [7, 5, 3, 1].forEach((size, group) => assert.ok(Math.abs((takes[group] ?? 0) - (9 * size) / 16) <= 1));
  });
});
