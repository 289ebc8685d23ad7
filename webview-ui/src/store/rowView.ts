/**
 * How the leaderboard orders and filters its rows: the columns and what each sorts by, the filters
 * (states, search text, param and objective ranges) and whether a row passes them. The store
 * (leaderboardStore.ts) keeps the rows and the user's choices; these rules are pure functions of a row.
 */
import type { ParamValue } from '../../../src/core/distributions';
import type { TrialRow } from '../../../src/protocol/leaderboard';
import { formatPlacement } from '../../../src/core/studyView/format';
import { RANK_STATE_ORDER } from '../../../src/core/studyView/ranking';
import { DISPLAY_STATES, displayStateOf, type DisplayState } from '../../../src/core/studyView/displayState';
import { objectiveValue } from './paretoRows';

/** Columns: fixed ones (`placement`: where each trial ran), then `param:<name>` and `metric:<name>`. */
export type ColumnId = 'rank' | 'number' | 'state' | 'value' | 'placement' | 'duration' | 'start' | `param:${string}` | `metric:${string}` | `objective:${number}`;

export interface SortSpec {
  readonly column: ColumnId;
  readonly descending: boolean;
}

/** A numeric range (from the filter bar or a parallel-coordinates brush) or a set of categorical choices. */
export type ParamFilter = { readonly kind: 'range'; readonly min: number; readonly max: number } | { readonly kind: 'choices'; readonly choices: readonly ParamValue[] };

export interface Filters {
  /** The read model's display states: failed and stopped (interrupted) trials are filtered apart. */
  readonly states: ReadonlySet<DisplayState>;
  /** Case-insensitive; matches the number (`#12`), the state, params, where it ran and the fail reason. */
  readonly text: string;
  /** By parameter name; the objective's range is under `VALUE_FILTER`. */
  readonly params: ReadonlyMap<string, ParamFilter>;
}

/** The key of the objective's range in `Filters.params` (the parallel-coordinates objective axis). */
export const VALUE_FILTER = '\u0000value';

/** The key of objective `index`'s range in `Filters.params`: `VALUE_FILTER` for the first (a multi-objective study's parallel coordinates brush each). */
export function objectiveFilterKey(index: number): string {
  return index === 0 ? VALUE_FILTER : `${VALUE_FILTER}:${index}`;
}

/** The objective a filter key ranges over (0 for `VALUE_FILTER`), or null for a parameter's. */
export function objectiveOfFilterKey(key: string): number | null {
  if (key === VALUE_FILTER) return 0;
  const match = key.startsWith(`${VALUE_FILTER}:`) ? Number(key.slice(VALUE_FILTER.length + 1)) : NaN;
  return Number.isInteger(match) && match > 0 ? match : null;
}

export const ALL_STATES: readonly DisplayState[] = DISPLAY_STATES;

/** Whether a row passes the filters: its display state, every param (or objective) filter, the search text. */
export function passesFilters(row: TrialRow, filters: Filters): boolean {
  const { states, text, params } = filters;
  if (!states.has(rowState(row))) return false;
  for (const [name, filter] of params) {
    const objective = objectiveOfFilterKey(name);
    const value = objective === null ? row.params[name] : objective === 0 ? row.value : objectiveValue(row, objective);
    if (filter.kind === 'range') {
      if (typeof value !== 'number' || value < filter.min || value > filter.max) return false;
    } else if (value === undefined || !filter.choices.includes(value)) {
      return false;
    }
  }
  if (text.trim() === '') return true;
  return searchText(row).includes(text.trim().toLowerCase());
}

const STATE_ORDER: Readonly<Record<DisplayState, number>> = { running: 0, complete: 1, pruned: 2, failed: 3, stopped: 4, waiting: 5 };

export function rowState(row: TrialRow): DisplayState {
  return displayStateOf(row.state, row.failReason);
}

/** What a column sorts by; null sorts last. Rank is the read model's: complete, then pruned by value, then the rest by state. */
export function sortKey(row: TrialRow, column: ColumnId, rankOf: (number: number) => number | null): number | string | null {
  switch (column) {
    case 'rank': {
      const rank = rankOf(row.number);
      return rank ?? 1e12 + RANK_STATE_ORDER[row.state] * 1e9 + row.number;
    }
    case 'number':
      return row.number;
    case 'state':
      return STATE_ORDER[rowState(row)];
    case 'value':
      return row.value !== null && !Number.isNaN(row.value) ? row.value : null;
    case 'placement':
      return formatPlacement(row) || null;
    case 'duration':
      return row.start !== null && row.complete !== null ? row.complete - row.start : null;
    case 'start':
      return row.start;
    default: {
      if (column.startsWith('param:')) {
        const value = row.params[column.slice(6)];
        return value === undefined || value === null ? null : typeof value === 'number' ? value : String(value);
      }
      if (column.startsWith('objective:')) return objectiveValue(row, Number(column.slice(10)));
      const metric = row.metrics[column.slice(7)];
      return metric === undefined ? null : metric;
    }
  }
}

const searchCache = new WeakMap<TrialRow, string>();

function searchText(row: TrialRow): string {
  let text = searchCache.get(row);
  if (text === undefined) {
    const params = Object.entries(row.params).map(([name, value]) => `${name}=${String(value)}`);
    // The state as the table says it ("failed" also matches "fail"; "stopped" finds interrupted trials).
    text = [`#${row.number}`, rowState(row), ...params, formatPlacement(row), row.failReason ?? ''].join(' ').toLowerCase();
    searchCache.set(row, text);
  }
  return text;
}
