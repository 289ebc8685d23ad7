/**
 * The read model's ranking of a multi-objective study (src/core/studyView/paretoRanking.ts): by
 * non-dominated rank (constrained domination in a constrained study), then crowding distance, the
 * front first; its front is multiObjective's paretoFront over feasible trials, the one `tuneboard show` lists.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { paretoFront } from '../../../src/core/multiObjective';
import { Rng } from '../../../src/core/rng';
import { isMultiObjective, paretoRanking, paretoRankingOfTrials, type ParetoRankable } from '../../../src/core/studyView';
import type { Direction, TrialState } from '../../../src/core/trial';
import { moTrial } from '../multiObjective/moTrials';

const MIN2: readonly Direction[] = ['minimize', 'minimize'];

function item(number: number, values: readonly number[] | null, state: TrialState = 'complete', constraints: readonly number[] | null = null): ParetoRankable {
  return { number, state, values, constraints };
}

const order = (items: readonly ParetoRankable[], directions: readonly Direction[] = MIN2): number[] => paretoRanking(items, directions).ordered.map((t) => t.number);

describe('Pareto ranking (multi-objective read model)', () => {
  it('a study ranks by Pareto dominance with two objectives or more', () => {
    assert.equal(isMultiObjective(['minimize']), false);
    assert.equal(isMultiObjective(['minimize', 'maximize']), true);
  });

  it('ranks by non-dominated rank, then crowding distance (larger first, ties by number), the front first', () => {
    // Front: 0 (1,5), 1 (2,3), 2 (3,2), 3 (5,1); the ends have infinite crowding, the middle two tie.
    // Rank 1: 4 (3,4) and 5 (4,3); rank 2: 6 (5,5).
    const trials = [item(6, [5, 5]), item(2, [3, 2]), item(5, [4, 3]), item(0, [1, 5]), item(4, [3, 4]), item(3, [5, 1]), item(1, [2, 3])];
    const ranking = paretoRanking(trials, MIN2);
    assert.deepEqual(ranking.ordered.map((t) => t.number), [0, 3, 1, 2, 4, 5, 6]);
    assert.deepEqual(ranking.front.map((t) => t.number), [0, 3, 1, 2]);
    assert.deepEqual([4, 5, 6].map((n) => ranking.standings.get(n)?.rank), [1, 1, 2]);
    assert.deepEqual(ranking.ordered.map((t) => ranking.standings.get(t.number)?.place), [1, 2, 3, 4, 5, 6, 7]);
    assert.equal(ranking.standings.get(1)?.onFront, true);
    assert.equal(ranking.standings.get(4)?.onFront, false);
  });

  it('puts a larger crowding distance first inside a rank', () => {
    // Front of five on a line: 0 and 4 are the ends; 3 sits far from its neighbours, 1 and 2 close together.
    const trials = [item(0, [0, 10]), item(1, [1, 9]), item(2, [2, 8]), item(3, [6, 4]), item(4, [10, 0])];
    assert.deepEqual(order(trials), [0, 4, 3, 2, 1]);
  });

  it('follows each objective\'s direction', () => {
    const trials = [item(0, [0.9, 100]), item(1, [0.8, 10]), item(2, [0.7, 50])];
    const ranking = paretoRanking(trials, ['maximize', 'minimize']);
    assert.deepEqual(ranking.front.map((t) => t.number).sort(), [0, 1]);
    assert.equal(ranking.standings.get(2)?.rank, 1);
  });

  it('puts feasible trials before infeasible ones, those by total violation, and keeps infeasible ones off the front', () => {
    const trials = [
      item(0, [1, 1], 'complete', [0.5]), // infeasible but would dominate everything
      item(1, [3, 3], 'complete', [-1]),
      item(2, [2, 4], 'complete', [0]),
      item(3, [0, 0], 'complete', [2]),
      item(4, [9, 9], 'complete', null), // no constraint values in a constrained study: infeasible, last
    ];
    const ranking = paretoRanking(trials, MIN2);
    assert.equal(ranking.constrained, true);
    assert.deepEqual(ranking.ordered.map((t) => t.number), [1, 2, 0, 3, 4]);
    assert.deepEqual(ranking.front.map((t) => t.number), [1, 2]);
    assert.deepEqual(trials.map((t) => ranking.standings.get(t.number)?.feasible), [false, true, true, false, false]);
  });

  it('has no front when no trial is feasible, though the least violating ones rank first', () => {
    const ranking = paretoRanking([item(0, [1, 1], 'complete', [3]), item(1, [2, 2], 'complete', [1])], MIN2);
    assert.deepEqual(ranking.ordered.map((t) => t.number), [1, 0]);
    assert.deepEqual(ranking.front, []);
    assert.equal(ranking.standings.get(1)?.rank, 0);
  });

  it('leaves pruned, failed, running, waiting and valueless trials unranked, after the ranked ones by state then number', () => {
    const trials = [item(0, null, 'running'), item(1, [1, 2], 'pruned'), item(2, [2, 1]), item(3, null, 'fail'), item(4, [NaN, 1]), item(5, [1]), item(6, null, 'waiting'), item(7, [1, 2])];
    const ranking = paretoRanking(trials, MIN2);
    assert.deepEqual(ranking.ordered.map((t) => t.number), [2, 7, 4, 5, 1, 3, 0, 6]);
    for (const n of [0, 1, 3, 4, 5, 6]) assert.deepEqual(ranking.standings.get(n), { place: null, rank: null, crowding: null, onFront: false, feasible: true });
  });

  it('has the front paretoFront finds over feasible trials, on random studies with and without constraints', () => {
    const rng = new Rng(15);
    for (let round = 0; round < 60; round++) {
      const objectives = 2 + (round % 3);
      const directions: Direction[] = Array.from({ length: objectives }, (_, k) => ((round + k) % 2 === 0 ? 'minimize' : 'maximize'));
      const constrained = round % 2 === 1;
      const trials = Array.from({ length: 5 + (round % 30) }, (_, number) => moTrial(number, {
        // Few distinct values, so ties and duplicates occur.
        values: Array.from({ length: objectives }, () => Math.floor(rng.random() * 6)),
        state: rng.random() < 0.1 ? 'pruned' : 'complete',
        ...(constrained && rng.random() < 0.9 ? { constraints: [rng.random() - 0.3] } : {}),
      }));
      const ranking = paretoRankingOfTrials(trials, directions);
      const expected = paretoFront(trials, directions, { feasibleOnly: true }).map((t) => t.number).sort((a, b) => a - b);
      assert.deepEqual(ranking.front.map((t) => t.number).sort((a, b) => a - b), expected, `round ${round}`);
      assert.deepEqual(ranking.ordered.slice(0, expected.length).map((t) => t.number).sort((a, b) => a - b), expected, 'the front is pinned first');
      assert.equal(ranking.ordered.length, trials.length);
    }
  });
});
