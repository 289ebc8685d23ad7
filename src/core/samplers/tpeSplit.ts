/**
 * Optuna 3.1's split of TPE's observations into "below" (the good trials l(x) is fitted to) and
 * "above" (`_split_observation_pairs`), and the weights of the below trials with several objectives
 * (`_calculate_weights_below_for_multi_objective`).
 *
 * - Constraints first: feasible trials before infeasible ones, infeasible ones by total violation.
 *   While the feasible trials do not fill below, below is every feasible trial and the least
 *   violating others; else below is chosen among the feasible trials by the rules that follow.
 * - One objective: a stable sort on (step, value).
 * - Several: whole non-dominated ranks while they fit, then the rank that does not fit whole is cut
 *   by greedy hypervolume subset selection. Below keeps that order (rank, then the order chosen) in
 *   an unconstrained study, where 3.1 does not sort it; otherwise both sets are in trial order.
 */
import { dominates } from '../multiObjective/dominance';
import { greedyHypervolumeSubset, hypervolumeContributions } from '../multiObjective/hssp';
import { nonDominatedRanks } from '../multiObjective/nonDominatedSort';
import type { Direction } from '../trial';
import { lossRow, type TpeObservations } from './tpeObservations';

const EPS = 1e-12;

export interface TpeSplit {
  /** Complete and pruned observations: what the startup phase and gamma count. */
  readonly nFinished: number;
  /** Indices into the observations. */
  readonly below: Int32Array;
  readonly above: Int32Array;
  /** Several objectives: the weight of each below trial in l(x), in `below`'s order; else null (the usual weights). */
  readonly belowWeights: Float64Array | null;
}

/** The split of `observations` with gamma(number finished) trials below. */
export function splitTpeObservations(observations: TpeObservations, gamma: (n: number) => number): TpeSplit {
  let nFinished = 0;
  for (const step of observations.steps) if (step < Infinity) nFinished++;
  const nBelow = Math.min(gamma(nFinished), observations.steps.length);
  const { below, above } = splitObservationPairs(observations, nBelow);
  const belowWeights = observations.nObjectives > 1 ? multiObjectiveBelowWeights(observations, below) : null;
  return { nFinished, below: Int32Array.from(below), above: Int32Array.from(above), belowWeights };
}

export function splitObservationPairs(observations: TpeObservations, nBelow: number): { below: number[]; above: number[] } {
  const all = Array.from(observations.steps.keys());
  const { violations } = observations;
  if (violations === null) return splitByLosses(observations, all, nBelow);
  const byViolation = [...all].sort((a, b) => compareAscending(violations[a] as number, violations[b] as number) || a - b);
  if (nBelow >= byViolation.length || (violations[byViolation[nBelow] as number] as number) > 0) {
    return { below: sorted(byViolation.slice(0, nBelow)), above: sorted(byViolation.slice(nBelow)) };
  }
  const feasible = all.filter((i) => violations[i] === 0);
  const infeasible = all.filter((i) => (violations[i] as number) > 0);
  const { below, above } = splitByLosses(observations, feasible, nBelow);
  return { below: sorted(below), above: sorted([...above, ...infeasible]) };
}

/** The split of the observations `among` (ascending indices) by their losses alone. */
function splitByLosses(observations: TpeObservations, among: readonly number[], nBelow: number): { below: number[]; above: number[] } {
  if (observations.nObjectives <= 1) {
    const { steps, losses } = observations;
    const order = [...among].sort((a, b) => compareAscending(steps[a] as number, steps[b] as number) || compareAscending(losses[a] as number, losses[b] as number) || a - b);
    return { below: sorted(order.slice(0, nBelow)), above: sorted(order.slice(nBelow)) };
  }
  const ranks = nondominationRanks(among.map((i) => lossRow(observations, i)));
  const below: number[] = [];
  const inRank = (rank: number): number[] => among.filter((_, k) => ranks[k] === rank);
  let rank = 0;
  while (below.length < nBelow && below.length + inRank(rank).length <= nBelow) below.push(...inRank(rank++));
  const left = nBelow - below.length;
  if (left > 0) {
    const cut = inRank(rank);
    const points = cut.map((i) => lossRow(observations, i));
    for (const k of greedyHypervolumeSubset(points, left, nadirReference(points))) below.push(cut[k] as number);
  }
  const chosen = new Set(below);
  return { below, above: among.filter((i) => !chosen.has(i)) };
}

/** Each point's non-dominated rank (0: on the front), all objectives minimised. */
export function nondominationRanks(points: readonly (readonly number[])[]): number[] {
  const minimize: Direction[] = points[0]?.map(() => 'minimize') ?? [];
  return nonDominatedRanks(points, (a, b) => dominates(minimize, a, b));
}

/**
 * Each below trial's weight in l(x): feasible ones by their share of the feasible below trials'
 * hypervolume (their exclusive contribution plus EPS, over the largest), infeasible ones EPS.
 */
export function multiObjectiveBelowWeights(observations: TpeObservations, below: readonly number[]): Float64Array {
  const { violations } = observations;
  const weights = new Float64Array(below.length).fill(EPS);
  const feasible = below.map((_, k) => k).filter((k) => violations === null || violations[below[k] as number] === 0);
  if (feasible.length === 1) weights[feasible[0] as number] = 1;
  if (feasible.length <= 1) return weights;
  const points = feasible.map((k) => lossRow(observations, below[k] as number));
  const contributions = hypervolumeContributions(points, nadirReference(points)).map((c) => c + EPS);
  const largest = Math.max(...contributions);
  feasible.forEach((k, j) => (weights[k] = Math.min(Math.max((contributions[j] as number) / largest, 0), 1)));
  return weights;
}

/**
 * MO-TPE's reference point: past the worst value of each objective by 10% of its size
 * (max(1.1 w, 0.9 w)), and EPS where that is 0.
 */
export function nadirReference(points: readonly (readonly number[])[]): number[] {
  const worst = (points[0] ?? []).map((_, k) => Math.max(...points.map((p) => p[k] as number)));
  return worst.map((w) => {
    const reference = Math.max(1.1 * w, 0.9 * w);
    return reference === 0 ? EPS : reference;
  });
}

function sorted(indices: number[]): number[] {
  return indices.sort((a, b) => a - b);
}

/** Ascending, NaN last (numpy's sort order). */
export function compareAscending(a: number, b: number): number {
  if (a < b) return -1;
  if (a > b) return 1;
  if (a === b) return 0;
  return Number.isNaN(a) ? (Number.isNaN(b) ? 0 : 1) : -1;
}
