/**
 * A data file as New Tuning Config shows it: its columns, a few words on each column's values (to
 * pick the target by), and the task the built-in trainer would train for a target — decided by the
 * trainer's own prepareData, so the config asks for the metric the run will report. Reads with the
 * runner's table reader, as the other config checks do (no vscode here).
 */
import { DataError } from '../runner/data/dataError';
import { prepareData } from '../runner/data/prepareData';
import { readTable } from '../runner/data/readTable';
import type { Table, Task } from '../runner/data/types';

/** Distinct values listed in a column's description before "…". */
const SHOWN_VALUES = 3;

export interface DataFileSummary {
  readonly columns: readonly string[];
  readonly rowCount: number;
  /** `3 values: setosa, versicolor, virginica` or `numbers 0.1 – 7.9`, for the target pick. */
  describe(column: string): string;
  /** The task the trainer would run for this target, or why it could not train on it. */
  taskOf(column: string): { readonly task: Task; readonly classes: number } | { readonly error: string };
}

/** Reads `file` (CSV, TSV or JSON Lines, by its extension); an error message instead when it cannot. */
export async function readDataFileSummary(file: string): Promise<DataFileSummary | { readonly error: string }> {
  let table: Table;
  try {
    table = await readTable(file);
  } catch (error) {
    return { error: error instanceof DataError ? error.message : `cannot read ${file} (${error instanceof Error ? error.message : String(error)})` };
  }
  return {
    columns: table.columns,
    rowCount: table.rows.length,
    describe: (column) => describeColumn(table, table.columns.indexOf(column)),
    taskOf: (column) => {
      try {
        // A hold-out split keeps this cheap; only the task and the classes are kept.
        const prepared = prepareData(table, { target: column, validation: 0.2, seed: 1 });
        return { task: prepared.task, classes: prepared.classes.length };
      } catch (error) {
        if (error instanceof DataError) return { error: error.message };
        throw error;
      }
    },
  };
}

function describeColumn(table: Table, index: number): string {
  const values = table.rows.map((row) => row[index] ?? null).filter((value) => value !== null);
  if (values.length === 0) return 'empty';
  if (values.every((value) => typeof value === 'number')) {
    const numbers = values as number[];
    const distinct = new Set(numbers);
    if (distinct.size <= SHOWN_VALUES) return `${distinct.size} values: ${[...distinct].sort((a, b) => a - b).join(', ')}`;
    // A loop, not Math.min(...numbers): spreading a large file's column would overflow the stack.
    const [low, high] = numbers.reduce(([lo, hi], x) => [Math.min(lo, x), Math.max(hi, x)], [Infinity, -Infinity]);
    return `${distinct.size} numbers, ${low} – ${high}`;
  }
  const distinct = [...new Set(values.map(String))];
  const shown = distinct.slice(0, SHOWN_VALUES).join(', ') + (distinct.length > SHOWN_VALUES ? ', …' : '');
  return `${distinct.length} ${distinct.length === 1 ? 'value' : 'values'}: ${shown}`;
}
