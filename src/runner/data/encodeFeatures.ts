/**
 * Turns table columns into a numeric feature vector. Numeric columns are standardised and
 * categorical ones one-hot encoded, with every statistic taken from a fold's training rows only,
 * so nothing about the validation rows leaks into how they are encoded.
 */
import type { Table } from './types';

interface NumericFeature {
  readonly kind: 'numeric';
  readonly name: string;
  /** One value per row; NaN marks a missing value. */
  readonly values: Float64Array;
}

interface CategoricalFeature {
  readonly kind: 'categorical';
  readonly name: string;
  /** Every category in the whole table, sorted, so the vector has the same layout in every fold. */
  readonly categories: readonly string[];
  /** Category index per row; -1 marks a missing value. */
  readonly codes: Int32Array;
}

type Feature = NumericFeature | CategoricalFeature;

export interface FeatureLayout {
  readonly features: readonly Feature[];
  readonly featureNames: readonly string[];
  readonly warnings: readonly string[];
}

/** Many distinct strings in few rows usually means an identifier or free text, not a category. */
const IDENTIFIER_LIKE_MIN_CATEGORIES = 20;

/** Reads every column except `targetIndex`; a column whose non-null values are all numbers is numeric. */
export function describeFeatures(table: Table, targetIndex: number): FeatureLayout {
  const features: Feature[] = [];
  const featureNames: string[] = [];
  const warnings: string[] = [];
  const rowCount = table.rows.length;
  table.columns.forEach((name, column) => {
    if (column === targetIndex) return;
    const cells = table.rows.map((row) => row[column] ?? null);
    const firstText = cells.findIndex((cell) => cell !== null && typeof cell !== 'number');
    if (firstText === -1) {
      features.push({ kind: 'numeric', name, values: Float64Array.from(cells, (cell) => (cell === null ? NaN : (cell as number))) });
      featureNames.push(name);
      return;
    }
    const keys = cells.map((cell) => (cell === null ? null : String(cell)));
    const categories = [...new Set(keys.filter((key): key is string => key !== null))].sort(compareStrings);
    const indexOf = new Map(categories.map((category, index) => [category, index]));
    features.push({ kind: 'categorical', name, categories, codes: Int32Array.from(keys, (key) => (key === null ? -1 : (indexOf.get(key) ?? -1))) });
    featureNames.push(...categories.map((category) => `${name}=${category}`));

    const numberCount = cells.filter((cell) => typeof cell === 'number').length;
    if (numberCount > 0) {
      const line = table.lines[firstText] ?? firstText + 1;
      warnings.push(`column "${name}" is one-hot encoded as categorical because of ${JSON.stringify(cells[firstText])} on line ${line}, though ${numberCount} of its values are numbers`);
    } else if (categories.length > IDENTIFIER_LIKE_MIN_CATEGORIES && categories.length > rowCount / 2) {
      warnings.push(`column "${name}" has ${categories.length} distinct values in ${rowCount} rows, which one-hot encoding turns into ${categories.length} features; drop it if it is an identifier or free text`);
    }
  });
  return { features, featureNames, warnings };
}

export interface EncodedFold {
  readonly xTrain: Float32Array;
  readonly xVal: Float32Array;
}

/** Row-major features for one fold, encoded with statistics from its training rows only. */
export function encodeFold(layout: FeatureLayout, trainRows: Int32Array, valRows: Int32Array): EncodedFold {
  const width = layout.featureNames.length;
  const xTrain = new Float32Array(trainRows.length * width);
  const xVal = new Float32Array(valRows.length * width);
  let offset = 0;
  for (const feature of layout.features) {
    if (feature.kind === 'numeric') {
      const { mean, scale } = trainStatistics(feature.values, trainRows);
      writeStandardised(feature.values, trainRows, mean, scale, xTrain, width, offset);
      writeStandardised(feature.values, valRows, mean, scale, xVal, width, offset);
      offset += 1;
    } else {
      // A category no training row has gets no weight; marking it unseen makes it all zeros in validation too.
      const seen = new Uint8Array(feature.categories.length);
      for (const row of trainRows) {
        const code = feature.codes[row] as number;
        if (code >= 0) seen[code] = 1;
      }
      writeOneHot(feature.codes, seen, trainRows, xTrain, width, offset);
      writeOneHot(feature.codes, seen, valRows, xVal, width, offset);
      offset += feature.categories.length;
    }
  }
  return { xTrain, xVal };
}

/** Mean and standard deviation over the non-missing training values; a constant column keeps scale 1. */
function trainStatistics(values: Float64Array, trainRows: Int32Array): { mean: number; scale: number } {
  let sum = 0;
  let count = 0;
  for (const row of trainRows) {
    const value = values[row] as number;
    if (!Number.isNaN(value)) {
      sum += value;
      count++;
    }
  }
  if (count === 0) return { mean: 0, scale: 1 };
  const mean = sum / count;
  let squares = 0;
  for (const row of trainRows) {
    const value = values[row] as number;
    if (!Number.isNaN(value)) squares += (value - mean) ** 2;
  }
  const std = Math.sqrt(squares / count);
  return { mean, scale: std > 0 ? std : 1 };
}

function writeStandardised(values: Float64Array, rows: Int32Array, mean: number, scale: number, out: Float32Array, width: number, offset: number): void {
  for (let i = 0; i < rows.length; i++) {
    const value = values[rows[i] as number] as number;
    // A missing value takes the training mean, which standardises to 0.
    out[i * width + offset] = Number.isNaN(value) ? 0 : (value - mean) / scale;
  }
}

function writeOneHot(codes: Int32Array, seen: Uint8Array, rows: Int32Array, out: Float32Array, width: number, offset: number): void {
  for (let i = 0; i < rows.length; i++) {
    const code = codes[rows[i] as number] as number;
    if (code >= 0 && seen[code] === 1) out[i * width + offset + code] = 1;
  }
}

/** Plain code-unit order: the same on every machine, unlike localeCompare. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
