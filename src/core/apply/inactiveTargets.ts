/**
 * Apply, Insert and Copy write only the params a trial has. In a conditional study a file may still
 * name a param of a branch the trial did not take (`momentum = 0.9` in train.py for an adam trial):
 * Apply leaves it untouched, and says so, with the parent value that closed the branch when the
 * config's conditions are at hand: "momentum not applied: inactive in trial #12 (optimizer = adam)".
 */
import type { SpaceConditions } from '../samplers/sampler';
import { inactiveParamsOf, inactiveReason, type ParamTrial } from '../studyView/inactiveParams';

/** The params a trial lacks that a target may still name, each with why (inactiveReason). */
export interface InactiveParams {
  readonly names: readonly string[];
  reason(param: string): string;
}

/** A place in a target that names an inactive param and was left as it is. */
export interface StaleTarget {
  readonly param: string;
  /** The name in the file (the param after the target's `map:`). */
  readonly name: string;
  /** The first place the file names it: its value's offsets (start = end where the value is not a literal). */
  readonly start: number;
  readonly end: number;
  readonly line: number;
  /** `inactive in trial #12 (optimizer = adam)`. */
  readonly reason: string;
}

/**
 * The params of `known` (the config's space names, or every param the study's trials have) that
 * `trial` lacks; `conditions` (the config's) name the parent value behind each.
 */
export function inactiveParamsForApply(trial: ParamTrial, known: Iterable<string>, conditions?: SpaceConditions): InactiveParams {
  return { names: inactiveParamsOf(trial, known), reason: (param) => inactiveReason(param, trial, conditions) };
}

/** `momentum not applied: inactive in trial #12 (optimizer = adam)` (`units (units_1) …` when the map renames it). */
export function describeStale(stale: Pick<StaleTarget, 'param' | 'name' | 'reason'>): string {
  return `${stale.name}${stale.name === stale.param ? '' : ` (${stale.param})`} not applied: ${stale.reason}`;
}

/** No inactive params: a flat study's trial, or a caller without a study. */
export const NO_INACTIVE_PARAMS: InactiveParams = { names: [], reason: () => '' };
