/**
 * Ordering trial rows by a key: a full sort (each key computed once, not in every comparison) and the
 * insertion of a few changed rows into a list that is already sorted, by binary search, so a batch of
 * 100 new trials among 10,000 costs ~1,500 key lookups and a copy instead of a sort.
 */
import type { TrialRow } from '../../../src/protocol/leaderboard';

export type RowKey = number | string | null;
export type KeyOf = (row: TrialRow) => RowKey;

const collator = new Intl.Collator(undefined, { numeric: true });

/** Missing keys last in either direction; ties by trial number, ascending. */
export function compareKeys(ka: RowKey, a: TrialRow, kb: RowKey, b: TrialRow, descending: boolean): number {
  if (ka === null || kb === null) return ka === kb ? a.number - b.number : ka === null ? 1 : -1;
  // Compared, not subtracted: two infinities of one sign are a tie, not NaN.
  const order = typeof ka === 'number' && typeof kb === 'number' ? (ka < kb ? -1 : ka > kb ? 1 : 0) : collator.compare(String(ka), String(kb));
  return (descending ? -order : order) || a.number - b.number;
}

export function sortByKey(rows: readonly TrialRow[], keyOf: KeyOf, descending: boolean): TrialRow[] {
  const keyed = rows.map((row) => ({ row, key: keyOf(row) }));
  keyed.sort((a, b) => compareKeys(a.key, a.row, b.key, b.row, descending));
  return keyed.map((entry) => entry.row);
}

/** `sorted` with `added` inserted where they belong; `sorted` must not hold them already. */
export function insertByKey(sorted: readonly TrialRow[], added: readonly TrialRow[], keyOf: KeyOf, descending: boolean): TrialRow[] {
  if (added.length === 0) return [...sorted];
  const out: TrialRow[] = [];
  let from = 0;
  for (const row of sortByKey(added, keyOf, descending)) {
    const key = keyOf(row);
    // First position in sorted[from..] whose row comes after `row`.
    let low = from;
    let high = sorted.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const other = sorted[mid]!;
      if (compareKeys(keyOf(other), other, key, row, descending) < 0) low = mid + 1;
      else high = mid;
    }
    for (let i = from; i < low; i++) out.push(sorted[i]!);
    out.push(row);
    from = low;
  }
  for (let i = from; i < sorted.length; i++) out.push(sorted[i]!);
  return out;
}

/** Index of `row` in a list sorted by `keyOf`, or -1. */
export function indexByKey(sorted: readonly TrialRow[], row: TrialRow, keyOf: KeyOf, descending: boolean): number {
  const key = keyOf(row);
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    const other = sorted[mid]!;
    const order = compareKeys(keyOf(other), other, key, row, descending);
    if (order === 0) return mid;
    if (order < 0) low = mid + 1;
    else high = mid;
  }
  return -1;
}
