/** Trial states and the read-only trial record every sampler, pruner and view works from. */
import type { Distribution, ParamValue } from './distributions';

/** Optuna's TrialState, with its journal codes. */
export type TrialState = 'running' | 'complete' | 'pruned' | 'fail' | 'waiting';
export const TRIAL_STATE_CODES: Readonly<Record<TrialState, number>> = { running: 0, complete: 1, pruned: 2, fail: 3, waiting: 4 };
export const TRIAL_STATES_BY_CODE: readonly TrialState[] = ['running', 'complete', 'pruned', 'fail', 'waiting'];

export type Direction = 'minimize' | 'maximize';
/** Optuna's StudyDirection codes in the journal: NOT_SET=0, MINIMIZE=1, MAXIMIZE=2. */
export const DIRECTION_CODES: Readonly<Record<Direction, number>> = { minimize: 1, maximize: 2 };

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export interface FrozenTrial {
  /** Id in the journal (counts trials of every study in the file, by order of appearance). */
  readonly id: number;
  /** 0-based number within its study. */
  readonly number: number;
  readonly state: TrialState;
  /** The objective value of a finished trial (its first, in a multi-objective study); for a pruned trial Optuna stores the last intermediate value. */
  readonly value: number | null;
  /** One value per objective, in the study's order (Optuna's `values`); null while none is set. */
  readonly values: readonly number[] | null;
  /** User-facing values, in the order they were set. */
  readonly params: Readonly<Record<string, ParamValue>>;
  readonly distributions: Readonly<Record<string, Distribution>>;
  /** step → value, as reported during the trial. */
  readonly intermediateValues: ReadonlyMap<number, number>;
  readonly userAttrs: Readonly<Record<string, JsonValue>>;
  readonly systemAttrs: Readonly<Record<string, JsonValue>>;
  readonly datetimeStart: Date | null;
  readonly datetimeComplete: Date | null;
}

export function isFinished(state: TrialState): boolean {
  return state === 'complete' || state === 'pruned' || state === 'fail';
}

/** The last reported step of a trial, or null when it reported nothing. */
export function lastStep(trial: FrozenTrial): number | null {
  let last: number | null = null;
  for (const step of trial.intermediateValues.keys()) if (last === null || step > last) last = step;
  return last;
}

/** Duration in milliseconds of a finished trial, or null. */
export function trialDuration(trial: FrozenTrial): number | null {
  if (!trial.datetimeStart || !trial.datetimeComplete) return null;
  return trial.datetimeComplete.getTime() - trial.datetimeStart.getTime();
}
