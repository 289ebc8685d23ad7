/**
 * The trial table: an ARIA grid that renders only the rows in view (plus a few above and below), so
 * 10,000 trials cost what 40 do. Rows have a fixed height and are absolutely placed in a body as tall
 * as all of them. Row elements are reused: a trial keeps its element while it stays in the window,
 * and a cell is only rewritten when what it shows changed. Renders are batched into animation frames.
 *
 * Keyboard: Up/Down/PageUp/PageDown/Home/End move the selection and scroll it into view; Enter opens
 * the details. Clicking a header sorts by that column (again: the other direction).
 *
 * Columns are resized by dragging a header's right edge or with Alt+Left/Right (columnSizer.ts).
 */
import type { TrialRow } from '../../../src/protocol/leaderboard';
import { INACTIVE_TITLE } from '../../../src/core/studyView/inactiveParams';
import { breakPoints } from '../format/textLayout';
import { codicon, createElement } from '../layout/createElement';
import type { ColumnId, LeaderboardStore, StoreChange } from '../store/leaderboardStore';
import { ColumnSizer, MAX_COLUMN_PX, MIN_COLUMN_PX } from './columnSizer';
import { shownColumns, type Column } from './columns';
import { isStarredRow } from './objectiveColumns';
import { renderStateCell } from './stateCell';

const ROW_HEIGHT = 24;
const OVERSCAN = 8;

interface RowView {
  readonly element: HTMLElement;
  row: TrialRow | null;
  index: number;
  rank: number | null;
  selected: boolean;
  columnsVersion: number;
  cells: HTMLElement[];
}

export interface TrialTableOptions {
  /** Enter on a row: show and focus the details. */
  readonly onOpenDetails: () => void;
  /** The user scrolled (for the saved view). */
  readonly onScroll: () => void;
  /** Column widths the user chose before (from the saved view), by column id. */
  readonly savedWidths?: Readonly<Record<string, number>>;
  /** The user resized a column (for the saved view). */
  readonly onResize?: () => void;
}

export class TrialTable {
  readonly element: HTMLElement;
  private readonly headerRow: HTMLElement;
  private readonly body: HTMLElement;
  private readonly empty: HTMLElement;
  private columns: Column[] = [];
  private columnsKey = '';
  private columnsVersion = 0;
  private columnInputs: readonly unknown[] | null = null;
  private views: RowView[] = [];
  private viewportHeight = 0;
  private frame = 0;
  private scrollToSelection = false;
  /** A saved scroll position, applied once there are rows to scroll. */
  private pendingScrollTop: number | null = null;
  private readonly sizer: ColumnSizer;

  constructor(private readonly store: LeaderboardStore, private readonly options: TrialTableOptions) {
    this.headerRow = createElement('div', { class: 'tb-row tb-header-row', role: 'row', 'aria-rowindex': 1 });
    this.body = createElement('div', { class: 'tb-grid-body', role: 'rowgroup' });
    this.empty = createElement('div', { class: 'tb-grid-empty', role: 'presentation' });
    this.element = createElement(
      'div',
      { class: 'tb-grid', role: 'grid', tabindex: 0, 'aria-label': 'Trials', 'aria-multiselectable': 'false' },
      createElement('div', { class: 'tb-grid-head', role: 'rowgroup' }, this.headerRow),
      this.body,
      this.empty,
    );
    this.sizer = new ColumnSizer(this.element, this.headerRow, () => this.columns, options.savedWidths, options.onResize);
    this.headerRow.addEventListener('click', (event) => this.onHeaderClick(event));
    this.body.addEventListener('click', (event) => this.onRowClick(event));
    this.element.addEventListener('keydown', (event) => this.onKeyDown(event));
    this.element.addEventListener('scroll', () => {
      this.schedule();
      this.options.onScroll();
    }, { passive: true });
    new ResizeObserver(() => {
      this.viewportHeight = this.element.clientHeight;
      this.schedule();
    }).observe(this.element);
    store.subscribe((changes) => this.onStoreChange(changes));
  }

  get scrollTop(): number {
    return this.element.scrollTop;
  }

  set scrollTop(value: number) {
    this.element.scrollTop = value;
  }

  /** The widths the user chose, by column id (for the saved view). */
  columnWidths(): Record<string, number> {
    return this.sizer.chosen();
  }

  /** Scrolls to a saved position as soon as the trials are there (before that there is nothing to scroll). */
  restoreScroll(top: number): void {
    this.pendingScrollTop = top;
    this.schedule();
  }

  private onStoreChange(changes: ReadonlySet<StoreChange>): void {
    if (changes.has('selection')) this.scrollToSelection = true;
    if (changes.has('trials') || changes.has('view') || changes.has('selection') || changes.has('columns') || changes.has('space') || changes.has('header')) {
      this.schedule();
    }
  }

  private schedule(): void {
    if (this.frame === 0) {
      this.frame = requestAnimationFrame(() => {
        this.frame = 0;
        this.render();
      });
    }
  }

  private render(): void {
    this.updateColumns();
    const rows = this.store.visible();
    const total = rows.length;
    this.element.setAttribute('aria-rowcount', String(total + 1));
    this.body.style.height = `${total * ROW_HEIGHT}px`;
    this.renderEmpty(total);
    if (this.pendingScrollTop !== null && total > 0) {
      this.element.scrollTop = this.pendingScrollTop;
      this.pendingScrollTop = null;
    }
    if (this.scrollToSelection) {
      this.scrollToSelection = false;
      this.revealSelection();
    }

    const viewport = Math.max(ROW_HEIGHT, (this.viewportHeight || this.element.clientHeight) - this.headerRow.offsetHeight);
    const capacity = Math.ceil(viewport / ROW_HEIGHT) + 2 * OVERSCAN + 1;
    this.ensureViews(capacity);
    const top = this.element.scrollTop;
    const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(total, first + capacity);
    const best = this.store.best()?.number ?? null;
    const selected = this.store.selected;
    // A trial keeps its row element while it stays in the window, so rows that only moved (a better
    // trial arrived above them) are just repositioned, not redrawn.
    const wanted = new Set<number>();
    for (let index = first; index < last; index++) wanted.add(rows[index]!.number);
    const kept = new Map<number, RowView>();
    const free: RowView[] = [];
    for (const view of this.views) {
      if (view.row !== null && wanted.has(view.row.number)) kept.set(view.row.number, view);
      else free.push(view);
    }
    let activeId: string | null = null;
    for (let index = first; index < last; index++) {
      const row = rows[index]!;
      const view = kept.get(row.number) ?? free.pop()!;
      if (view.element.hidden) view.element.hidden = false;
      const isSelected = row.number === selected;
      if (isSelected) activeId = view.element.id;
      this.updateView(view, row, index, isSelected, isStarredRow(this.store, row, best));
    }
    for (const view of free) {
      if (view.element.hidden) continue;
      view.element.hidden = true;
      view.row = null;
      view.index = -1;
    }
    if (activeId) this.element.setAttribute('aria-activedescendant', activeId);
    else this.element.removeAttribute('aria-activedescendant');
  }

  private updateColumns(): void {
    // The columns depend on the space, the metric names, where trials ran, the objective and the hidden set, not on each trial.
    const { space, hidden, header } = this.store;
    const placement = this.store.placementParts();
    const inputs = [space, hidden, header?.metric, header?.direction, this.store.metricNames().join('\u0001'), placement.host, placement.gpu] as const;
    if (this.columnInputs && inputs.every((input, i) => input === this.columnInputs?.[i])) return this.updateSortMarks();
    this.columnInputs = inputs;
    const columns = shownColumns(this.store);
    const key = columns.map((column) => `${column.id}\u0001${column.label}`).join('\u0002');
    this.columns = columns;
    if (key !== this.columnsKey) {
      this.columnsKey = key;
      this.columnsVersion++;
      this.element.setAttribute('aria-colcount', String(columns.length));
      this.headerRow.replaceChildren(...columns.map((column, i) => this.headerCell(column, i)));
    }
    this.sizer.apply();
    this.updateSortMarks();
  }

  private updateSortMarks(): void {
    const { column: sorted, descending } = this.store.sort;
    for (const cell of this.headerRow.children) {
      const id = (cell as HTMLElement).dataset.column;
      cell.setAttribute('aria-sort', id === sorted ? (descending ? 'descending' : 'ascending') : 'none');
    }
  }

  private headerCell(column: Column, index: number): HTMLElement {
    return createElement(
      'div',
      { class: `tb-cell tb-head-cell${column.numeric ? ' numeric' : ''}`, role: 'columnheader', 'aria-colindex': index + 1, 'data-column': column.id },
      createElement('button', {
        class: 'tb-sort-button', type: 'button', title: `${column.title} — click to sort, Alt+←/→ to resize`, 'data-column': column.id,
        'aria-keyshortcuts': 'Alt+ArrowLeft Alt+ArrowRight',
      },
      // Long names may wrap onto a second line where columnWidths.ts counted on it (after _ - . and at camelCase).
      createElement('span', { class: 'tb-head-label' }, ...breakPoints(column.label).flatMap((part, i) => (i === 0 ? [part] : [document.createElement('wbr'), part]))),
      codicon('arrow-up', 'tb-sort-icon')),
      // The keyboard resizes through the header's button (Alt+Left/Right), so the edge is not a tab stop.
      createElement('div', {
        class: 'tb-col-resizer', role: 'separator', 'aria-orientation': 'vertical', 'aria-label': `Resize ${column.label}`,
        'aria-valuemin': MIN_COLUMN_PX, 'aria-valuemax': MAX_COLUMN_PX, 'aria-valuenow': this.sizer.widthOf(column),
        title: 'Drag to resize; double-click for the default width', 'data-column': column.id,
      }),
    );
  }

  /** As many row elements as the window holds (more when the table grew taller; extra ones stay hidden). */
  private ensureViews(capacity: number): void {
    while (this.views.length < capacity) {
      const element = createElement('div', { class: 'tb-row', role: 'row', id: `tb-row-${this.views.length}`, hidden: true });
      this.views.push({ element, row: null, index: -1, rank: null, selected: false, columnsVersion: -1, cells: [] });
      this.body.append(element);
    }
  }

  private updateView(view: RowView, row: TrialRow, index: number, selected: boolean, best: boolean): void {
    const rank = this.store.rankOf(row.number);
    if (view.index !== index) {
      view.element.style.transform = `translateY(${index * ROW_HEIGHT}px)`;
      view.element.setAttribute('aria-rowindex', String(index + 2));
      view.index = index;
    }
    const element = view.element;
    if (view.selected !== selected || view.row === null) {
      element.setAttribute('aria-selected', String(selected));
      element.classList.toggle('selected', selected);
      view.selected = selected;
    }
    element.classList.toggle('best', best);
    const columnsChanged = view.columnsVersion !== this.columnsVersion;
    if (columnsChanged) {
      view.cells = this.columns.map((column, i) =>
        createElement('div', { class: `tb-cell${column.numeric ? ' numeric' : ''}`, role: 'gridcell', 'aria-colindex': i + 1, 'data-column': column.id }));
      element.replaceChildren(...view.cells);
      view.columnsVersion = this.columnsVersion;
    }
    const rowChanged = columnsChanged || view.row !== row;
    if (!rowChanged && view.rank === rank) return;
    view.row = row;
    view.rank = rank;
    element.dataset.number = String(row.number);
    element.dataset.state = row.state;
    // Only what differs is written: rows mostly keep their trial while others stream in.
    this.columns.forEach((column, i) => {
      const cell = view.cells[i]!;
      if (column.id === 'state') {
        if (rowChanged) renderStateCell(cell, row);
        return;
      }
      const text = column.text(row);
      if (cell.textContent !== text) cell.textContent = text;
      const inactive = column.inactive?.(row) ?? false;
      if (cell.classList.contains('inactive') !== inactive) {
        cell.classList.toggle('inactive', inactive);
        if (inactive) cell.title = INACTIVE_TITLE;
        else cell.removeAttribute('title');
      }
    });
  }

  private renderEmpty(total: number): void {
    const loaded = this.store.header !== null;
    const message = total > 0 ? '' : !loaded ? 'Loading trials…' : this.store.rows().length === 0 ? 'No trials yet.' : 'No trials match the filters.';
    this.empty.textContent = message;
    this.empty.hidden = message === '';
  }

  /** Scrolls the least needed to show the selected row below the sticky header. */
  private revealSelection(): void {
    const selected = this.store.selected;
    const index = selected === null ? -1 : this.store.visibleIndexOf(selected);
    if (index < 0) return;
    const viewport = this.element.clientHeight - this.headerRow.offsetHeight;
    const top = index * ROW_HEIGHT;
    if (top < this.element.scrollTop) this.element.scrollTop = top;
    else if (top + ROW_HEIGHT > this.element.scrollTop + viewport) this.element.scrollTop = top + ROW_HEIGHT - viewport;
  }

  private onHeaderClick(event: MouseEvent): void {
    const button = (event.target as Element).closest<HTMLElement>('.tb-sort-button');
    const column = button?.dataset.column as ColumnId | undefined;
    if (!column) return;
    const { sort } = this.store;
    this.store.setSort({ column, descending: sort.column === column ? !sort.descending : false });
  }

  private onRowClick(event: MouseEvent): void {
    const row = (event.target as Element).closest<HTMLElement>('.tb-row');
    const number = row?.dataset.number;
    if (number === undefined) return;
    this.store.select(Number(number));
    this.element.focus({ preventScroll: true });
  }

  private onKeyDown(event: KeyboardEvent): void {
    if (event.target !== this.element) return;
    const rows = this.store.visible();
    if (rows.length === 0) return;
    const page = Math.max(1, Math.floor((this.element.clientHeight - this.headerRow.offsetHeight) / ROW_HEIGHT) - 1);
    const current = this.store.selected === null ? -1 : this.store.visibleIndexOf(this.store.selected);
    let next: number;
    switch (event.key) {
      case 'ArrowDown':
        next = current + 1;
        break;
      case 'ArrowUp':
        next = current < 0 ? 0 : current - 1;
        break;
      case 'PageDown':
        next = current + page;
        break;
      case 'PageUp':
        next = current - page;
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = rows.length - 1;
        break;
      case 'Enter':
        if (current >= 0) this.options.onOpenDetails();
        event.preventDefault();
        return;
      default:
        return;
    }
    event.preventDefault();
    const target = rows[Math.max(0, Math.min(rows.length - 1, next))];
    if (!target) return;
    if (target.number === this.store.selected) {
      this.scrollToSelection = true;
      this.schedule();
    } else {
      this.store.select(target.number);
    }
  }
}
