/**
 * Pareto dominance between objective vectors and between trials, by Optuna 3.1's rules
 * (`study/_multi_objective.py` `_dominates`, `samplers/nsgaii` `_constrained_dominates`). Values are
 * compared after turning every objective into one to minimise, so maximised ones are negated.
 */
import { constraintValues } from '../studyView/trialAttrs';
import type { Direction, FrozenTrial } from '../trial';

/** A value as one to minimise: negated when maximised; a missing value is +∞ before that, as Optuna's `_normalize_value`. */
export function toMinimized(value: number | null, direction: Direction): number {
  const v = value ?? Infinity;
  return direction === 'maximize' ? -v : v;
}

/** `a` dominates `b`: no worse in every objective and not equal in all of them. */
export function dominates(directions: readonly Direction[], a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) throw new RangeError('vectors with different numbers of objectives cannot be compared');
  if (a.length !== directions.length) throw new RangeError(`${a.length} values for ${directions.length} objectives`);
  let allEqual = true;
  let noWorse = true;
  for (let i = 0; i < a.length; i++) {
    const direction = directions[i] as Direction;
    const x = toMinimized(a[i] as number, direction);
    const y = toMinimized(b[i] as number, direction);
    if (x !== y) allEqual = false;
    if (!(x <= y)) noWorse = false;
  }
  return !allEqual && noWorse;
}

/** A trial's objective values (one per objective), or null before it has them. */
export function valuesOf(trial: FrozenTrial): readonly number[] | null {
  return trial.values;
}

/**
 * Optuna's `_dominates` on trials: a trial that is not complete never dominates and is dominated by
 * any complete one; two complete trials compare by their values.
 */
export function trialDominates(directions: readonly Direction[], a: FrozenTrial, b: FrozenTrial): boolean {
  const valuesA = valuesOf(a);
  const valuesB = valuesOf(b);
  if (valuesA === null || valuesB === null) throw new RangeError(`trial ${valuesA === null ? a.number : b.number} has no values to compare`);
  if (valuesA.length !== valuesB.length) throw new RangeError('trials with different numbers of objectives cannot be compared');
  if (valuesA.length !== directions.length) throw new RangeError(`${valuesA.length} values for ${directions.length} objectives`);
  if (a.state !== 'complete') return false;
  if (b.state !== 'complete') return true;
  return dominates(directions, valuesA, valuesB);
}

/** True when every constraint value is ≤ 0 (no constraints: true). */
export function satisfiesConstraints(constraints: readonly number[]): boolean {
  return constraints.every((v) => v <= 0);
}

/** The sum of the violated constraint values (those above 0). */
export function totalViolation(constraints: readonly number[]): number {
  let sum = 0;
  for (const v of constraints) if (v > 0) sum += v;
  return sum;
}

/**
 * Optuna 3.1 NSGA-II's constrained domination. A trial with constraint values beats one without;
 * then a non-complete trial loses; a feasible trial beats an infeasible one; two feasible trials
 * compare by dominance, two infeasible ones by their total violation (smaller wins).
 */
export function constrainedDominates(directions: readonly Direction[], a: FrozenTrial, b: FrozenTrial): boolean {
  const constraintsA = constraintValues(a);
  const constraintsB = constraintValues(b);
  if (constraintsA === null && constraintsB === null) return trialDominates(directions, a, b);
  if (constraintsB === null) return true;
  if (constraintsA === null) return false;
  if (constraintsA.length !== constraintsB.length) throw new RangeError('trials with different numbers of constraints cannot be compared');
  if (a.state !== 'complete') return false;
  if (b.state !== 'complete') return true;
  const feasibleA = satisfiesConstraints(constraintsA);
  const feasibleB = satisfiesConstraints(constraintsB);
  if (feasibleA && feasibleB) return trialDominates(directions, a, b);
  if (feasibleA) return true;
  if (feasibleB) return false;
  return totalViolation(constraintsA) < totalViolation(constraintsB);
}
