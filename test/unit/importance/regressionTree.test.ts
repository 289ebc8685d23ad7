// The CART regression tree under the forest: splits where scikit-learn splits, and fits what it should.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fitRegressionTree, predict, sortColumns, type TrainingSet } from '../../../src/core/importance/regressionTree';
import { Rng } from '../../../src/core/rng';

const OPTIONS = { maxDepth: 64, minSamplesSplit: 2, minSamplesLeaf: 1 };

function trainingSet(rows: readonly (readonly number[])[], y: readonly number[]): TrainingSet {
  const columns = rows[0]?.length ?? 0;
  const x = Float32Array.from(rows.flat());
  return { rows: rows.length, columns, x, y: Float64Array.from(y), sorted: sortColumns(x, rows.length, columns) };
}

const ones = (n: number): Float64Array => new Float64Array(n).fill(1);

describe('regression tree', () => {
  it('fits a step function exactly with one split, at the midpoint between the neighbouring values', () => {
    const xs = [0.1, 0.2, 0.35, 0.4, 0.6, 0.7, 0.9];
    const step = (x: number): number => (x < 0.5 ? -2 : 3);
    const data = trainingSet(
      xs.map((x) => [x]),
      xs.map(step),
    );
    const tree = fitRegressionTree(data, ones(xs.length), OPTIONS, new Rng(1));
    assert.equal(tree.nodeCount, 3);
    assert.equal(tree.feature[0], 0);
    assert.ok(Math.abs((tree.threshold[0] as number) - 0.5) < 1e-7, String(tree.threshold[0]));
    for (const x of [0, 0.1, 0.45, 0.49, 0.51, 0.8, 1]) assert.equal(predict(tree, [x]), step(x));
  });

  it('picks the column that explains the target and ignores a noise column', () => {
    const rng = new Rng(2);
    const rows = Array.from({ length: 50 }, () => [rng.random(), rng.random()]);
    const data = trainingSet(
      rows,
      rows.map(([, b]) => ((b as number) > 0.3 ? 10 : 0)),
    );
    const tree = fitRegressionTree(data, ones(rows.length), OPTIONS, new Rng(3));
    assert.equal(tree.feature[0], 1);
    assert.equal(tree.nodeCount, 3, 'one split separates the two levels; both sides are pure');
  });

  it('stays a single leaf holding the mean when the target is constant', () => {
    const data = trainingSet([[1], [2], [3]], [4, 4, 4]);
    const tree = fitRegressionTree(data, ones(3), OPTIONS, new Rng(1));
    assert.equal(tree.nodeCount, 1);
    assert.equal(predict(tree, [10]), 4);
  });

  it('uses weights as repeated rows and leaves out rows of weight 0 (a bootstrap)', () => {
    const data = trainingSet([[0], [1], [2], [3]], [0, 0, 9, 100]);
    const tree = fitRegressionTree(data, Float64Array.from([1, 3, 2, 0]), { ...OPTIONS, maxDepth: 1 }, new Rng(1));
    // Only x ≤ 2 is seen: one split between 1 and 2, so x = 3 is predicted like x = 2.
    assert.equal(tree.threshold[0], 1.5);
    assert.equal(predict(tree, [3]), 9);
    assert.equal(tree.value[0], (0 * 1 + 0 * 3 + 9 * 2) / 6, 'the root holds the weighted mean');
  });

  it('does not split values closer than 1e-7, as scikit-learn', () => {
    // Distinct even in float32, yet 5e-8 apart: the perfect split between them is not allowed.
    const data = trainingSet([[0.001], [0.00100005], [2]], [0, 5, 5]);
    const tree = fitRegressionTree(data, ones(3), OPTIONS, new Rng(1));
    assert.equal(tree.nodeCount, 3);
    assert.ok((tree.threshold[0] as number) > 1);
    assert.equal(predict(tree, [0.00100005]), 2.5);
  });

  it('stops at maxDepth', () => {
    const xs = Array.from({ length: 16 }, (_, i) => i);
    const tree = fitRegressionTree(trainingSet(xs.map((x) => [x]), xs), ones(16), { ...OPTIONS, maxDepth: 2 }, new Rng(1));
    assert.equal([...tree.feature].filter((f) => f < 0).length, 4);
  });
});
