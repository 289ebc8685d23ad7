import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { crowdingDistances, dominates, fastNonDominatedSort, nonDominatedRanks, sortByCrowdingDistance } from '../../../src/core/multiObjective';
import { Rng } from '../../../src/core/rng';
import type { Direction } from '../../../src/core/trial';

const MIN2: readonly Direction[] = ['minimize', 'minimize'];
const better = (directions: readonly Direction[]) => (a: readonly number[], b: readonly number[]) => dominates(directions, a, b);

/** Rank by definition: peel off the non-dominated set again and again. */
function bruteRanks(points: readonly (readonly number[])[], directions: readonly Direction[]): number[] {
  const ranks = new Array<number>(points.length).fill(-1);
  for (let rank = 0; ranks.includes(-1); rank++) {
    const left = points.map((_, i) => i).filter((i) => ranks[i] === -1);
    const front = left.filter((i) => !left.some((j) => dominates(directions, points[j] as number[], points[i] as number[])));
    for (const i of front) ranks[i] = rank;
  }
  return ranks;
}

describe('non-dominated sorting', () => {
  it('ranks a hand-made set', () => {
    const points = [[1, 5], [2, 2], [5, 1], [3, 3], [4, 4], [6, 6], [2, 2]];
    assert.deepEqual(nonDominatedRanks(points, better(MIN2)), [0, 0, 0, 1, 2, 3, 0]);
  });

  it('orders each rank as Optuna does (a member taken out is replaced by the last)', () => {
    // Optuna 3.1 on these values gives rank 0 in the order [0, 4, 2] and rank 1 as [3, 1].
    const points = [[0, 5], [3, 3], [2, 2], [4, 4], [5, 0]];
    const ranks = fastNonDominatedSort(points.map((_, i) => i), (i, j) => dominates(MIN2, points[i] as number[], points[j] as number[]));
    assert.deepEqual(ranks, [[0, 4, 2], [1], [3]]);
  });

  it('matches the definition on random sets with ties, in 2 and 3 objectives', () => {
    const rng = new Rng(5);
    for (let round = 0; round < 200; round++) {
      const directions: Direction[] = Array.from({ length: rng.int(2, 3) }, () => (rng.random() < 0.5 ? 'minimize' : 'maximize'));
      const points = Array.from({ length: rng.int(1, 30) }, () => directions.map(() => rng.int(0, 6)));
      assert.deepEqual(nonDominatedRanks(points, better(directions)), bruteRanks(points, directions));
    }
  });
});

describe('crowding distance', () => {
  it('sums the neighbours gap over the range per objective; the ends are infinite', () => {
    const members = [[0, 4], [1, 2], [2, 1], [4, 0]].map((values) => ({ values }));
    // Objective 0 range 4, objective 1 range 4: the middle members get (2-0)/4 + (4-1)/4 and (4-1)/4 + (2-0)/4.
    assert.deepEqual(crowdingDistances(members), [Infinity, 1.25, 1.25, Infinity]);
  });

  it('skips an objective where all members are equal, and scales by the finite range', () => {
    assert.deepEqual(crowdingDistances([[1, 7], [2, 7], [3, 7]].map((values) => ({ values }))), [Infinity, 1, Infinity]);
    assert.deepEqual(crowdingDistances([[-Infinity], [0], [2], [Infinity]].map((values) => ({ values }))), [Infinity, Infinity, Infinity, Infinity]);
    assert.deepEqual(crowdingDistances([[0], [1], [1], [3]].map((values) => ({ values }))), [Infinity, 1 / 3, 2 / 3, Infinity]);
    assert.deepEqual(crowdingDistances([]), []);
  });

  it('sorts most isolated first, ties in reverse of the last objective order (Optuna)', () => {
    const members = [[0, 3], [1, 2], [2, 1], [3, 0]].map((values, id) => ({ id, values }));
    assert.deepEqual(sortByCrowdingDistance(members).map((m) => m.id), [0, 3, 1, 2]);
  });
});
