import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nonDominatedBoxes, type Box } from '../../../src/core/multiObjective/boxDecomposition';
import { hypervolume } from '../../../src/core/multiObjective/hypervolume';
import { seededRandom } from '../../fixtures/seededRandom';

type Point = readonly number[];

/** Σ_boxes Π_k max(0, upper_k − max(y_k, lower_k)): the hypervolume y would add, by the boxes. */
function improvementByBoxes(boxes: readonly Box[], y: Point): number {
  let sum = 0;
  for (const { lower, upper } of boxes) {
    let volume = 1;
    upper.forEach((u, k) => (volume *= Math.max(0, u - Math.max(y[k] as number, lower[k] as number))));
    sum += volume;
  }
  return sum;
}

const sorted = (boxes: readonly Box[]): string[] => boxes.map((b) => `${b.lower.join(',')} → ${b.upper.join(',')}`).sort();

/** Points on a curved front (so none dominates another) plus some dominated ones, in [0, 1)^m. */
function randomPoints(random: () => number, m: number, n: number): number[][] {
  return Array.from({ length: n }, (_, i) => {
    const direction = Array.from({ length: m }, () => random() + 0.05);
    const norm = Math.hypot(...direction);
    const scale = i % 4 === 3 ? 1 + random() * 0.3 : 1;
    return direction.map((v) => ((v / norm) * scale) * 0.8);
  });
}

describe('non-dominated box decomposition', () => {
  it('cuts the region left by two points in two objectives into the boxes worked out by hand', () => {
    // Points (1, 3) and (2, 1), reference (4, 4): free are z₁ < 1 (any z₂ < 4), 1 ≤ z₁ < 2 with z₂ < 3,
    // and 2 ≤ z₁ < 4 with z₂ < 1. Sliced along z₂: z₂ < 1 (z₁ < 4), 1 ≤ z₂ < 3 (z₁ < 2), 3 ≤ z₂ < 4 (z₁ < 1).
    const boxes = nonDominatedBoxes([[1, 3], [2, 1]], [4, 4]);
    assert.deepEqual(sorted(boxes), sorted([
      { lower: [-Infinity, -Infinity], upper: [4, 1] },
      { lower: [-Infinity, 1], upper: [2, 3] },
      { lower: [-Infinity, 3], upper: [1, 4] },
    ]));
  });

  it('is the whole box below the reference with no point inside it, and ignores points beyond it', () => {
    assert.deepEqual(nonDominatedBoxes([], [1, 2, 3]), [{ lower: [-Infinity, -Infinity, -Infinity], upper: [1, 2, 3] }]);
    assert.deepEqual(nonDominatedBoxes([[0, 5], [2, 0]], [1, 1]), [{ lower: [-Infinity, -Infinity], upper: [1, 1] }]);
  });

  it('handles one point in three objectives as the three slabs below it', () => {
    // Free below (4, 4, 4) minus the orthant above (1, 2, 3): z₃ < 3 anywhere; z₃ ≥ 3 with z₂ < 2; z₃ ≥ 3, z₂ ≥ 2, z₁ < 1.
    const boxes = nonDominatedBoxes([[1, 2, 3]], [4, 4, 4]);
    assert.deepEqual(sorted(boxes), sorted([
      { lower: [-Infinity, -Infinity, -Infinity], upper: [4, 4, 3] },
      { lower: [-Infinity, -Infinity, 3], upper: [4, 2, 4] },
      { lower: [-Infinity, 2, 3], upper: [1, 4, 4] },
    ]));
  });

  for (const m of [2, 3]) {
    it(`gives disjoint boxes covering exactly the non-dominated region on random fronts (${m} objectives)`, () => {
      const random = seededRandom(m * 7);
      for (let round = 0; round < 20; round++) {
        const points = randomPoints(random, m, 3 + Math.floor(random() * 25));
        const reference = Array.from({ length: m }, () => 1);
        const boxes = nonDominatedBoxes(points, reference);
        // Brute force: every sampled z lies in exactly one box when no point weakly dominates it, else in none.
        for (let s = 0; s < 300; s++) {
          const z = reference.map(() => random() * 1.2 - 0.2);
          const free = !points.some((p) => p.every((v, k) => v <= (z[k] as number)));
          const containing = boxes.filter((b) => z.every((v, k) => v >= (b.lower[k] as number) && v < (b.upper[k] as number))).length;
          assert.equal(containing, free ? 1 : 0, `z = ${z.join(', ')}`);
        }
      }
    });

    it(`gives the hypervolume improvement that adding the point to the front gives (${m} objectives)`, () => {
      const random = seededRandom(m * 13);
      for (let round = 0; round < 20; round++) {
        const points = randomPoints(random, m, 2 + Math.floor(random() * 30));
        const reference = Array.from({ length: m }, () => 1.1);
        const boxes = nonDominatedBoxes(points, reference);
        const before = hypervolume(points, reference);
        for (let s = 0; s < 20; s++) {
          const y = reference.map(() => random() * 1.3 - 0.2);
          const expected = hypervolume([...points, y], reference) - before;
          const actual = improvementByBoxes(boxes, y);
          assert.ok(Math.abs(actual - expected) < 1e-12, `${actual} vs ${expected}`);
        }
      }
    });
  }

  it('keeps the box count near the front size for three objectives', () => {
    const random = seededRandom(5);
    const points = randomPoints(random, 3, 60).filter((_, i) => i % 4 !== 3);
    const boxes = nonDominatedBoxes(points, [1, 1, 1]);
    assert.ok(boxes.length <= 4 * points.length, `${boxes.length} boxes for ${points.length} points`);
  });
});
