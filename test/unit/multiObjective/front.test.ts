import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dominates, feasibleTrials, frontHypervolume, paretoFront } from '../../../src/core/multiObjective';
import { Rng } from '../../../src/core/rng';
import type { Direction } from '../../../src/core/trial';
import { moTrial, moTrials } from './moTrials';

describe('Pareto front of complete trials', () => {
  it('keeps the non-dominated complete trials in number order, duplicates included', () => {
    const trials = [
      ...moTrials([[3, 1], [1, 3], [2, 2], [3, 3], [2, 2]]),
      moTrial(5, { values: [0, 0], state: 'pruned' }),
      moTrial(6, { values: null, state: 'running' }),
    ];
    assert.deepEqual(paretoFront(trials, ['minimize', 'minimize']).map((t) => t.number), [0, 1, 2, 4]);
    assert.deepEqual(paretoFront(trials, ['maximize', 'maximize']).map((t) => t.number), [3]);
    assert.deepEqual(paretoFront([], ['minimize', 'minimize']), []);
  });

  it('the 2-D sweep and the pairwise check agree on random studies with ties', () => {
    const rng = new Rng(9);
    for (let round = 0; round < 300; round++) {
      const directions: Direction[] = [rng.random() < 0.5 ? 'minimize' : 'maximize', rng.random() < 0.5 ? 'minimize' : 'maximize'];
      const trials = moTrials(Array.from({ length: rng.int(0, 25) }, () => [rng.int(0, 5), rng.int(0, 5)]));
      const expected = trials.filter((t) => !trials.some((o) => dominates(directions, o.values as number[], t.values as number[])));
      assert.deepEqual(paretoFront(trials, directions), expected);
    }
  });

  it('with three objectives', () => {
    const trials = moTrials([[1, 1, 1], [0, 2, 2], [2, 2, 0], [2, 2, 2], [1, 1, 1]]);
    assert.deepEqual(paretoFront(trials, ['minimize', 'minimize', 'minimize']).map((t) => t.number), [0, 1, 2, 4]);
  });

  it('ignores constraints as Optuna 3.1 does; feasibleOnly keeps the feasible trials', () => {
    const trials = [
      moTrial(0, { values: [0, 0], constraints: [1] }),
      moTrial(1, { values: [1, 1], constraints: [0] }),
      moTrial(2, { values: [2, 0], constraints: [-1] }),
      moTrial(3, { values: [0, 2] }),
    ];
    assert.deepEqual(paretoFront(trials, ['minimize', 'minimize']).map((t) => t.number), [0]);
    assert.deepEqual(paretoFront(trials, ['minimize', 'minimize'], { feasibleOnly: true }).map((t) => t.number), [1, 2]);
    assert.deepEqual(feasibleTrials(moTrials([[0, 0], [1, 1]])).length, 2, 'no constraints anywhere: all feasible');
  });

  it('frontHypervolume works in the objectives own units and directions', () => {
    // Maximise accuracy, minimise size: points (0.9, 3), (0.8, 1) and a dominated (0.7, 4); reference (0.5, 5).
    const trials = moTrials([[0.9, 3], [0.8, 1], [0.7, 4]]);
    const expected = (0.9 - 0.5) * (5 - 3) + (0.8 - 0.5) * (3 - 1);
    assert.ok(Math.abs(frontHypervolume(trials, ['maximize', 'minimize'], [0.5, 5]) - expected) < 1e-12);
  });
});
