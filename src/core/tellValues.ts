/**
 * What a `tell` records besides the state, checked before anything is written: one value per objective
 * (in the study's order), and the constraint values (Optuna's `constraints` system attr, feasible when
 * each is ≤ 0). A mistake is a TypeError naming the trial, the study and what was expected.
 */
import { CONSTRAINTS_ATTR } from './studyView/trialAttrs';
import type { Direction, JsonValue } from './trial';

/** The values of a tell, one per objective; `what` names the tell in messages (`tell trial 3 of study 'mo'`). */
export function checkValueCount(what: string, directions: readonly Direction[], value: number | readonly number[]): readonly number[] {
  const values = typeof value === 'number' ? [value] : value;
  if (!Array.isArray(values) || values.length !== directions.length) {
    const got = Array.isArray(values) ? `${values.length} value${values.length === 1 ? '' : 's'}` : JSON.stringify(value);
    throw new TypeError(`${what}: the study has ${directions.length} objective${directions.length === 1 ? '' : 's'} (${directions.join(', ')}), got ${got}`);
  }
  return values;
}

/** The `constraints` system attr of a tell: finite numbers (≤ 0 is feasible); none when absent. */
export function constraintAttrsOf(what: string, constraints: readonly number[] | undefined): Record<string, JsonValue> {
  if (constraints === undefined) return {};
  if (!Array.isArray(constraints) || constraints.some((c) => typeof c !== 'number' || !Number.isFinite(c))) {
    throw new TypeError(`${what}: constraints must be a list of finite numbers (each ≤ 0 when satisfied), got ${JSON.stringify(constraints)}`);
  }
  return { [CONSTRAINTS_ATTR]: [...constraints] };
}

/** `direction maximize`, or `directions [maximize, minimize]`. */
export function describeDirections(directions: readonly Direction[]): string {
  return directions.length === 1 ? `direction ${directions[0]}` : `directions [${directions.join(', ')}]`;
}
