/**
 * The rank of each row, by the read model's ranking (src/core/studyView/ranking.ts): complete trials by
 * the objective, then pruned ones by their last value; other rows have none. Two sorted lists, built on
 * first use and patched by each batch (a binary insertion per new row), so ranks stay cheap while a
 * study streams into 10,000 trials.
 */
import { isRanked } from '../../../src/core/studyView/ranking';
import type { TrialRow } from '../../../src/protocol/leaderboard';
import { indexByKey, insertByKey, sortByKey, type KeyOf } from './rowOrder';

const valueKey: KeyOf = (row) => row.value;

export class RankedRows {
  private complete: TrialRow[] | null = null;
  private pruned: TrialRow[] | null = null;
  /** number → rank, for sorting every row by rank at once; dropped by every change. */
  private index: Map<number, number> | null = null;

  constructor(private readonly all: () => readonly TrialRow[], private readonly maximizing: () => boolean) {}

  /** 1-based rank, or null for a row that has none (failed, running, waiting, or without a value). */
  rankOf(row: TrialRow): number | null {
    if (this.index) return this.index.get(row.number) ?? null;
    if (!isRanked(row)) return null;
    // No index yet: a binary search answers the few rows on screen.
    this.build();
    const list = row.state === 'complete' ? this.complete : this.pruned;
    const at = indexByKey(list ?? [], row, valueKey, this.maximizing());
    return at < 0 ? null : (row.state === 'complete' ? 0 : (this.complete?.length ?? 0)) + at + 1;
  }

  /** Indexes every rank: before sorting all rows by rank. */
  indexAll(): void {
    this.build();
    this.index ??= new Map([...(this.complete ?? []), ...(this.pruned ?? [])].map((row, i) => [row.number, i + 1]));
  }

  /** `rows` were added or replaced (`changed` holds their numbers); with `rebuild`, everything changed. */
  patch(rows: readonly TrialRow[], changed: ReadonlySet<number>, rebuild = false): void {
    this.index = null;
    if (rebuild || this.complete === null || this.pruned === null) {
      this.complete = this.pruned = null;
      return;
    }
    const without = (list: readonly TrialRow[]): readonly TrialRow[] => (changed.size === 0 ? list : list.filter((row) => !changed.has(row.number)));
    const ranked = rows.filter(isRanked);
    this.complete = insertByKey(without(this.complete), ranked.filter((row) => row.state === 'complete'), valueKey, this.maximizing());
    this.pruned = insertByKey(without(this.pruned), ranked.filter((row) => row.state === 'pruned'), valueKey, this.maximizing());
  }

  private build(): void {
    if (this.complete !== null && this.pruned !== null) return;
    const ranked = this.all().filter(isRanked);
    this.complete = sortByKey(ranked.filter((row) => row.state === 'complete'), valueKey, this.maximizing());
    this.pruned = sortByKey(ranked.filter((row) => row.state === 'pruned'), valueKey, this.maximizing());
  }
}
