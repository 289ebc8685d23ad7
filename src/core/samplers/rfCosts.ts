/**
 * What the rf sampler's forest learns: one log cost per complete trial, lower is better.
 *
 * - Each objective is signed to be minimised, ±∞ clipped to the finite extremes (a diverged run is
 *   "very bad"), and scaled onto [0, 1] by its observed range.
 * - Several objectives become one by ParEGO's augmented Chebyshev scalarisation with weights drawn
 *   afresh for each suggestion (SMAC3's multi-objective algorithm): max_k w_k f_k + 0.05 Σ_k w_k f_k.
 * - With constraints (the `constraints` system attr), an infeasible trial costs more than every
 *   feasible one: the worst cost plus v / (1 + v), v its total violation, so less violation is better.
 * - The cost is then taken in log after shifting its minimum to 1% of its range above 0 (SMAC's log
 *   costs): differences among the best trials, which decide where to look next, are stretched out.
 */
import { satisfiesConstraints, totalViolation } from '../multiObjective/dominance';
import type { Rng } from '../rng';
import { constraintValues } from '../studyView/trialAttrs';
import type { Direction, FrozenTrial } from '../trial';
import { objectiveValues } from './gpObservations';

/** ParEGO's augmentation weight ρ. */
const PAREGO_RHO = 0.05;
/** How far below the best cost the log's zero sits, as a share of the cost range. */
const LOG_SHIFT = 0.01;

/**
 * The log costs of `trials` (each with one value per objective), in order. `rng` draws the ParEGO
 * weights when there are several objectives.
 */
export function logCosts(trials: readonly FrozenTrial[], directions: readonly Direction[], rng: Rng): Float64Array {
  const rows = trials.map((t) => (objectiveValues(t, directions.length) as readonly number[]).map((v, k) => (directions[k] === 'minimize' ? v : -v)));
  const scaled = directions.map((_, k) => scaleToUnit(rows.map((row) => row[k] as number)));
  let costs: number[];
  if (directions.length === 1) {
    costs = Array.from(scaled[0] as Float64Array);
  } else {
    const raw = directions.map(() => rng.random() + 1e-12);
    const total = raw.reduce((a, b) => a + b, 0);
    const weights = raw.map((w) => w / total);
    costs = rows.map((_, i) => {
      const weighted = weights.map((w, k) => w * ((scaled[k] as Float64Array)[i] as number));
      return Math.max(...weighted) + PAREGO_RHO * weighted.reduce((a, b) => a + b, 0);
    });
  }
  const constraints = trials.map((t) => constraintValues(t));
  if (constraints.some((c) => c !== null)) {
    const count = Math.max(...constraints.map((c) => c?.length ?? 0));
    // A trial without every constraint value counts as infeasible by one unit of violation.
    const violation = constraints.map((c) => (c === null || c.length !== count || c.some((v) => !Number.isFinite(v)) ? 1 : satisfiesConstraints(c) ? 0 : totalViolation(c)));
    const worst = Math.max(...costs);
    costs = costs.map((cost, i) => ((violation[i] as number) > 0 ? worst + (violation[i] as number) / (1 + (violation[i] as number)) : cost));
  }
  const low = Math.min(...costs);
  const range = Math.max(...costs) - low || 1;
  return Float64Array.from(costs, (c) => Math.log(c - low + LOG_SHIFT * range));
}

/** (v − min) / (max − min) with ±∞ clipped to the finite extremes; all 0 when the values do not vary. */
function scaleToUnit(values: readonly number[]): Float64Array {
  const finite = values.filter(Number.isFinite);
  const low = finite.length ? Math.min(...finite) : 0;
  const high = finite.length ? Math.max(...finite) : 0;
  const range = high - low || 1;
  return Float64Array.from(values, (v) => (Math.min(high, Math.max(low, Number.isNaN(v) ? high : v)) - low) / range);
}
