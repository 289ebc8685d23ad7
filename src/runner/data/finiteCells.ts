/**
 * Infinite values are refused when a table is read: the trainer would standardise them into NaN and
 * the trial would fail much later with advice about the learning rate. A number too large for a
 * double (`1e999`) is always refused; an `inf` spelling only in a column that is otherwise numeric,
 * since elsewhere it may just be a category named "inf".
 */
import { DataError } from './dataError';
import type { Table } from './types';

const INFINITY_WORD = /^[+-]?(?:inf|infinity)$/i;

/** Throws a DataError at the first infinite value of the table (by line), naming its line and column. */
export function rejectInfiniteCells(table: Table): void {
  let first: InfiniteCell | null = null;
  for (let column = 0; column < table.columns.length; column++) {
    const found = firstInfiniteCell(table, column);
    if (found !== null && (first === null || found.row < first.row)) first = found;
  }
  if (first === null) return;
  const name = table.columns[first.column] ?? `column${first.column + 1}`;
  throw new DataError(table.file, table.lines[first.row] ?? first.row + 1, `column "${name}" holds ${first.shown}; training needs finite numbers: fix the value, or leave the cell empty to mark it missing`);
}

interface InfiniteCell {
  readonly row: number;
  readonly column: number;
  readonly shown: string;
}

function firstInfiniteCell(table: Table, column: number): InfiniteCell | null {
  let number: InfiniteCell | null = null;
  let word: InfiniteCell | null = null;
  let otherText = false;
  for (let row = 0; row < table.rows.length; row++) {
    const cell = table.rows[row]?.[column] ?? null;
    if (typeof cell === 'number' && !Number.isFinite(cell) && number === null) {
      number = { row, column, shown: `a number too large to hold (${cell > 0 ? '' : '-'}infinity)` };
    } else if (typeof cell === 'string') {
      if (!INFINITY_WORD.test(cell)) otherText = true;
      else if (word === null) word = { row, column, shown: `"${cell}"` };
    }
  }
  if (word === null || otherText) return number;
  return number === null || word.row < number.row ? word : number;
}
