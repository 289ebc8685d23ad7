/**
 * A multi-objective study's rows ranked by the read model's Pareto ranking
 * (src/core/studyView/paretoRanking.ts, the tree's and `tuneboard show`'s front): the front first,
 * then by non-dominated rank and crowding distance. A new trial can move every other one (it may
 * dominate part of the front), so the ranking is recomputed on first use after any change; in a
 * single-objective study it is never computed and ranks come from RankedRows.
 */
import { paretoRanking, type ParetoRankable, type ParetoRanking, type ParetoStanding } from '../../../src/core/studyView/paretoRanking';
import type { ObjectiveSpec, TrialRow } from '../../../src/protocol/leaderboard';

interface RankableRow extends ParetoRankable {
  readonly row: TrialRow;
}

/** A row's value on objective `index` (the first is `value`), or null. */
export function objectiveValue(row: TrialRow, index: number): number | null {
  const value = row.values?.[index] ?? (index === 0 ? row.value : null);
  return value === null || value === undefined || Number.isNaN(value) ? null : value;
}

/** The column of objective `index` past the first (the first is the `value` column). */
export function objectiveColumn(index: number): `objective:${number}` {
  return `objective:${index}`;
}

export class ParetoRows {
  private ranking: ParetoRanking<RankableRow> | null = null;
  private frontRows: readonly TrialRow[] | null = null;

  constructor(private readonly all: () => readonly TrialRow[], private readonly objectives: () => readonly ObjectiveSpec[] | undefined) {}

  /** Whether the study has several objectives (and rows rank by Pareto dominance). */
  active(): boolean {
    return (this.objectives()?.length ?? 0) > 1;
  }

  /** Trials or objectives changed. */
  invalidate(): void {
    this.ranking = null;
    this.frontRows = null;
  }

  standing(number: number): ParetoStanding | undefined {
    return this.ranked()?.standings.get(number);
  }

  /** 1-based place among ranked trials, or null. */
  place(number: number): number | null {
    return this.standing(number)?.place ?? null;
  }

  onFront(number: number): boolean {
    return this.standing(number)?.onFront === true;
  }

  /** Whether constraints apply (some trial has constraint values). */
  constrained(): boolean {
    return this.ranked()?.constrained ?? false;
  }

  /** The front in ranking order. */
  front(): readonly TrialRow[] {
    this.frontRows ??= this.ranked()?.front.map((r) => r.row) ?? [];
    return this.frontRows;
  }

  private ranked(): ParetoRanking<RankableRow> | null {
    const objectives = this.objectives();
    if (!objectives || objectives.length < 2) return null;
    this.ranking ??= paretoRanking(
      this.all().map((row) => ({ number: row.number, state: row.state, values: row.values ?? null, constraints: row.constraints ?? null, row })),
      objectives.map((o) => o.direction),
    );
    return this.ranking;
  }
}
