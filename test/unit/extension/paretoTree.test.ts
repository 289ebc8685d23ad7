/**
 * A multi-objective study in the Studies tree: trials on the Pareto front are marked ★ (the read
 * model's paretoRanking, the front `tuneboard show` lists), the tree lists them first, and the study's
 * description names its objectives and the size of its front instead of a single best.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CONSTRAINTS_ATTR, METRIC_NAMES_ATTR } from '../../../src/core/studyView';
import type { FrozenTrial, TrialState } from '../../../src/core/trial';
import { studyDescription, studyTooltip } from '../../../src/extension/studies/studyPresentation';
import { buildSummaries, type JournalSnapshot, type StudySummary } from '../../../src/extension/studies/studySummary';
import { isStarred, sortStudyTrials, trialDescription, trialTooltip } from '../../../src/extension/studies/trialPresentation';

const START = new Date('2026-03-01T10:00:00Z');

function trial(number: number, values: readonly number[] | null, state: TrialState = 'complete', constraints?: readonly number[]): FrozenTrial {
  return {
    id: number, number, state, value: values?.[0] ?? null, values, params: { filters: 8 * (number + 1) }, distributions: {},
    intermediateValues: new Map(), userAttrs: {}, systemAttrs: constraints ? { [CONSTRAINTS_ATTR]: [...constraints] } : {},
    datetimeStart: START, datetimeComplete: state === 'running' ? null : new Date(START.getTime() + 12_000),
  };
}

// Maximize accuracy, minimize parameter count; #0, #2 and #3 are the front, #1 is dominated by #2,
// #4 would dominate everything but breaks its constraint, #5 is still running.
const TRIALS = [
  trial(0, [0.80, 1_000], 'complete', [0]), trial(1, [0.84, 9_000], 'complete', [-1]), trial(2, [0.86, 5_000], 'complete', [-1]),
  trial(3, [0.9, 20_000], 'complete', [-2]), trial(4, [0.95, 500], 'complete', [3]), trial(5, null, 'running'),
];

function moSummary(trials: readonly FrozenTrial[]): StudySummary {
  const journal: JournalSnapshot = {
    path: '/w/.tuneboard/fashion.jsonl',
    studies: [{ id: 0, name: 'fashion', direction: 'maximize', directions: ['maximize', 'minimize'], userAttrs: {}, systemAttrs: { [METRIC_NAMES_ATTR]: ['val_accuracy', 'parameter_count'] } }],
    trialsOf: () => trials,
    problem: null,
    modified: START,
  };
  const [summary] = buildSummaries([], [journal]);
  assert.ok(summary);
  return summary;
}

describe('a multi-objective study in the Studies tree', () => {
  it('marks every trial on the Pareto front ★, and only those', () => {
    const study = moSummary(TRIALS);
    assert.deepEqual(TRIALS.filter((t) => isStarred(study, t)).map((t) => t.number), [0, 2, 3]);
    assert.equal(trialDescription(TRIALS[2] as FrozenTrial, isStarred(study, TRIALS[2] as FrozenTrial)), '0.86 | 5000 · 12s ★');
    assert.equal(trialDescription(TRIALS[1] as FrozenTrial, isStarred(study, TRIALS[1] as FrozenTrial)), '0.84 | 9000 · 12s');
    assert.equal(trialDescription(TRIALS[4] as FrozenTrial, isStarred(study, TRIALS[4] as FrozenTrial)), '0.95 | 500 · 12s', 'infeasible: off the front');
  });

  it('lists the front first, then by rank and crowding distance, when sorted by value', () => {
    const study = moSummary(TRIALS);
    const order = sortStudyTrials(study, 'value').map((t) => t.number);
    assert.deepEqual(order.slice(0, 3).sort(), [0, 2, 3]);
    assert.deepEqual(order.slice(3), [1, 4, 5]);
    assert.deepEqual(sortStudyTrials(study, 'number').map((t) => t.number), [5, 4, 3, 2, 1, 0]);
  });

  it('describes the study by its objectives and the size of its front', () => {
    const study = moSummary(TRIALS);
    assert.deepEqual(study.metrics, ['val_accuracy', 'parameter_count']);
    assert.equal(studyDescription(study), '5 trials · max val_accuracy, min parameter_count · front 3');
    assert.equal(studyDescription(moSummary([])), 'not tuned yet · max val_accuracy, min parameter_count');
    const tip = studyTooltip(study, 'idle');
    assert.match(tip, /Maximize `val_accuracy`, Minimize `parameter_count`/);
    assert.match(tip, /Pareto front ★: 3 trials \(#\d, #\d, #\d\)/);
  });

  it('names every objective in a trial tooltip and says ★ is the front', () => {
    const study = moSummary(TRIALS);
    const tip = trialTooltip(TRIALS[0] as FrozenTrial, study.metrics, true);
    assert.match(tip, /— complete ★ on the Pareto front/);
    assert.match(tip, /val\\_accuracy = 0\.8\n\nparameter\\_count = 1000/);
  });
});
