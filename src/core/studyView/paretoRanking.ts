/**
 * How a multi-objective study's trials rank, once for every view (Studies tree, leaderboard table and
 * Pareto chart; `tuneboard show` lists the same front): complete trials by non-dominated rank, with
 * Optuna's constrained domination in a constrained study (feasible before infeasible, infeasible ones
 * by total violation), then by crowding distance within a rank (larger first, ties by number); the
 * Pareto front (rank 0 and feasible) first. Then pruned, failed, running and waiting trials by number,
 * as the single-objective ranking places them. A single-objective study keeps ranking.ts's order.
 *
 * Pure and generic: the journal's FrozenTrials (`paretoRankingOfTrials`) and the leaderboard's rows
 * (which carry `values` and `constraints`) rank through the same function. The front it returns is
 * multiObjective's `paretoFront(trials, directions, { feasibleOnly: true })` (a test checks it): in a
 * constrained study (some trial has constraint values) a trial without any is infeasible, as Optuna 4.
 * A complete trial whose values are missing, of the wrong length or NaN takes no rank (as a NaN value
 * takes none in a single-objective study) and comes after the ranked ones.
 */
import { dominates, satisfiesConstraints, totalViolation } from '../multiObjective/dominance';
import { crowdingDistances } from '../multiObjective/crowding';
import { fastNonDominatedSort } from '../multiObjective/nonDominatedSort';
import type { Direction, FrozenTrial, TrialState } from '../trial';
import { RANK_STATE_ORDER } from './ranking';
import { constraintValues } from './trialAttrs';

/** What the Pareto ranking needs of a trial. */
export interface ParetoRankable {
  readonly number: number;
  readonly state: TrialState;
  /** One value per objective, or null. */
  readonly values: readonly number[] | null;
  /** The trial's constraint values (the `constraints` system attr), or null when it has none. */
  readonly constraints: readonly number[] | null;
}

/** Where one trial stands. */
export interface ParetoStanding {
  /** 1-based place in the ranking among ranked trials (what the Rank column shows), else null. */
  readonly place: number | null;
  /** Non-dominated rank, 0 for the first front (constrained domination in a constrained study), else null. */
  readonly rank: number | null;
  /** Crowding distance within its rank (∞ at a rank's ends), else null. */
  readonly crowding: number | null;
  /** On the Pareto front: complete, feasible and dominated by no other feasible complete trial. */
  readonly onFront: boolean;
  /** Satisfies its constraints (always, in a study without constraints). */
  readonly feasible: boolean;
}

export interface ParetoRanking<T> {
  /** Every trial: ranked ones in ranking order (front first), then the rest by state and number. */
  readonly ordered: readonly T[];
  /** The front in ranking order (by crowding distance, larger first). */
  readonly front: readonly T[];
  /** By trial number. */
  readonly standings: ReadonlyMap<number, ParetoStanding>;
  /** Whether any trial has constraint values (then a trial without them is infeasible). */
  readonly constrained: boolean;
}

/** A study ranks by Pareto dominance when it has two objectives or more. */
export function isMultiObjective(directions: readonly Direction[]): boolean {
  return directions.length > 1;
}

/** Whether `trial` is feasible in a study that is `constrained` (see `ParetoRanking.constrained`). */
export function isFeasible(trial: Pick<ParetoRankable, 'constraints'>, constrained: boolean): boolean {
  return !constrained || (trial.constraints !== null && satisfiesConstraints(trial.constraints));
}

/** Whether a trial takes a Pareto rank: complete, with one number (not NaN) per objective. */
export function isParetoRanked(trial: ParetoRankable, objectives: number): boolean {
  return trial.state === 'complete' && trial.values !== null && trial.values.length === objectives && !trial.values.some(Number.isNaN);
}

export function paretoRanking<T extends ParetoRankable>(trials: readonly T[], directions: readonly Direction[]): ParetoRanking<T> {
  const constrained = trials.some((t) => t.constraints !== null);
  const feasible = new Map(trials.map((t) => [t.number, isFeasible(t, constrained)]));
  const violation = (t: T): number => (t.constraints === null ? Infinity : totalViolation(t.constraints));
  const better = (a: T, b: T): boolean => {
    const fa = feasible.get(a.number) === true;
    const fb = feasible.get(b.number) === true;
    if (fa && fb) return dominates(directions, a.values as number[], b.values as number[]);
    if (fa !== fb) return fa;
    const va = violation(a);
    const vb = violation(b);
    // Two trials without constraint values compare by their values, as Optuna's constrained domination.
    return va === Infinity && vb === Infinity ? dominates(directions, a.values as number[], b.values as number[]) : va < vb;
  };
  const rankable = trials.filter((t) => isParetoRanked(t, directions.length));
  const ranks = fastNonDominatedSort(rankable, better);
  const standings = new Map<number, ParetoStanding>();
  const ordered: T[] = [];
  const front: T[] = [];
  ranks.forEach((members, rank) => {
    const distances = crowdingDistances(members.map((m) => ({ values: m.values as number[] })));
    const byCrowding = members.map((member, i) => ({ member, crowding: distances[i] as number }))
      .sort((a, b) => (b.crowding === a.crowding ? a.member.number - b.member.number : b.crowding > a.crowding || Number.isNaN(a.crowding) ? 1 : -1));
    for (const { member, crowding } of byCrowding) {
      const isFeasibleTrial = feasible.get(member.number) === true;
      const onFront = rank === 0 && isFeasibleTrial;
      if (onFront) front.push(member);
      ordered.push(member);
      standings.set(member.number, { place: ordered.length, rank, crowding, onFront, feasible: isFeasibleTrial });
    }
  });
  const rest = trials.filter((t) => !standings.has(t.number)).sort((a, b) => RANK_STATE_ORDER[a.state] - RANK_STATE_ORDER[b.state] || a.number - b.number);
  for (const trial of rest) {
    ordered.push(trial);
    standings.set(trial.number, { place: null, rank: null, crowding: null, onFront: false, feasible: feasible.get(trial.number) === true });
  }
  return { ordered, front, standings, constrained };
}

/** A journal trial as the Pareto ranking sees it. */
export function paretoRankable(trial: FrozenTrial): ParetoRankable & { readonly trial: FrozenTrial } {
  return { number: trial.number, state: trial.state, values: trial.values, constraints: constraintValues(trial), trial };
}

/** `paretoRanking` of a study's journal trials, answering with the trials themselves. */
export function paretoRankingOfTrials(trials: readonly FrozenTrial[], directions: readonly Direction[]): ParetoRanking<FrozenTrial> {
  const ranking = paretoRanking(trials.map(paretoRankable), directions);
  return { ordered: ranking.ordered.map((r) => r.trial), front: ranking.front.map((r) => r.trial), standings: ranking.standings, constrained: ranking.constrained };
}
