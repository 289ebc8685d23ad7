/**
 * What parameter importance is computed from, as plain data (it crosses a worker_threads boundary):
 * the complete trials with finite values, over the params present in every complete trial with the
 * same distribution (Optuna's intersection search space), sorted by name as Optuna orders them.
 */
import { distributionsEqual, toInternal, type Distribution } from '../distributions';
import type { FrozenTrial } from '../trial';

/**
 * Huge studies use their most recent complete trials only (by trial number), which keeps a forest fit
 * around a second: the forest's cost grows a little faster than the number of trials.
 */
export const MAX_IMPORTANCE_TRIALS = 2000;

export interface ImportanceParam {
  readonly name: string;
  readonly distribution: Distribution;
}

export interface ImportanceInput {
  /** The params to assess, sorted by name. */
  readonly params: readonly ImportanceParam[];
  /** One row per trial: each param's internal value (a categorical's choice index), in `params` order. */
  readonly rows: readonly (readonly number[])[];
  /** The objective of each trial, finite, in `rows` order. */
  readonly values: readonly number[];
  /** Complete trials with a finite value, before only the most recent `MAX_IMPORTANCE_TRIALS` were kept. */
  readonly eligibleTrials: number;
}

/** The importance input of a study's trials (any states, in trial-number order). */
export function importanceInputFromTrials(trials: readonly FrozenTrial[], maxTrials: number = MAX_IMPORTANCE_TRIALS): ImportanceInput {
  if (!Number.isSafeInteger(maxTrials) || maxTrials < 1) throw new RangeError(`maxTrials must be a whole number of at least 1, got ${maxTrials}`);
  const complete = trials.filter((t) => t.state === 'complete');
  const params = intersectionSearchSpace(complete);
  // As Optuna: the search space counts every complete trial, the fit only those with a finite value.
  const eligible = complete.filter((t) => t.value !== null && Number.isFinite(t.value)).sort((a, b) => a.number - b.number);
  const used = eligible.slice(-maxTrials);
  return {
    params,
    rows: used.map((t) => params.map((p) => toInternal(p.distribution, t.params[p.name] ?? null))),
    values: used.map((t) => t.value as number),
    eligibleTrials: eligible.length,
  };
}

/** Params every trial has, with an identical distribution in each (a param whose range changed is left out). */
function intersectionSearchSpace(trials: readonly FrozenTrial[]): ImportanceParam[] {
  const [first, ...rest] = trials;
  if (!first) return [];
  const shared = new Map(Object.entries(first.distributions));
  for (const trial of rest) {
    for (const [name, distribution] of shared) {
      const other = trial.distributions[name];
      if (!other || !distributionsEqual(other, distribution)) shared.delete(name);
    }
  }
  return [...shared]
    .map(([name, distribution]) => ({ name, distribution }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
