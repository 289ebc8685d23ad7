import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { constrainedDominates, dominates, totalViolation, trialDominates } from '../../../src/core/multiObjective';
import { moTrial } from './moTrials';

describe('dominance', () => {
  it('needs no worse in every objective and better in one, by direction', () => {
    assert.equal(dominates(['minimize', 'minimize'], [1, 2], [1, 3]), true);
    assert.equal(dominates(['minimize', 'minimize'], [1, 3], [1, 2]), false);
    assert.equal(dominates(['minimize', 'minimize'], [1, 2], [1, 2]), false, 'equal vectors');
    assert.equal(dominates(['minimize', 'minimize'], [0, 3], [1, 2]), false, 'a trade-off');
    assert.equal(dominates(['maximize', 'minimize'], [5, 2], [4, 2]), true);
    assert.equal(dominates(['maximize', 'minimize'], [4, 2], [5, 2]), false);
    assert.equal(dominates(['minimize', 'minimize', 'maximize'], [1, 1, 1], [1, 1, 0]), true);
    assert.equal(dominates(['minimize'], [-Infinity], [0]), true);
  });

  it('refuses vectors of other lengths than the directions', () => {
    assert.throws(() => dominates(['minimize', 'minimize'], [1, 2, 3], [1, 2, 3]), RangeError);
    assert.throws(() => dominates(['minimize', 'minimize'], [1, 2], [1]), RangeError);
  });

  it('on trials: a complete trial dominates any other state, which never dominates', () => {
    const directions = ['minimize', 'minimize'] as const;
    const complete = moTrial(0, { values: [9, 9] });
    const pruned = moTrial(1, { values: [0, 0], state: 'pruned' });
    assert.equal(trialDominates(directions, complete, pruned), true);
    assert.equal(trialDominates(directions, pruned, complete), false);
  });
});

describe('constrained dominance (Optuna 3.1 NSGA-II)', () => {
  const d = ['minimize', 'minimize'] as const;
  it('a feasible trial beats an infeasible one whatever their values', () => {
    const feasible = moTrial(0, { values: [9, 9], constraints: [0, -1] });
    const infeasible = moTrial(1, { values: [0, 0], constraints: [0.1, -1] });
    assert.equal(constrainedDominates(d, feasible, infeasible), true);
    assert.equal(constrainedDominates(d, infeasible, feasible), false);
  });

  it('two infeasible trials compare by total violation (sum of the positive values)', () => {
    const small = moTrial(0, { values: [9, 9], constraints: [0.5, 0.4, -3] });
    const large = moTrial(1, { values: [0, 0], constraints: [1, -5, -5] });
    assert.equal(totalViolation([0.5, 0.4, -3]), 0.9);
    assert.equal(constrainedDominates(d, small, large), true);
    assert.equal(constrainedDominates(d, large, small), false);
    const same = moTrial(2, { values: [0, 0], constraints: [0.9, 0, -1] });
    assert.equal(constrainedDominates(d, small, same) || constrainedDominates(d, same, small), false, 'equal violation: neither');
  });

  it('two feasible trials compare by plain dominance', () => {
    const a = moTrial(0, { values: [1, 1], constraints: [-1] });
    const b = moTrial(1, { values: [2, 2], constraints: [0] });
    const c = moTrial(2, { values: [0, 3], constraints: [-2] });
    assert.equal(constrainedDominates(d, a, b), true);
    assert.equal(constrainedDominates(d, a, c), false);
    assert.equal(constrainedDominates(d, c, a), false);
  });

  it('a trial with constraint values beats one without; neither having any is plain dominance', () => {
    const withValues = moTrial(0, { values: [9, 9], constraints: [5] });
    const without = moTrial(1, { values: [0, 0] });
    assert.equal(constrainedDominates(d, withValues, without), true);
    assert.equal(constrainedDominates(d, without, withValues), false);
    assert.equal(constrainedDominates(d, moTrial(2, { values: [0, 0] }), moTrial(3, { values: [1, 1] })), true);
  });

  it('refuses different numbers of constraints', () => {
    assert.throws(() => constrainedDominates(d, moTrial(0, { values: [0, 0], constraints: [1] }), moTrial(1, { values: [0, 0], constraints: [1, 2] })), RangeError);
  });
});
