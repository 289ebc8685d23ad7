/**
 * A multi-objective study's progress as one number per trial: the hypervolume of the Pareto front of
 * the feasible complete trials up to each one (in number order), the leaderboard's hypervolume line.
 *
 * The reference point, per objective: the worst value any feasible complete trial reached, plus 10% of
 * the range of the values (1 when every trial has the same value), so the worst trials still add a
 * sliver of volume. It is taken from the trials shown, so the line is redrawn as a whole when a worse
 * trial arrives; every point of the line uses the same reference, so the line never falls.
 */
import { dominates } from '../multiObjective/dominance';
import { hypervolume, toMinimizedPoint } from '../multiObjective/hypervolume';
import type { Direction } from '../trial';
import { isFeasible, isParetoRanked, type ParetoRankable } from './paretoRanking';

export interface HypervolumePoint {
  /** The trial whose completion this point follows. */
  readonly number: number;
  readonly hypervolume: number;
}

export interface HypervolumeHistory {
  /** In the objectives' own units and directions; null before any feasible complete trial. */
  readonly reference: readonly number[] | null;
  /** One point per feasible complete trial, in number order. */
  readonly points: readonly HypervolumePoint[];
}

/** The reference point: the worst value on each objective plus 10% of its range (see above). */
export function hypervolumeReference(values: readonly (readonly number[])[], directions: readonly Direction[]): number[] | null {
  if (values.length === 0) return null;
  return directions.map((direction, k) => {
    const column = values.map((v) => v[k] as number).filter(Number.isFinite);
    if (column.length === 0) return Number.NaN;
    const low = Math.min(...column);
    const high = Math.max(...column);
    const margin = high > low ? 0.1 * (high - low) : 1;
    return direction === 'maximize' ? low - margin : high + margin;
  });
}

export function hypervolumeHistory(trials: readonly ParetoRankable[], directions: readonly Direction[]): HypervolumeHistory {
  const constrained = trials.some((t) => t.constraints !== null);
  const counted = trials
    .filter((t) => isParetoRanked(t, directions.length) && isFeasible(t, constrained) && (t.values as number[]).every(Number.isFinite))
    .sort((a, b) => a.number - b.number);
  const reference = hypervolumeReference(counted.map((t) => t.values as number[]), directions);
  if (reference === null) return { reference: null, points: [] };
  const ref = toMinimizedPoint(reference, directions);
  const minimizing = directions.map(() => 'minimize' as const);
  let front: number[][] = [];
  let volume = 0;
  const points: HypervolumePoint[] = [];
  for (const trial of counted) {
    const point = toMinimizedPoint(trial.values as number[], directions);
    const dominated = front.some((member) => dominates(minimizing, member, point) || member.every((v, k) => v === point[k]));
    if (!dominated) {
      front = [...front.filter((member) => !dominates(minimizing, point, member)), point];
      volume = hypervolume(front, ref);
    }
    points.push({ number: trial.number, hypervolume: volume });
  }
  return { reference, points };
}
