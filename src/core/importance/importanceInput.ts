/**
 * What parameter importance is computed from, as plain data (it crosses a worker_threads boundary):
 * the complete trials with finite values, over the params the complete trials have with one
 * distribution, sorted by name as Optuna orders them.
 *
 * A conditional study's trial lacks the params of branches it did not take. Optuna 3.1 ranks only the
 * params every complete trial has (its intersection search space), which would leave a conditional
 * param out altogether. Tuneboard keeps it and imputes its inactive trials out of range, as SMAC's
 * fANOVA does (featureEncoding.ts): "inactive" is one more value of the param, so its importance
 * counts both its value and whether it was there at all. A param whose distribution differs between
 * trials (its range was edited) is still left out.
 */
import { distributionsEqual, toInternal, type Distribution } from '../distributions';
import type { FrozenTrial } from '../trial';
import type { ImportanceOutcome } from './fanovaImportance';

/**
 * Huge studies use their most recent complete trials only (by trial number), which keeps a forest fit
 * around a second: the forest's cost grows a little faster than the number of trials.
 */
export const MAX_IMPORTANCE_TRIALS = 2000;

/** A row's value for a param inactive in that trial (featureEncoding.ts imputes it out of range). */
export const INACTIVE_VALUE = Number.NaN;

export interface ImportanceParam {
  readonly name: string;
  readonly distribution: Distribution;
  /** How many of the used trials lack it (inactive there); 0 or absent for a param every trial has. */
  readonly inactiveIn?: number;
}

export interface ImportanceInput {
  /** The params to assess, sorted by name. */
  readonly params: readonly ImportanceParam[];
  /** One row per trial: each param's internal value (a categorical's choice index) or INACTIVE_VALUE, in `params` order. */
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
  // As Optuna: the search space counts every complete trial, the fit only those with a finite value.
  const eligible = complete.filter((t) => t.value !== null && Number.isFinite(t.value)).sort((a, b) => a.number - b.number);
  const used = eligible.slice(-maxTrials);
  const params = consistentSearchSpace(complete)
    .map(({ name, distribution }) => ({ name, distribution, inactiveIn: used.filter((t) => !Object.hasOwn(t.params, name)).length }))
    .filter((p) => p.inactiveIn < used.length || used.length === 0);
  return {
    params,
    rows: used.map((t) => params.map((p) => (Object.hasOwn(t.params, p.name) ? toInternal(p.distribution, t.params[p.name] ?? null) : INACTIVE_VALUE))),
    values: used.map((t) => t.value as number),
    eligibleTrials: eligible.length,
  };
}

/** Params some trial has, with an identical distribution in every trial that has it (a param whose range changed is left out). */
function consistentSearchSpace(trials: readonly FrozenTrial[]): { name: string; distribution: Distribution }[] {
  const seen = new Map<string, Distribution | null>();
  for (const trial of trials) {
    for (const [name, distribution] of Object.entries(trial.distributions)) {
      const earlier = seen.get(name);
      if (earlier === undefined) seen.set(name, distribution);
      else if (earlier !== null && !distributionsEqual(earlier, distribution)) seen.set(name, null);
    }
  }
  return [...seen]
    .flatMap(([name, distribution]) => (distribution === null ? [] : [{ name, distribution }]))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * The outcome with its method saying which params were imputed, e.g. `fANOVA (random forest, 64 trees;
 * momentum, beta1 imputed where inactive)`, so every view that shows the method (leaderboard, CLI, hovers) says so.
 */
export function withImputationNote(outcome: ImportanceOutcome, input: ImportanceInput): ImportanceOutcome {
  const imputed = input.params.filter((p) => (p.inactiveIn ?? 0) > 0).map((p) => p.name);
  if (outcome.result === null || imputed.length === 0) return outcome;
  const { method } = outcome.result;
  const note = `${imputed.join(', ')} imputed out of range where inactive`;
  return { result: { ...outcome.result, method: method.endsWith(')') ? `${method.slice(0, -1)}; ${note})` : `${method} (${note})` } };
}
