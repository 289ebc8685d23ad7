/**
 * What TPE learns from: Optuna 3.1's `_get_observation_pairs`. Each observed trial gets a ranking key
 * (a step and its values to minimise) and, in a constrained study, its total constraint violation.
 *
 * One objective: complete and pruned trials, and running ones under the constant liar. Several
 * objectives: complete trials only (3.1's multi-objective TPE neither prunes nor lies).
 * Constraints: 3.1 applies them when the sampler has a `constraints_func`; here, unless told, when
 * some complete or pruned trial carries constraint values (the `constraints` system attr tell
 * writes). A trial without them, or still running, then counts as violating by +∞.
 */
import { totalViolation } from '../multiObjective/dominance';
import { constraintValues } from '../studyView/trialAttrs';
import { lastStep, type FrozenTrial, type TrialState } from '../trial';
import type { StudyView } from './sampler';

export interface TpeObservations {
  /** The observed trials, in number order; every other array is indexed like it. */
  readonly trials: readonly FrozenTrial[];
  /** Optuna's step key: −∞ for complete trials, −(last step) for pruned ones (1 before any report), +∞ running. */
  readonly steps: Float64Array;
  /** Row-major, `nObjectives` per trial: the values to minimise (maximised ones negated). */
  readonly losses: Float64Array;
  readonly nObjectives: number;
  /** Per trial: the sum of its positive constraint values (0 when feasible); null in an unconstrained study. */
  readonly violations: Float64Array | null;
}

export interface ObservationOptions {
  readonly constantLiar: boolean;
  /** Use constraints or not; default: once some complete or pruned trial carries constraint values. */
  readonly constrained?: boolean;
}

/** The observations for sampling `current` (never its own observation, though it may be listed as running). */
export function collectObservations(study: StudyView, current: FrozenTrial, options: ObservationOptions): TpeObservations {
  const nObjectives = study.directions.length;
  const signs = study.directions.map((d) => (d === 'minimize' ? 1 : -1));
  const states: readonly TrialState[] = nObjectives > 1 ? ['complete'] : options.constantLiar ? ['complete', 'pruned', 'running'] : ['complete', 'pruned'];
  const trials = study.getTrials(states).filter((t) => t.number !== current.number && (t.state !== 'complete' || hasValues(t, nObjectives)));
  const steps = new Float64Array(trials.length);
  const losses = new Float64Array(trials.length * nObjectives);
  trials.forEach((trial, i) => {
    if (nObjectives === 1) {
      [steps[i], losses[i]] = observationScore(trial, signs[0] as number);
      return;
    }
    steps[i] = -Infinity;
    signs.forEach((sign, k) => (losses[i * nObjectives + k] = sign * ((trial.values as readonly number[])[k] as number)));
  });
  const constrained = options.constrained ?? study.getTrials(['complete', 'pruned']).some((t) => constraintValues(t) !== null);
  const violations = constrained ? Float64Array.from(trials, violationOf) : null;
  return { trials, steps, losses, nObjectives, violations };
}

function hasValues(trial: FrozenTrial, nObjectives: number): boolean {
  return nObjectives === 1 ? trial.value !== null : trial.values !== null && trial.values.length === nObjectives;
}

/**
 * Optuna's `(step, score)` ranking key, compared lexicographically: complete trials (−∞, sign·value)
 * rank before pruned ones (−last step, sign·last intermediate value), deeper pruned before shallower,
 * and running trials (+∞, sign·∞) last.
 */
export function observationScore(trial: FrozenTrial, sign: number): [number, number] {
  if (trial.state === 'complete') return [-Infinity, sign * (trial.value as number)];
  if (trial.state === 'running') return [Infinity, sign * Infinity];
  const step = lastStep(trial);
  if (step === null) return [1, 0];
  const value = trial.intermediateValues.get(step) as number;
  return [-step, Number.isNaN(value) ? Infinity : sign * value];
}

/** The total violation 3.1 ranks infeasible trials by; +∞ while running or without constraint values. */
function violationOf(trial: FrozenTrial): number {
  if (trial.state === 'running') return Infinity;
  const constraints = constraintValues(trial);
  return constraints === null ? Infinity : totalViolation(constraints);
}

/** Trial i's values to minimise. */
export function lossRow(observations: TpeObservations, i: number): number[] {
  const m = observations.nObjectives;
  return Array.from(observations.losses.subarray(i * m, (i + 1) * m));
}

/** Whether two collections rank alike (same keys, bit for bit), so an earlier split still holds. */
export function sameRankingKeys(a: TpeObservations, b: TpeObservations): boolean {
  if (a.nObjectives !== b.nObjectives || a.steps.length !== b.steps.length || (a.violations === null) !== (b.violations === null)) return false;
  return sameArray(a.steps, b.steps) && sameArray(a.losses, b.losses) && (a.violations === null || sameArray(a.violations, b.violations as Float64Array));
}

function sameArray(a: Float64Array, b: Float64Array): boolean {
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}
