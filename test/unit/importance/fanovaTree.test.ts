// One tree's variance decomposition: a hand-made tree against a hand computation, and fitted trees
// against a step-by-step transcription of Optuna's own algorithm.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { encodeFeatures } from '../../../src/core/importance/featureEncoding';
import { FanovaTree } from '../../../src/core/importance/fanovaTree';
import { fitRandomForest } from '../../../src/core/importance/randomForest';
import type { RegressionTree } from '../../../src/core/importance/regressionTree';
import { categoricalDistribution, floatDistribution, intDistribution } from '../../../src/core/distributions';
import { Rng } from '../../../src/core/rng';
import { optunaMarginalVariance, optunaTreeVariance } from './optunaFanovaReference';

/**
 * x0 ∈ [0, 1], x1 ∈ [0, 2]. x0 ≤ 0.5 → 1; else x1 ≤ 0.5 → 3, else 5.
 * Leaves cover 1/2, 1/8 and 3/8 of the box: mean 2.75, variance 1.53125 + 0.0078125 + 1.8984375 = 3.4375.
 * Averaged over x1, the tree is 1 for x0 ≤ 0.5 and 0.25·3 + 0.75·5 = 4.5 above: variance ¼·3.5² = 3.0625.
 * Averaged over x0, it is 2 for x1 ≤ 0.5 (¼ of x1's range) and 3 above: variance ¼·¾·1² = 0.1875.
 */
const HAND_TREE: RegressionTree = {
  nodeCount: 5,
  feature: Int32Array.from([0, -1, 1, -1, -1]),
  threshold: Float64Array.from([0.5, 0, 0.5, 0, 0]),
  left: Int32Array.from([1, -1, 3, -1, -1]),
  right: Int32Array.from([2, -1, 4, -1, -1]),
  value: Float64Array.from([0, 1, 0, 3, 5]),
};
const HAND_BOUNDS = Float64Array.from([0, 1, 0, 2]);

describe('FanovaTree', () => {
  it('decomposes a hand-made tree as computed by hand', () => {
    const tree = new FanovaTree(HAND_TREE, HAND_BOUNDS);
    assert.ok(Math.abs(tree.variance - 3.4375) < 1e-12, String(tree.variance));
    assert.ok(Math.abs(tree.marginalVariance([0]) - 3.0625) < 1e-12);
    assert.ok(Math.abs(tree.marginalVariance([1]) - 0.1875) < 1e-12);
    // Both columns together leave nothing to average over: the whole variance.
    assert.ok(Math.abs(tree.marginalVariance([0, 1]) - 3.4375) < 1e-12);
    // The rest, 3.4375 − 3.0625 − 0.1875 = 0.1875, is the interaction no single column owns.
  });

  it('gives the variance Optuna’s own algorithm gives, per column and per one-hot group, on fitted trees', () => {
    const rng = new Rng(5);
    const distributions = [floatDistribution(0.001, 1), intDistribution(1, 6), categoricalDistribution(['a', 'b', 'c', 'd'])];
    const rows = Array.from({ length: 60 }, () => [rng.uniform(0.001, 1), rng.int(1, 6), rng.int(0, 3)]);
    const values = rows.map(([x, k, c]) => Math.sin(6 * (x as number)) + 0.3 * (k as number) + [0, 2, -1, 0.5][c as number]! + 0.2 * rng.normal());
    const features = encodeFeatures(distributions, rows);
    const trees = fitRandomForest(features.x, Float64Array.from(values), rows.length, features.columns, { trees: 4, maxDepth: 64, minSamplesSplit: 2, minSamplesLeaf: 1, seed: 1 });
    const box = Array.from({ length: features.columns }, (_, c) => [features.bounds[2 * c] as number, features.bounds[2 * c + 1] as number]);
    for (const fitted of trees) {
      const tree = new FanovaTree(fitted, features.bounds);
      const expected = optunaTreeVariance(fitted, box);
      assert.ok(Math.abs(tree.variance - expected) <= 1e-9 * expected, `${tree.variance} vs ${expected}`);
      for (const group of features.groups) {
        const ours = tree.marginalVariance(group);
        const theirs = optunaMarginalVariance(fitted, box, group);
        assert.ok(Math.abs(ours - theirs) <= 1e-9 * expected, `group ${group}: ${ours} vs ${theirs}`);
      }
    }
  });

  it('reads one column the same by its sweep and by box overlaps', () => {
    const tree = new FanovaTree(HAND_TREE, HAND_BOUNDS);
    for (const column of [0, 1]) assert.ok(Math.abs(tree.sweepVariance(column) - tree.overlapVariance([column])) < 1e-12);
  });
});
