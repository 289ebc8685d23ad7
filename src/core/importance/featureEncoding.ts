/**
 * Params → the forest's feature columns, as Optuna's fANOVA encodes them (`_SearchSpaceTransform` with
 * `transform_log=False, transform_step=False`): a float or int is one column holding its value and
 * bounded by [low, high] — log-scaled params are NOT moved to log space, exactly as Optuna 3.1 does, so
 * the variance is measured uniformly over the raw range; a categorical is one 0/1 column per choice,
 * each bounded by [0, 1], and its columns are grouped back into one param when importance is read.
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

export function encodeFeatures(distributions: readonly Distribution[], rows: readonly (readonly number[])[]): EncodedFeatures {
  const groups: number[][] = [];
  const bounds: number[] = [];
  for (const distribution of distributions) {
    const width = distribution.type === 'categorical' ? distribution.choices.length : 1;
    groups.push(Array.from({ length: width }, (_, i) => bounds.length / 2 + i));
    for (let i = 0; i < width; i++) {
      if (distribution.type === 'categorical') bounds.push(0, 1);
      else bounds.push(distribution.low, distribution.high);
    }
  }
  const columns = bounds.length / 2;
  const x = new Float32Array(rows.length * columns);
  rows.forEach((row, r) => {
    if (row.length !== distributions.length) throw new RangeError(`row ${r} has ${row.length} values for ${distributions.length} params`);
    distributions.forEach((distribution, p) => {
      const value = row[p] as number;
      const first = (groups[p] as number[])[0] as number;
      if (distribution.type === 'categorical') {
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
