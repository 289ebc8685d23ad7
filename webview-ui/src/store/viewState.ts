/**
 * The user's view of the leaderboard as saved with the webview's setState: sort, filters, hidden
 * columns, column widths, selection, scroll position and the split handles. VS Code hands it back after a reload (or a restart, through
 * the panel's serializer) before the host sends the trials, so it is restored first. What comes back
 * is whatever an older version of the page saved: every field is checked and a bad one is dropped.
 */
import type { ParamValue } from '../../../src/core/distributions';
import type { DisplayState } from '../../../src/core/studyView/displayState';
import { ALL_STATES, type ColumnId, type LeaderboardStore, type ParamFilter, type SortSpec } from './leaderboardStore';

export interface SavedView {
  readonly version: 1;
  /** The study this panel shows: the host's serializer reopens it after a reload (leaderboardPanels.ts). */
  readonly studyKey: string | null;
  readonly sort: SortSpec;
  readonly states: readonly DisplayState[];
  readonly text: string;
  readonly paramFilters: readonly (readonly [string, ParamFilter])[];
  readonly hidden: readonly ColumnId[];
  readonly selected: number | null;
  readonly scrollTop: number;
  /** The split handles' positions, e.g. '60%'. */
  readonly splits: Readonly<Record<string, string>>;
  /** Widths in px of the columns the user resized, by column id (absent in views saved before resizing). */
  readonly widths: Readonly<Record<string, number>>;
}

export interface RestoredLayout {
  readonly scrollTop: number;
  readonly splits: Readonly<Record<string, string>>;
  readonly widths: Readonly<Record<string, number>>;
}

export function captureView(store: LeaderboardStore, scrollTop: number, splits: Readonly<Record<string, string>>, widths: Readonly<Record<string, number>> = {}): SavedView {
  return {
    version: 1,
    studyKey: store.header?.key ?? null,
    sort: store.sort,
    states: [...store.filters.states],
    text: store.filters.text,
    paramFilters: [...store.filters.params],
    hidden: [...store.hidden],
    selected: store.selected,
    scrollTop,
    splits,
    widths,
  };
}

/** The parts of a saved view that are valid, applied to the store; the rest for the layout. */
export function restoreView(store: LeaderboardStore, raw: unknown): RestoredLayout {
  const none = { scrollTop: 0, splits: {}, widths: {} };
  if (!isRecord(raw) || raw.version !== 1) return none;
  store.batch(() => {
    if (isRecord(raw.sort) && isColumnId(raw.sort.column) && typeof raw.sort.descending === 'boolean') {
      store.setSort({ column: raw.sort.column, descending: raw.sort.descending });
    }
    const states = Array.isArray(raw.states) ? savedStates(raw.states) : [...ALL_STATES];
    const text = typeof raw.text === 'string' ? raw.text : '';
    const params = new Map<string, ParamFilter>();
    if (Array.isArray(raw.paramFilters)) {
      for (const entry of raw.paramFilters) {
        if (!Array.isArray(entry) || typeof entry[0] !== 'string') continue;
        const filter = toParamFilter(entry[1]);
        if (filter) params.set(entry[0], filter);
      }
    }
    store.setFilters({ states: new Set(states), text, params });
    if (Array.isArray(raw.hidden)) store.setHidden(new Set(raw.hidden.filter(isColumnId)));
    if (Number.isSafeInteger(raw.selected)) store.preselect(raw.selected as number);
  });
  const scrollTop = typeof raw.scrollTop === 'number' && Number.isFinite(raw.scrollTop) && raw.scrollTop > 0 ? raw.scrollTop : 0;
  const splits: Record<string, string> = {};
  if (isRecord(raw.splits)) {
    for (const [key, value] of Object.entries(raw.splits)) if (typeof value === 'string' && /^\d+(\.\d+)?(%|px)$/.test(value)) splits[key] = value;
  }
  const widths: Record<string, number> = {};
  if (isRecord(raw.widths)) {
    for (const [key, value] of Object.entries(raw.widths)) if (isColumnId(key) && typeof value === 'number' && Number.isFinite(value) && value > 0) widths[key] = value;
  }
  return { scrollTop, splits, widths };
}

/**
 * The valid states of a saved filter. A page saved before failed and stopped trials were told apart
 * saved Optuna's `fail` for both: it comes back as both.
 */
function savedStates(raw: readonly unknown[]): DisplayState[] {
  const states = raw.flatMap((state): DisplayState[] => (state === 'fail' ? ['failed', 'stopped'] : ALL_STATES.includes(state as DisplayState) ? [state as DisplayState] : []));
  return [...new Set(states)];
}

function toParamFilter(raw: unknown): ParamFilter | null {
  if (!isRecord(raw)) return null;
  if (raw.kind === 'range' && typeof raw.min === 'number' && typeof raw.max === 'number' && raw.min <= raw.max) {
    return { kind: 'range', min: raw.min, max: raw.max };
  }
  if (raw.kind === 'choices' && Array.isArray(raw.choices) && raw.choices.every(isParamValue)) {
    return { kind: 'choices', choices: raw.choices };
  }
  return null;
}

function isParamValue(value: unknown): value is ParamValue {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

const FIXED_COLUMNS: readonly string[] = ['rank', 'number', 'state', 'value', 'placement', 'duration', 'start'];

function isColumnId(value: unknown): value is ColumnId {
  return typeof value === 'string' && (FIXED_COLUMNS.includes(value) || value.startsWith('param:') || value.startsWith('metric:') || /^objective:\d+$/.test(value));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
