/** Hand-built studies for the pruners' tests: trials given as `{ step: value }` plus attrs. */
import type { StudyView } from '../../../src/core/samplers/sampler';
import type { Direction, FrozenTrial, JsonValue, TrialState } from '../../../src/core/trial';

export function trial(number: number, state: TrialState, values: Readonly<Record<number, number>>, systemAttrs: Readonly<Record<string, JsonValue>> = {}): FrozenTrial {
  return {
    id: number,
    number,
    state,
    value: null,
    values: null,
    params: {},
    distributions: {},
    intermediateValues: new Map(Object.entries(values).map(([step, value]) => [Number(step), value])),
    userAttrs: {},
    systemAttrs,
    datetimeStart: null,
    datetimeComplete: null,
  };
}

/** Other trials that already recorded `completed_rung_0` values (pruned or complete, it does not matter to ASHA). */
export function rivalsAtRung0(values: readonly number[], firstNumber = 0): FrozenTrial[] {
  return values.map((value, i) => trial(firstNumber + i, i % 2 ? 'pruned' : 'complete', { 1: value }, { completed_rung_0: value }));
}

export function studyOf(trials: readonly FrozenTrial[], direction: Direction = 'minimize', name = 'pruner-test'): StudyView {
  return { name, direction, directions: [direction], searchSpace: {}, getTrials: (states) => (states ? trials.filter((t) => states.includes(t.state)) : trials) };
}

/** The trial with the pruner's attrs applied, as the study stores them before the next report. */
export function withAttrs(current: FrozenTrial, attrs: Readonly<Record<string, JsonValue>>): FrozenTrial {
  return { ...current, systemAttrs: { ...current.systemAttrs, ...attrs } };
}
