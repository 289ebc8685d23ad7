/**
 * What a multi-objective page should show, worked out from the rows alone by the definition of
 * dominance (not by the code under test): for the Pareto page tests.
 */
import type { TrialRow } from '../../src/protocol/leaderboard';
import { PARETO_OBJECTIVES } from '../fixtures/leaderboard/paretoStudy';

/** By definition: feasible complete trials no other feasible complete trial dominates. */
export function expectedClasses(rows: readonly TrialRow[], objectives = PARETO_OBJECTIVES.length): { front: number[]; dominated: number[]; infeasible: number[] } {
  const complete = rows.filter((row) => row.state === 'complete' && row.values !== undefined);
  const feasible = (row: TrialRow): boolean => (row.constraints ?? [Infinity]).every((c) => c <= 0);
  const better = (a: TrialRow, b: TrialRow): boolean => {
    const minimized = (row: TrialRow, i: number): number => ((PARETO_OBJECTIVES[i]?.direction === 'maximize' ? -1 : 1) * (row.values?.[i] ?? 0));
    let strictly = false;
    for (let i = 0; i < objectives; i++) {
      if (minimized(a, i) > minimized(b, i)) return false;
      if (minimized(a, i) < minimized(b, i)) strictly = true;
    }
    return strictly;
  };
  const ok = complete.filter(feasible);
  const front = ok.filter((row) => !ok.some((other) => better(other, row))).map((row) => row.number);
  return {
    front: front.sort((a, b) => a - b),
    dominated: ok.filter((row) => !front.includes(row.number)).map((row) => row.number).sort((a, b) => a - b),
    infeasible: complete.filter((row) => !feasible(row)).map((row) => row.number).sort((a, b) => a - b),
  };
}

