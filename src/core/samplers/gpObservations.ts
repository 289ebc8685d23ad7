/**
 * What the GP sampler learns from: the complete trials of the search space as encoded points, each
 * objective standardised and signed so that lower is better (one GP each), and in a constrained study
 * (some trial carries constraint values, the `constraints` system attr) each constraint standardised
 * with the threshold its 0 maps to, and which trials are feasible (every value ≤ 0, Optuna's rule).
 */
import { satisfiesConstraints } from '../multiObjective/dominance';
import { constraintValues } from '../studyView/trialAttrs';
import type { Direction, FrozenTrial } from '../trial';
import type { EncodedSpace } from './gpSearchSpace';

export interface StandardizedColumn {
  readonly y: Float64Array;
  /** Where a raw value of 0 lands after standardising (a constraint is met at or below it). */
  readonly zeroAt: number;
}

export interface GpObservations {
  readonly points: Float64Array[];
  /** One column per objective, to minimise. */
  readonly objectives: StandardizedColumn[];
  /** One column per constraint value; empty in an unconstrained study. */
  readonly constraints: StandardizedColumn[];
  /** Per point: every constraint value present and ≤ 0 (all true without constraints). */
  readonly feasible: boolean[];
}

/** The observations of `complete` (trials with one finite-or-infinite value per objective), or null without usable values. */
export function collectGpObservations(space: EncodedSpace, complete: readonly FrozenTrial[], directions: readonly Direction[]): GpObservations | null {
  const points: Float64Array[] = [];
  const rows: (readonly number[])[] = [];
  const constraintRows: (readonly number[] | null)[] = [];
  for (const trial of complete) {
    const point = space.encode(trial.params);
    const values = objectiveValues(trial, directions.length);
    if (point === null || values === null) continue;
    points.push(point);
    rows.push(values.map((v, k) => (directions[k] === 'minimize' ? v : -v)));
    constraintRows.push(constraintValues(trial));
  }
  const objectives: StandardizedColumn[] = [];
  for (let k = 0; k < directions.length; k++) {
    const column = standardizeWithScale(rows.map((row) => row[k] as number));
    if (column === null) return null;
    objectives.push(column);
  }
  const count = Math.max(0, ...constraintRows.map((row) => row?.length ?? 0));
  const constraints: StandardizedColumn[] = [];
  for (let c = 0; c < count; c++) {
    // A trial without this value (or with NaN) counts as the worst observed, and as infeasible.
    const column = standardizeWithScale(constraintRows.map((row) => (row && Number.isFinite(row[c]) ? (row[c] as number) : Infinity)));
    constraints.push(column ?? { y: new Float64Array(points.length), zeroAt: 0 });
  }
  const feasible = constraintRows.map((row) => count === 0 || (row !== null && row.length === count && satisfiesConstraints(row)));
  return { points, objectives, constraints, feasible };
}

/** The trial's values, one per objective, or null when it has none or a NaN. */
export function objectiveValues(trial: FrozenTrial, objectives: number): readonly number[] | null {
  const values = trial.values ?? (trial.value === null ? null : [trial.value]);
  if (values === null || values.length !== objectives || values.some((v) => Number.isNaN(v))) return null;
  return values;
}

/**
 * (v − mean) / std, with ±∞ clipped to the finite extremes first (a diverged run is "very bad", not
 * a reason to break the fit); null when no value is finite.
 */
export function standardize(values: readonly number[]): Float64Array | null {
  return standardizeWithScale(values)?.y ?? null;
}

function standardizeWithScale(values: readonly number[]): StandardizedColumn | null {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return null;
  const low = Math.min(...finite);
  const high = Math.max(...finite);
  const clipped = values.map((v) => Math.min(high, Math.max(low, v)));
  const mean = clipped.reduce((a, b) => a + b, 0) / clipped.length;
  const variance = clipped.reduce((a, b) => a + (b - mean) ** 2, 0) / clipped.length;
  const std = variance > 1e-24 ? Math.sqrt(variance) : 1;
  return { y: Float64Array.from(clipped, (v) => (v - mean) / std), zeroAt: -mean / std };
}
