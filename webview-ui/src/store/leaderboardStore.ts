/**
 * The panel's one source of truth: the trials the host sent, the header, the space, and the user's
 * view of them (sort, filters, selection, columns). The table, the detail pane and the charts read it
 * and subscribe to what changed; none of them keeps its own copy of the trials.
 */
import type { ImportanceResult, ParamSpec, StudyHeader, TrialDetail, TrialRow } from '../../../src/protocol/leaderboard';
import { placementParts, type PlacementParts } from '../../../src/core/studyView/format';
import { bestTrial } from '../../../src/core/studyView/ranking';
import type { DisplayState } from '../../../src/core/studyView/displayState';
import { ParetoRows } from './paretoRows';
import { RankedRows } from './rankedRows';
import { insertByKey, sortByKey, type KeyOf } from './rowOrder';
import { ALL_STATES, passesFilters, rowState, sortKey, type ColumnId, type Filters, type ParamFilter, type SortSpec } from './rowView';

export type { ColumnId, Filters, ParamFilter, SortSpec } from './rowView';
export { ALL_STATES, objectiveFilterKey, objectiveOfFilterKey, VALUE_FILTER } from './rowView';

export type StoreChange = 'trials' | 'header' | 'space' | 'view' | 'selection' | 'importance' | 'detail' | 'columns' | 'focusParam';

export type StoreListener = (changes: ReadonlySet<StoreChange>) => void;

export class LeaderboardStore {
  header: StudyHeader | null = null;
  space: readonly ParamSpec[] = [];
  importance: { readonly result: ImportanceResult | null; readonly reason: string | null } = { result: null, reason: 'waiting for complete trials' };
  selected: number | null = null;
  /** The param the host asked to show (its slice plot), with a count so asking twice shows it again. */
  focusedParam: { readonly param: string; readonly request: number } | null = null;
  sort: SortSpec = { column: 'rank', descending: false };
  filters: Filters = { states: new Set(ALL_STATES), text: '', params: new Map() };
  /** Columns the user hid with the column chooser. */
  hidden: ReadonlySet<ColumnId> = new Set();

  private readonly byNumber = new Map<number, TrialRow>();
  private readonly details = new Map<number, TrialDetail>();
  // Derived lists, computed on first use. After a batch of upserts they are patched (see
  // trialsChanged) rather than rebuilt, so streaming into 10,000 trials stays cheap.
  private ordered: TrialRow[] | null = [];
  private readonly ranked = new RankedRows(() => this.rows(), () => this.maximizing());
  readonly pareto = new ParetoRows(() => this.rows(), () => this.header?.objectives);
  /** The best row, once computed after the last change (undefined: not yet). */
  private bestRow: TrialRow | null | undefined = undefined;
  /** The filtered trials in sort order, before the best is pinned first. */
  private sortedRows: TrialRow[] | null = null;
  private visibleRows: TrialRow[] | null = null;
  private visiblePositions: Map<number, number> | null = null;
  private counts: Record<DisplayState, number> | null = null;
  private metricList: string[] | null = null;
  private placement: PlacementParts | null = null;
  private readonly listeners = new Set<StoreListener>();
  private pending = new Set<StoreChange>();
  private batching = 0;

  subscribe(listener: StoreListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Every trial, in number order. */
  rows(): readonly TrialRow[] {
    this.ordered ??= [...this.byNumber.values()].sort((a, b) => a.number - b.number);
    return this.ordered;
  }

  row(number: number): TrialRow | undefined {
    return this.byNumber.get(number);
  }

  detail(number: number): TrialDetail | undefined {
    return this.details.get(number);
  }

  /** The best complete trial by the read model's (Optuna's) rule, the one the tree and the CLI use; none with several objectives (see `pareto`). */
  best(): TrialRow | null {
    if (this.pareto.active()) return null;
    if (this.bestRow === undefined) this.bestRow = bestTrial(this.rows(), this.header?.direction ?? 'minimize');
    return this.bestRow;
  }

  /** 1-based rank as the CLI and the tree rank (complete trials, then pruned ones), or null for unranked ones. */
  rankOf(number: number): number | null {
    const row = this.byNumber.get(number);
    if (this.pareto.active()) return this.pareto.place(number);
    return row ? this.ranked.rankOf(row) : null;
  }

  /** Names of the final metrics any trial has, sorted. */
  metricNames(): readonly string[] {
    if (!this.metricList) {
      const names = new Set<string>();
      for (const row of this.byNumber.values()) for (const name of Object.keys(row.metrics)) names.add(name);
      this.metricList = [...names].sort();
    }
    return this.metricList;
  }

  /** Which parts of `host · GPU n` tell the trials apart (the read model's rule, as `tuneboard show`). */
  placementParts(): PlacementParts {
    this.placement ??= placementParts(this.byNumber.values());
    return this.placement;
  }

  /** The filtered trials in the table's order; the best trial first when it passes the filters. */
  visible(): readonly TrialRow[] {
    if (!this.visibleRows) {
      this.sortedRows ??= this.sortRows(this.rows().filter((row) => passesFilters(row, this.filters)));
      const rows = [...this.sortedRows];
      const best = this.best();
      const at = best ? rows.indexOf(best) : -1;
      if (at > 0) rows.unshift(...rows.splice(at, 1));
      this.visibleRows = rows;
    }
    return this.visibleRows;
  }

  /** Where a trial is in `visible()`, or -1 when it is filtered out (or unknown). */
  visibleIndexOf(number: number): number {
    this.visiblePositions ??= new Map(this.visible().map((row, i) => [row.number, i]));
    return this.visiblePositions.get(number) ?? -1;
  }

  /** How many trials are in each state, whatever the filters (the state chips' counts). */
  stateCounts(): Readonly<Record<DisplayState, number>> {
    if (!this.counts) {
      this.counts = { complete: 0, pruned: 0, failed: 0, stopped: 0, running: 0, waiting: 0 };
      for (const row of this.byNumber.values()) this.counts[rowState(row)] += 1;
    }
    return this.counts;
  }

  // --- updates from the host --------------------------------------------------------------------

  applySnapshot(header: StudyHeader, space: readonly ParamSpec[], trials: readonly TrialRow[]): void {
    this.batch(() => {
      this.byNumber.clear();
      this.details.clear();
      this.header = header;
      this.space = space;
      for (const row of trials) this.byNumber.set(row.number, row);
      if (this.selected !== null && !this.byNumber.has(this.selected)) this.selected = null;
      this.trialsChanged();
      this.emit('header', 'space', 'selection');
    });
  }

  applyUpserts(rows: readonly TrialRow[], space?: readonly ParamSpec[]): void {
    this.batch(() => {
      const replaced = new Map<number, TrialRow>();
      for (const row of rows) {
        const previous = this.byNumber.get(row.number);
        if (previous && !replaced.has(row.number)) replaced.set(row.number, previous);
        this.byNumber.set(row.number, row);
        this.details.delete(row.number); // stale once the trial changed; re-requested when shown
      }
      if (space) {
        this.space = space;
        this.emit('space');
      }
      const latest = new Map(rows.map((row) => [row.number, row]));
      this.trialsChanged({ rows: [...latest.values()], replaced });
    });
  }

  setHeader(header: StudyHeader): void {
    const directionChanged = header.direction !== this.header?.direction || JSON.stringify(header.objectives) !== JSON.stringify(this.header?.objectives);
    this.header = header;
    if (directionChanged) this.trialsChanged();
    this.emit('header');
  }

  setImportance(result: ImportanceResult | null, reason: string | null): void {
    this.importance = { result, reason };
    this.emit('importance');
  }

  setDetail(detail: TrialDetail): void {
    this.details.set(detail.number, detail);
    this.emit('detail');
  }

  // --- the user's view ---------------------------------------------------------------------------

  /**
   * A selection restored from saved state before the trials arrive; the snapshot keeps it only if the
   * trial is in it.
   */
  preselect(number: number | null): void {
    if (this.byNumber.size > 0) return this.select(number);
    this.selected = number;
    this.emit('selection');
  }

  /** The host asks for a param's slice plot. */
  focusParam(param: string): void {
    this.focusedParam = { param, request: (this.focusedParam?.request ?? 0) + 1 };
    this.emit('focusParam');
  }

  select(number: number | null): void {
    if (number === this.selected || (number !== null && !this.byNumber.has(number))) return;
    this.selected = number;
    this.emit('selection');
  }

  setSort(sort: SortSpec): void {
    this.sort = sort;
    this.viewChanged();
  }

  setFilters(filters: Partial<Filters>): void {
    this.filters = { ...this.filters, ...filters };
    this.viewChanged();
  }

  /** Sets (or with null clears) one parameter's filter, e.g. from a parallel-coordinates brush. */
  setParamFilter(param: string, filter: ParamFilter | null): void {
    const params = new Map(this.filters.params);
    if (filter) params.set(param, filter);
    else params.delete(param);
    this.setFilters({ params });
  }

  setHidden(hidden: ReadonlySet<ColumnId>): void {
    this.hidden = hidden;
    this.emit('columns');
  }

  /** Runs `update` and tells listeners once, with every change it made. */
  batch(update: () => void): void {
    this.batching++;
    try {
      update();
    } finally {
      this.batching--;
    }
    if (this.batching === 0) this.flush();
  }

  // --- internals ----------------------------------------------------------------------------------

  /**
   * Drops or patches what depends on the trials. For a batch of upserts the derived lists that exist
   * are patched: the changed trials taken out and put back where they now belong. The kept trials stay
   * in order among themselves (a batch changes neither the sort nor the filters, and ranks only
   * shift), so this equals a fresh sort at a fraction of the cost.
   */
  private trialsChanged(batch?: { readonly rows: readonly TrialRow[]; readonly replaced: ReadonlyMap<number, TrialRow> }): void {
    this.bestRow = undefined;
    this.visibleRows = null;
    this.visiblePositions = null;
    this.placement = null;
    this.pareto.invalidate(); // a new trial may move every other one in a Pareto ranking: no patching by rank
    if (batch && this.pareto.active() && this.sort.column === 'rank') batch = undefined;
    if (!batch) {
      this.ordered = null;
      this.ranked.patch([], new Set(), true);
      this.sortedRows = null;
      this.counts = null;
      this.metricList = null;
      this.emit('trials', 'view');
      return;
    }
    const { rows, replaced } = batch;
    const changed = new Set(rows.map((row) => row.number));
    const without = (list: readonly TrialRow[]): readonly TrialRow[] => (replaced.size === 0 ? list : list.filter((row) => !changed.has(row.number)));
    if (this.ordered) this.ordered = insertByKey(without(this.ordered), rows, numberKey, false);
    this.ranked.patch(rows, new Set(replaced.keys()));
    if (this.sortedRows) {
      const { column, descending } = this.sort;
      this.sortedRows = insertByKey(without(this.sortedRows), rows.filter((row) => passesFilters(row, this.filters)), (row) => sortKey(row, column, (n) => this.rankOf(n)), descending);
    }
    if (this.counts) {
      for (const previous of replaced.values()) this.counts[rowState(previous)] -= 1;
      for (const row of rows) this.counts[rowState(row)] += 1;
    }
    // A trial gains final metrics when it completes and never loses them: new names only add columns.
    if (this.metricList && rows.some((row) => Object.keys(row.metrics).some((name) => !this.metricList?.includes(name)))) this.metricList = null;
    this.emit('trials', 'view');
  }

  private viewChanged(): void {
    this.sortedRows = null;
    this.visibleRows = null;
    this.visiblePositions = null;
    this.emit('view');
  }

  private maximizing(): boolean {
    return this.header?.direction === 'maximize';
  }

  private sortRows(rows: readonly TrialRow[]): TrialRow[] {
    const { column, descending } = this.sort;
    // A full sort by rank asks every row's rank: index them once instead of a search per row.
    if (column === 'rank') this.ranked.indexAll();
    return sortByKey(rows, (row) => sortKey(row, column, (n) => this.rankOf(n)), descending);
  }

  private emit(...changes: StoreChange[]): void {
    for (const change of changes) this.pending.add(change);
    if (this.batching === 0) this.flush();
  }

  private flush(): void {
    if (this.pending.size === 0) return;
    const changes = this.pending;
    this.pending = new Set();
    for (const listener of [...this.listeners]) listener(changes);
  }
}

const numberKey: KeyOf = (row) => row.number;
