import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { greedyHypervolumeSubset, hypervolume, hypervolumeContributions, wfgHypervolume } from '../../../src/core/multiObjective';
import { Rng } from '../../../src/core/rng';

const close = (actual: number, expected: number): void => assert.ok(Math.abs(actual - expected) <= 1e-12 * Math.max(1, Math.abs(expected)), `${actual} ≉ ${expected}`);

describe('wfgHypervolume (Optuna 3.1 WFG arithmetic)', () => {
  it('computes hand-checked volumes in two and three objectives', () => {
    assert.equal(wfgHypervolume([[1, 3], [2, 2], [3, 1]], [4, 4]), 6);
    assert.equal(wfgHypervolume([[1, 1, 1]], [2, 2, 2]), 1);
    assert.equal(wfgHypervolume([[0, 1, 1], [1, 0, 1]], [2, 2, 2]), 3);
    assert.equal(wfgHypervolume([[0, 1, 1], [1, 0, 1], [1, 1, 0]], [2, 2, 2]), 4);
    assert.equal(wfgHypervolume([], [2, 2, 2]), 0);
  });

  it('counts dominated and repeated points once, as the pruning hypervolume does', () => {
    assert.equal(wfgHypervolume([[1, 3], [1, 3], [2, 3], [3, 1]], [4, 4]), 5);
    const rng = new Rng(4);
    for (let n = 0; n < 200; n++) {
      const dim = rng.int(2, 4);
      const points = Array.from({ length: rng.int(1, 12) }, () => Array.from({ length: dim }, () => rng.int(0, 4) / 2));
      close(wfgHypervolume(points, Array(dim).fill(2.5)), hypervolume(points, Array(dim).fill(2.5)));
    }
  });
});

describe('greedyHypervolumeSubset', () => {
  it('takes the largest box first, then the largest gain, the first of equal gains', () => {
    // Boxes 3, 4, 3: (2,2) first; then (1,3) and (3,1) each add 1, and the first is taken.
    assert.deepEqual(greedyHypervolumeSubset([[1, 3], [2, 2], [3, 1]], 2, [4, 4]), [1, 0]);
    assert.deepEqual(greedyHypervolumeSubset([[1, 3], [2, 2], [3, 1]], 3, [4, 4]), [1, 0, 2]);
    // A point inside a chosen one's box adds nothing after it.
    assert.deepEqual(greedyHypervolumeSubset([[2, 2], [1, 1], [3, 0.5]], 2, [4, 4]), [1, 2]);
  });

  it('refuses more points than it has', () => {
    assert.throws(() => greedyHypervolumeSubset([[1, 1]], 2, [2, 2]), /cannot choose 2 of 1/);
  });
});

describe('hypervolumeContributions', () => {
  it('is each point\'s exclusive volume', () => {
    // Reference (3.3, 3.3): the middle point alone covers 1.3 × 1.3 minus its neighbours' overlaps.
    const contributions = hypervolumeContributions([[1, 3], [2, 2], [3, 1]], [3.3, 3.3]);
    [0.3, 1, 0.3].forEach((expected, i) => close(contributions[i] as number, expected));
    assert.deepEqual(hypervolumeContributions([[1, 1], [1, 1]], [2, 2]), [0, 0]);
  });
});
