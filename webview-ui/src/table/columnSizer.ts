/**
 * The widths of the trial table's columns: each column's default (columns.ts), or the width the user
 * gave it by dragging its header's right edge or with Alt+Left/Right on its header (Alt+Shift: bigger
 * steps); a double click on the edge gives it its default back. One grid template serves the header
 * and every row, so a resize restyles them without touching a cell. The chosen widths are part of the
 * saved view.
 */
import type { ColumnId } from '../store/leaderboardStore';
import type { Column } from './columns';

export const MIN_COLUMN_PX = 40;
export const MAX_COLUMN_PX = 800;
/** Alt+Left/Right on a header changes its column's width by this (Alt+Shift: by four times this). */
const KEY_RESIZE_PX = 16;

export class ColumnSizer {
  /** Widths the user gave columns, by id; the others have their default width. */
  private readonly widths = new Map<string, number>();

  constructor(
    private readonly grid: HTMLElement,
    private readonly headerRow: HTMLElement,
    private readonly columns: () => readonly Column[],
    savedWidths: Readonly<Record<string, number>> = {},
    private readonly onResize: () => void = () => undefined,
  ) {
    for (const [id, width] of Object.entries(savedWidths)) this.widths.set(id, clampWidth(width));
    headerRow.addEventListener('keydown', (event) => this.onHeaderKeyDown(event));
    headerRow.addEventListener('pointerdown', (event) => this.onResizeStart(event));
    headerRow.addEventListener('dblclick', (event) => this.onResizeReset(event));
  }

  /** The widths the user chose, by column id (for the saved view). */
  chosen(): Record<string, number> {
    return Object.fromEntries(this.widths);
  }

  widthOf(column: Column): number {
    return this.widths.get(column.id) ?? column.width;
  }

  /** Writes the grid template for the current columns, and each edge's aria-valuenow. */
  apply(): void {
    const widths = this.columns().map((column) => this.widthOf(column));
    this.grid.style.setProperty('--tb-columns', widths.map((width) => `${width}px`).join(' '));
    this.grid.style.setProperty('--tb-row-width', `${widths.reduce((sum, width) => sum + width, 0)}px`);
    for (const [i, cell] of [...this.headerRow.children].entries()) {
      cell.querySelector('.tb-col-resizer')?.setAttribute('aria-valuenow', String(widths[i] ?? 0));
    }
  }

  /** Sets a column's width (null: back to its default) and tells the saved view. */
  resize(id: ColumnId, width: number | null): void {
    const column = this.columnById(id);
    if (!column) return;
    this.set(column, width);
    this.onResize();
  }

  private set(column: Column, width: number | null): void {
    if (width === null || clampWidth(width) === column.width) this.widths.delete(column.id);
    else this.widths.set(column.id, clampWidth(width));
    this.apply();
  }

  private columnById(id: string | undefined): Column | undefined {
    return this.columns().find((candidate) => candidate.id === id);
  }

  private onHeaderKeyDown(event: KeyboardEvent): void {
    if (!event.altKey || (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight')) return;
    const column = this.columnById((event.target as Element).closest<HTMLElement>('.tb-head-cell')?.dataset.column);
    if (!column) return;
    event.preventDefault();
    event.stopPropagation();
    const step = (event.shiftKey ? 4 : 1) * KEY_RESIZE_PX;
    this.resize(column.id, this.widthOf(column) + (event.key === 'ArrowRight' ? step : -step));
  }

  /** Dragging a header's right edge: the column follows the pointer until it is released. */
  private onResizeStart(event: PointerEvent): void {
    const handle = (event.target as Element).closest<HTMLElement>('.tb-col-resizer');
    const column = this.columnById(handle?.dataset.column);
    if (!handle || !column || event.button !== 0) return;
    event.preventDefault();
    handle.setPointerCapture(event.pointerId);
    handle.classList.add('active');
    const startX = event.clientX;
    const startWidth = this.widthOf(column);
    const move = (moved: PointerEvent): void => this.set(column, startWidth + moved.clientX - startX);
    const end = (): void => {
      handle.classList.remove('active');
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', end);
      handle.removeEventListener('pointercancel', end);
      this.onResize();
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', end);
    handle.addEventListener('pointercancel', end);
  }

  private onResizeReset(event: MouseEvent): void {
    const id = (event.target as Element).closest<HTMLElement>('.tb-col-resizer')?.dataset.column as ColumnId | undefined;
    if (id) this.resize(id, null);
  }
}

function clampWidth(width: number): number {
  return Math.round(Math.max(MIN_COLUMN_PX, Math.min(MAX_COLUMN_PX, Number.isFinite(width) ? width : MIN_COLUMN_PX)));
}
