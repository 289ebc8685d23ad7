/**
 * Apply, Copy and Insert Best Params on a multi-objective study: no single best, so they offer the
 * trials of its Pareto front (paretoRanking's front), each named by every objective's value and its
 * params, by the first objective; a study without a front says why. Single-objective choices stay as
 * they were.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatObjectiveValues, frontInObjectiveOrder, noParamsReason, paretoRankingOfTrials } from '../../../src/core';
import { CONSTRAINTS_ATTR, METRIC_NAMES_ATTR } from '../../../src/core/studyView';
import type { Direction, FrozenTrial, TrialState } from '../../../src/core/trial';
import { frontChoices, noParamsMessage, offersParams, studyChoices, trialChoices } from '../../../src/extension/insert/insertChoices';
import { buildSummaries, type JournalSnapshot, type StudySummary } from '../../../src/extension/studies/studySummary';

const START = new Date('2026-03-01T10:00:00Z');

function trial(number: number, values: readonly number[] | null, state: TrialState = 'complete', constraints?: readonly number[]): FrozenTrial {
  return {
    id: number, number, state, value: values?.[0] ?? null, values, params: { filters: 8 * (number + 1), act: number % 2 ? 'relu' : 'gelu' }, distributions: {},
    intermediateValues: new Map(), userAttrs: {}, systemAttrs: constraints ? { [CONSTRAINTS_ATTR]: [...constraints] } : {},
    datetimeStart: START, datetimeComplete: state === 'running' ? null : new Date(START.getTime() + 12_000),
  };
}

// Maximize accuracy, minimize parameter count: #0, #2 and #3 are the front; #1 is dominated by #2;
// #4 would dominate all but breaks its constraint; #5 runs.
const TRIALS = [
  trial(0, [0.8, 1_000], 'complete', [0]), trial(1, [0.84, 9_000], 'complete', [-1]), trial(2, [0.86, 5_000], 'complete', [-1]),
  trial(3, [0.9, 20_000], 'complete', [-2]), trial(4, [0.95, 500], 'complete', [3]), trial(5, null, 'running'),
];

function summary(name: string, trials: readonly FrozenTrial[], directions: readonly Direction[], metrics: readonly string[], modified = START): StudySummary {
  const journal: JournalSnapshot = {
    path: `/w/.tuneboard/${name}.jsonl`,
    studies: [{ id: 0, name, direction: directions[0] ?? 'minimize', directions, userAttrs: {}, systemAttrs: { [METRIC_NAMES_ATTR]: [...metrics] } }],
    trialsOf: () => trials,
    problem: null,
    modified,
  };
  const [built] = buildSummaries([], [journal]);
  assert.ok(built);
  return built;
}

const mo = (trials: readonly FrozenTrial[] = TRIALS) => summary('fashion', trials, ['maximize', 'minimize'], ['val_accuracy', 'parameter_count']);

describe('the Pareto front in the Apply, Copy and Insert pickers', () => {
  it('offers exactly the front, by the first objective best first, each with every objective and its params', () => {
    const study = mo();
    const choices = frontChoices(study);
    assert.deepEqual(choices.map((c) => c.number), [3, 2, 0]);
    assert.deepEqual(new Set(choices.map((c) => c.number)), new Set(study.pareto?.front.map((t) => t.number)), 'the read model’s front, no other');
    assert.equal(choices[0]?.label, '★ #3  val_accuracy = 0.9, parameter_count = 20000');
    assert.equal(choices[0]?.description, 'filters=32, act=relu');
    assert.equal(choices[2]?.label, '★ #0  val_accuracy = 0.8, parameter_count = 1000');
  });

  it('orders by the first objective in its own direction, then the next, then by number', () => {
    const front = [{ number: 4, values: [1, 5] }, { number: 1, values: [2, 3] }, { number: 2, values: [1, 5] }, { number: 3, values: [1, 4] }];
    assert.deepEqual(frontInObjectiveOrder(front, ['minimize', 'minimize']).map((t) => t.number), [3, 2, 4, 1]);
    assert.deepEqual(frontInObjectiveOrder(front, ['maximize', 'maximize']).map((t) => t.number), [1, 2, 4, 3]);
    assert.deepEqual(frontInObjectiveOrder([{ number: 0, values: [NaN, 1] }, { number: 1, values: [Infinity, 1] }, { number: 2, values: [-Infinity, 1] }], ['minimize', 'minimize']).map((t) => t.number), [2, 1, 0]);
  });

  it('names the objectives with the one value format, values_<i> where a name is missing', () => {
    assert.equal(formatObjectiveValues([0.123456789, 12_000, Infinity], ['acc', 'size']), 'acc = 0.12346, size = 12000, values_2 = inf');
    assert.equal(formatObjectiveValues(null, ['acc']), '-');
  });

  it('a study with no feasible complete trial offers nothing and says there is no Pareto front', () => {
    const infeasible = mo([trial(0, [0.9, 10], 'complete', [1]), trial(1, null, 'running')]);
    assert.equal(infeasible.pareto?.front.length, 0);
    assert.equal(offersParams(infeasible), false);
    assert.deepEqual(frontChoices(infeasible), []);
    assert.equal(noParamsMessage(infeasible), 'fashion has no feasible complete trial yet, so no Pareto front.');
    assert.equal(noParamsReason(false), 'no complete trial yet, so no best params');
  });

  it('lists a multi-objective study among the studies by its objectives and front size, not a best', () => {
    const single = summary('iris', [trial(0, [0.5]), trial(1, [0.25])], ['minimize'], ['loss'], new Date(START.getTime() - 60_000));
    const empty = mo([trial(0, null, 'running')]);
    const choices = studyChoices([single, mo(), empty], new Date(START.getTime() + 60_000));
    assert.deepEqual(choices.map((c) => [c.label, c.description]), [
      ['fashion', 'max val_accuracy, min parameter_count · front 3 · 6 trials'],
      ['iris', 'minimize loss · best 0.25 · 2 trials'],
    ]);
  });

  it('leaves a single-objective study as it was: its best ★ first, then the top 10; no front', () => {
    const single = summary('iris', [trial(0, [0.5]), trial(1, [0.25]), trial(2, [0.75])], ['minimize'], ['loss']);
    assert.equal(single.pareto, null);
    assert.deepEqual(frontChoices(single), []);
    assert.equal(offersParams(single), true);
    assert.deepEqual(trialChoices(single).map((c) => c.label), ['★ best: #1  loss = 0.25', '#0  loss = 0.5', '#2  loss = 0.75']);
    assert.equal(noParamsMessage(summary('iris', [], ['minimize'], ['loss'])), 'iris has no complete trial yet, so no best params.');
  });

  it('takes the front from the read model (the same trials paretoRankingOfTrials puts on it)', () => {
    const study = mo();
    assert.deepEqual(frontChoices(study).map((c) => c.number).sort(), paretoRankingOfTrials(TRIALS, ['maximize', 'minimize']).front.map((t) => t.number).sort());
  });
});
