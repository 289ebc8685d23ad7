/**
 * Params → the forest's feature columns, as Optuna's fANOVA encodes them (`_SearchSpaceTransform` with
 * `transform_log=False, transform_step=False`): a float or int is one column holding its value and
 * bounded by [low, high] — log-scaled params are NOT moved to log space, exactly as Optuna 3.1 does, so
 * the variance is measured uniformly over the raw range; a categorical is one 0/1 column per choice,
 * each bounded by [0, 1], and its columns are grouped back into one param when importance is read.
 *
 * A param inactive in some trials (INACTIVE_VALUE in their rows, see importanceInput.ts) is imputed
 * out of range, as SMAC's fANOVA does: a float or int at one range-width below its low end, its
 * column's bounds widened down to it (the trees split "inactive" off like any low value); a
 * categorical gets one more 0/1 column, "inactive". A param every trial has is encoded as Optuna does.
 */
import type { Distribution } from '../distributions';

export interface EncodedFeatures {
  readonly rows: number;
  readonly columns: number;
  /** Row-major `rows × columns`. float32, as scikit-learn's trees see their input. */
  readonly x: Float32Array;
  /** [low, high] of column c at 2c and 2c + 1. */
  readonly bounds: Float64Array;
  /** The columns of each param, in the order the distributions were given. */
  readonly groups: readonly (readonly number[])[];
}

/** Where a float or int param inactive in a trial is put: one range-width below its low end (1 below a single value). */
function imputedBelow(distribution: Distribution & { readonly low: number; readonly high: number }): number {
  return distribution.low - (distribution.high - distribution.low || 1);
}

export function encodeFeatures(distributions: readonly Distribution[], rows: readonly (readonly number[])[]): EncodedFeatures {
  const groups: number[][] = [];
  const bounds: number[] = [];
  const conditional = distributions.map((_, p) => rows.some((row) => Number.isNaN(row[p])));
  distributions.forEach((distribution, p) => {
    const width = distribution.type === 'categorical' ? distribution.choices.length + (conditional[p] ? 1 : 0) : 1;
    groups.push(Array.from({ length: width }, (_, i) => bounds.length / 2 + i));
    for (let i = 0; i < width; i++) {
      if (distribution.type === 'categorical') bounds.push(0, 1);
      else bounds.push(conditional[p] ? imputedBelow(distribution) : distribution.low, distribution.high);
    }
  });
  const columns = bounds.length / 2;
  const x = new Float32Array(rows.length * columns);
  rows.forEach((row, r) => {
    if (row.length !== distributions.length) throw new RangeError(`row ${r} has ${row.length} values for ${distributions.length} params`);
    distributions.forEach((distribution, p) => {
      const value = row[p] as number;
      const first = (groups[p] as number[])[0] as number;
      if (Number.isNaN(value)) {
        // Inactive in this trial: the categorical's extra last column, or below the range.
        x[r * columns + first + (distribution.type === 'categorical' ? distribution.choices.length : 0)] = distribution.type === 'categorical' ? 1 : imputedBelow(distribution);
      } else if (distribution.type === 'categorical') {
        if (!Number.isInteger(value) || value < 0 || value >= distribution.choices.length) {
          throw new RangeError(`row ${r}: choice index ${value} is out of range for ${distribution.choices.length} choices`);
        }
        x[r * columns + first + value] = 1;
      } else {
        if (!Number.isFinite(value)) throw new RangeError(`row ${r}: param value ${value} is not finite`);
        x[r * columns + first] = value;
      }
    });
  });
  return { rows: rows.length, columns, x, bounds: Float64Array.from(bounds), groups };
}
