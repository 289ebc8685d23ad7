/**
 * Conditional studies: when a trial's param is inactive, and how every view shows it. A finished
 * trial (complete, pruned or failed) that lacks a param the study knows did not take that branch,
 * as an Optuna define-by-run objective that never suggested it; a running or waiting trial may still
 * suggest it, so its gap is "not yet", not inactive. The table, charts, detail pane, tree, hovers,
 * Apply, Insert and Copy all ask this file.
 */
import { choiceKey, type ParamValue } from '../distributions';
import type { SpaceConditions } from '../samplers/sampler';
import { isFinished, type TrialState } from '../trial';
import { formatParamValue } from './format';

/** What a view shows in place of an inactive param's value (dimmed where the view can dim). */
export const INACTIVE_MARK = '—';
/** Its tooltip, and the words a message uses. */
export const INACTIVE_TITLE = 'inactive in this trial';

/** What the rule needs of a trial (a FrozenTrial, a leaderboard row). */
export interface ParamTrial {
  readonly number: number;
  readonly state: TrialState;
  readonly params: Readonly<Record<string, ParamValue>>;
}

/** True when `name`, a param the study knows (its space or another trial has it), is inactive in `trial`. */
export function isInactiveParam(trial: Pick<ParamTrial, 'state' | 'params'>, name: string): boolean {
  return isFinished(trial.state) && !Object.hasOwn(trial.params, name);
}

/** The params of `known` that are inactive in `trial`, in `known`'s order. */
export function inactiveParamsOf(trial: Pick<ParamTrial, 'state' | 'params'>, known: Iterable<string>): string[] {
  return [...known].filter((name) => isInactiveParam(trial, name));
}

/** Every param name some trial has, in order of first appearance (a study's columns without a config). */
export function paramNamesOf(trials: Iterable<Pick<ParamTrial, 'params'>>): string[] {
  const names = new Set<string>();
  for (const trial of trials) for (const name of Object.keys(trial.params)) names.add(name);
  return [...names];
}

/** A param's value as people read it, or the inactive mark; '' while a running trial has not decided it. */
export function paramCellText(trial: Pick<ParamTrial, 'state' | 'params'>, name: string): string {
  const value = trial.params[name];
  if (value !== undefined) return formatParamValue(value);
  return isInactiveParam(trial, name) ? INACTIVE_MARK : '';
}

/**
 * Why `name` is not in `trial`: `inactive in trial #12 (optimizer = adam)` when the space's conditions
 * say which parent's value closed it (`layers = 1` for `units_1`), else `inactive in trial #12`.
 */
export function inactiveReason(name: string, trial: ParamTrial, conditions?: SpaceConditions): string {
  const cause = closingParent(name, trial.params, conditions, new Set());
  return `inactive in trial #${trial.number}${cause === null ? '' : ` (${cause})`}`;
}

/** `parent = value` of the first condition of `name` that fails, following an inactive parent to its own cause. */
function closingParent(name: string, params: Readonly<Record<string, ParamValue>>, conditions: SpaceConditions | undefined, seen: Set<string>): string | null {
  if (seen.has(name)) return null;
  seen.add(name);
  for (const { parent, values } of conditions?.[name] ?? []) {
    const value = params[parent];
    if (value === undefined) return closingParent(parent, params, conditions, seen);
    if (!values.some((v) => choiceKey(v) === choiceKey(value))) return `${parent} = ${formatParamValue(value)}`;
  }
  return null;
}

/**
 * ` (momentum, nesterov left out: inactive in trial #1)` for Copy and Insert, which write only the
 * params the trial has; '' when it lacks none of the params the study's trials have.
 */
export function leftOutNote(trial: ParamTrial, studyTrials: Iterable<Pick<ParamTrial, 'params'>>): string {
  const left = inactiveParamsOf(trial, paramNamesOf(studyTrials));
  return left.length === 0 ? '' : ` (${left.join(', ')} left out: ${inactiveReason(left[0] ?? '', trial)})`;
}
