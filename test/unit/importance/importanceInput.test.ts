// Which trials and params importance is computed from: Optuna's rules, applied to journal trials.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { categoricalDistribution, floatDistribution, intDistribution, type Distribution, type ParamValue } from '../../../src/core/distributions';
import { importanceInputFromTrials, INACTIVE_VALUE } from '../../../src/core/importance';
import type { FrozenTrial, TrialState } from '../../../src/core/trial';

const X = floatDistribution(0, 1);
const ACT = categoricalDistribution(['relu', 'tanh']);

function trial(number: number, state: TrialState, value: number | null, params: Record<string, [Distribution, ParamValue]>): FrozenTrial {
  return {
    id: number,
    number,
    state,
    value,
    values: value === null ? null : [value],
    params: Object.fromEntries(Object.entries(params).map(([name, [, v]]) => [name, v])),
    distributions: Object.fromEntries(Object.entries(params).map(([name, [d]]) => [name, d])),
    intermediateValues: new Map(),
    userAttrs: {},
    systemAttrs: {},
    datetimeStart: null,
    datetimeComplete: null,
  };
}

describe('importance input from trials', () => {
  it('uses complete trials with finite values, params sorted by name, categoricals as choice indices', () => {
    const input = importanceInputFromTrials([
      trial(0, 'complete', 1.5, { x: [X, 0.25], act: [ACT, 'tanh'] }),
      trial(1, 'fail', null, { x: [X, 0.5], act: [ACT, 'relu'] }),
      trial(2, 'pruned', 0.3, { x: [X, 0.75], act: [ACT, 'relu'] }),
      trial(3, 'complete', Infinity, { x: [X, 0.1], act: [ACT, 'relu'] }),
      trial(4, 'running', null, { x: [X, 0.9] }),
      trial(5, 'complete', -2, { x: [X, 0.5], act: [ACT, 'relu'] }),
    ]);
    assert.deepEqual(
      input.params.map((p) => p.name),
      ['act', 'x'],
    );
    assert.deepEqual(input.rows, [
      [1, 0.25],
      [0, 0.5],
    ]);
    assert.deepEqual(input.values, [1.5, -2]);
    assert.equal(input.eligibleTrials, 2);
  });

  it('leaves out a param whose range changed between complete trials', () => {
    const input = importanceInputFromTrials([
      trial(0, 'complete', 1, { x: [X, 0.2], units: [intDistribution(8, 64), 16] }),
      trial(1, 'complete', 2, { x: [X, 0.4], units: [intDistribution(8, 128), 100] }),
      trial(2, 'fail', null, { y: [X, 0.3] }),
    ]);
    assert.deepEqual(
      input.params.map((p) => p.name),
      ['x'],
    );
  });

  it('keeps a param some complete trials lack (a conditional branch), marking it inactive there', () => {
    const input = importanceInputFromTrials([
      trial(0, 'complete', 1, { x: [X, 0.2], momentum: [X, 0.9] }),
      trial(1, 'complete', 2, { x: [X, 0.4] }),
      trial(2, 'complete', 3, { x: [X, 0.6], momentum: [X, 0.5] }),
    ]);
    assert.deepEqual(input.params.map((p) => [p.name, p.inactiveIn]), [['momentum', 1], ['x', 0]]);
    assert.deepEqual(input.rows, [[0.9, 0.2], [INACTIVE_VALUE, 0.4], [0.5, 0.6]]);
  });

  it('keeps the most recent trials of a huge study, by trial number', () => {
    const trials = Array.from({ length: 10 }, (_, i) => trial(9 - i, 'complete', 9 - i, { x: [X, (9 - i) / 10] }));
    const input = importanceInputFromTrials(trials, 4);
    assert.deepEqual(input.values, [6, 7, 8, 9]);
    assert.equal(input.eligibleTrials, 10);
  });

  it('is empty for a study without complete trials', () => {
    const input = importanceInputFromTrials([trial(0, 'running', null, { x: [X, 0.5] })]);
    assert.deepEqual(input, { params: [], rows: [], values: [], eligibleTrials: 0 });
  });
});
