/**
 * From a table to training folds: finds the target, decides classification or regression, splits
 * the rows (seeded, stratified by class) and encodes the features of each fold from its training
 * rows alone. Pure: the same table, target and seed always give the same arrays.
 */
import { Rng, suggestName } from '../../core';
import { DataError } from './dataError';
import { compareStrings, describeFeatures, encodeFold } from './encodeFeatures';
import { makeSplits, SplitError, type Split } from './splits';
import type { Cell, PreparedData, PreparedFold, PrepareOptions, Table, Task } from './types';

/** A numeric target of whole numbers with at most this many distinct values is read as class labels. */
export const MAX_INTEGER_CLASSES = 20;

interface Target {
  readonly task: Task;
  readonly classes: readonly string[];
  /** Class index (classification) or the value itself (regression), per row. */
  readonly y: Float64Array;
  /** Class index per row for stratified splits; null for regression. */
  readonly strata: Int32Array | null;
}

export function prepareData(table: Table, options: PrepareOptions): PreparedData {
  const { file } = table;
  const targetIndex = findTarget(table, options.target);
  if (table.rows.length === 0) throw new DataError(file, null, 'there are no data rows');
  const target = readTarget(table, targetIndex, options.target);
  const layout = describeFeatures(table, targetIndex);
  if (layout.featureNames.length === 0) {
    throw new DataError(file, null, `there are no feature columns besides the target "${options.target}"`);
  }

  let splits: Split[];
  try {
    const request = { sampleCount: table.rows.length, strata: target.strata, stratumCount: target.classes.length, validation: options.validation };
    splits = makeSplits(request, new Rng(options.seed));
  } catch (error) {
    if (error instanceof SplitError) throw new DataError(file, null, error.message);
    throw error;
  }

  const folds = splits.map((split): PreparedFold => {
    const { xTrain, xVal } = encodeFold(layout, split.train, split.validation);
    return {
      xTrain,
      yTrain: pick(target.y, split.train),
      xVal,
      yVal: pick(target.y, split.validation),
      trainCount: split.train.length,
      valCount: split.validation.length,
    };
  });

  return {
    task: target.task,
    featureNames: layout.featureNames,
    featureCount: layout.featureNames.length,
    classes: target.classes,
    sampleCount: table.rows.length,
    folds,
    warnings: [...layout.warnings, ...rareClassWarnings(target, options.validation)],
  };
}

function findTarget(table: Table, name: string): number {
  const index = table.columns.indexOf(name);
  if (index !== -1) return index;
  const suggestion = suggestName(name, table.columns);
  const hint = suggestion === null ? '' : ` (did you mean "${suggestion}"?)`;
  const available = table.columns.length === 0 ? 'the file has no columns' : `columns: ${table.columns.join(', ')}`;
  throw new DataError(table.file, null, `there is no target column "${name}"${hint}; ${available}`);
}

function readTarget(table: Table, column: number, name: string): Target {
  const values: Cell[] = table.rows.map((row) => row[column] ?? null);
  const emptyRows = values.flatMap((value, row) => (value === null ? [row] : []));
  const firstEmpty = emptyRows[0];
  if (firstEmpty !== undefined) {
    const lines = emptyRows.map((row) => table.lines[row] ?? row + 1);
    const shown = lines.slice(0, 10).join(', ') + (lines.length > 10 ? ', …' : '');
    const where = lines.length === 1 ? 'on this line' : `on ${lines.length} rows (lines ${shown})`;
    throw new DataError(table.file, lines[0] ?? null, `the target "${name}" is empty ${where}; every row needs a target value`);
  }

  const numbers = values.every((value): value is number => typeof value === 'number') ? (values as number[]) : null;
  if (numbers !== null) {
    const distinct = [...new Set(numbers)].sort((a, b) => a - b);
    const wholeNumbers = numbers.every((value) => Number.isInteger(value));
    if (!wholeNumbers || distinct.length > MAX_INTEGER_CLASSES) {
      return { task: 'regression', classes: [], y: Float64Array.from(numbers), strata: null };
    }
    return classify(table, name, distinct.map(String), numbers.map(String));
  }
  const labels = values.map(String);
  return classify(table, name, [...new Set(labels)].sort(compareStrings), labels);
}

function classify(table: Table, name: string, classes: readonly string[], labels: readonly string[]): Target {
  if (classes.length < 2) {
    throw new DataError(table.file, null, `the target "${name}" has a single value (${JSON.stringify(classes[0])}); classification needs at least two classes`);
  }
  const indexOf = new Map(classes.map((label, index) => [label, index]));
  const strata = Int32Array.from(labels, (label) => indexOf.get(label) ?? 0);
  return { task: 'classification', classes, y: Float64Array.from(strata), strata };
}

/** Stratified k-fold still works when a class is rarer than k, but some folds will never validate it. */
function rareClassWarnings(target: Target, validation: PrepareOptions['validation']): string[] {
  if (target.strata === null || typeof validation !== 'object') return [];
  const counts = new Array<number>(target.classes.length).fill(0);
  for (const stratum of target.strata) counts[stratum] = (counts[stratum] ?? 0) + 1;
  return target.classes.flatMap((label, index) => {
    const count = counts[index] ?? 0;
    if (count >= validation.kfold) return [];
    return [`class "${label}" has ${count} row${count === 1 ? '' : 's'}, fewer than the ${validation.kfold} folds: some folds have none of it to validate on`];
  });
}

function pick(values: Float64Array, rows: Int32Array): Float32Array {
  const picked = new Float32Array(rows.length);
  for (let i = 0; i < rows.length; i++) picked[i] = values[rows[i] as number] as number;
  return picked;
}
