/**
 * Seeded train/validation splits over row indices: a hold-out fraction or k folds, stratified by
 * class when there are classes so every fold sees the classes in their overall proportions.
 */
import type { Rng } from '../../core';

export interface Split {
  /** Row indices, in shuffled order. */
  readonly train: Int32Array;
  readonly validation: Int32Array;
}

export type ValidationSpec = number | { readonly kfold: number } | undefined;

export const DEFAULT_HOLDOUT = 0.2;

export interface SplitRequest {
  readonly sampleCount: number;
  /** Class index per row to stratify by, or null for a plain shuffled split (regression). */
  readonly strata: Int32Array | null;
  readonly stratumCount: number;
  readonly validation: ValidationSpec;
}

/** Thrown for a validation setting the data cannot satisfy; the caller adds the file name. */
export class SplitError extends Error {
  override name = 'SplitError';
}

export function makeSplits(request: SplitRequest, rng: Rng): Split[] {
  const { sampleCount, validation } = request;
  const groups = groupRows(request).map((rows) => shuffleInPlace(rows, rng));
  if (typeof validation === 'object') {
    const k = validation.kfold;
    if (!Number.isInteger(k) || k < 2) throw new SplitError(`k-fold needs a whole number of folds ≥ 2, got ${k}`);
    if (k > sampleCount) throw new SplitError(`${k}-fold cross-validation needs at least ${k} rows, but there are ${sampleCount}`);
    return kFold(groups, sampleCount, k, rng);
  }
  const fraction = validation ?? DEFAULT_HOLDOUT;
  if (!(fraction > 0 && fraction < 1)) throw new SplitError(`the validation fraction must be between 0 and 1 (exclusive), got ${fraction}`);
  if (sampleCount < 2) throw new SplitError(`a hold-out split needs at least 2 rows, but there are ${sampleCount}`);
  const validationCount = Math.min(sampleCount - 1, Math.max(1, Math.round(fraction * sampleCount)));
  return [holdOut(groups, validationCount, rng)];
}

/** Rows per stratum (one group when not stratified), in row order before shuffling. */
function groupRows({ sampleCount, strata, stratumCount }: SplitRequest): number[][] {
  if (strata === null) return [Array.from({ length: sampleCount }, (_, row) => row)];
  const groups: number[][] = Array.from({ length: stratumCount }, () => []);
  for (let row = 0; row < sampleCount; row++) groups[strata[row] as number]?.push(row);
  return groups;
}

/** Each group's shuffled rows are dealt round-robin, continuing across groups so fold sizes differ by ≤ 1. */
function kFold(groups: readonly number[][], sampleCount: number, k: number, rng: Rng): Split[] {
  const foldOf = new Int32Array(sampleCount);
  let dealt = 0;
  for (const rows of groups) {
    for (const row of rows) foldOf[row] = dealt++ % k;
  }
  const splits: Split[] = [];
  for (let fold = 0; fold < k; fold++) {
    const train: number[] = [];
    const validation: number[] = [];
    for (let row = 0; row < sampleCount; row++) (foldOf[row] === fold ? validation : train).push(row);
    splits.push({ train: Int32Array.from(shuffleInPlace(train, rng)), validation: Int32Array.from(shuffleInPlace(validation, rng)) });
  }
  return splits;
}

function holdOut(groups: readonly number[][], validationCount: number, rng: Rng): Split {
  const sizes = groups.map((rows) => rows.length);
  const takes = allocate(sizes, validationCount);
  const train: number[] = [];
  const validation: number[] = [];
  groups.forEach((rows, group) => {
    const take = takes[group] ?? 0;
    validation.push(...rows.slice(0, take));
    train.push(...rows.slice(take));
  });
  return { train: Int32Array.from(shuffleInPlace(train, rng)), validation: Int32Array.from(shuffleInPlace(validation, rng)) };
}

/**
 * Splits `total` over groups in proportion to their sizes (largest remainder), so each group's share
 * is within one row of exact. Extra rows go first to groups that still keep a training row.
 */
export function allocate(sizes: readonly number[], total: number): number[] {
  const count = sizes.reduce((sum, size) => sum + size, 0);
  const quotas = sizes.map((size) => (count === 0 ? 0 : (total * size) / count));
  const takes = quotas.map((quota, group) => Math.min(Math.floor(quota), sizes[group] ?? 0));
  let remaining = total - takes.reduce((sum, take) => sum + take, 0);
  const byRemainder = quotas
    .map((quota, group) => ({ group, remainder: quota - Math.floor(quota) }))
    .sort((a, b) => b.remainder - a.remainder || a.group - b.group)
    .map((entry) => entry.group);
  // At most one extra row per group keeps every share within one row of its quota.
  const topped = new Uint8Array(sizes.length);
  for (const keepOneForTraining of [true, false]) {
    for (const group of byRemainder) {
      if (remaining === 0) break;
      const limit = (sizes[group] ?? 0) - (keepOneForTraining ? 1 : 0);
      if (topped[group] === 0 && (takes[group] ?? 0) < limit) {
        takes[group] = (takes[group] ?? 0) + 1;
        topped[group] = 1;
        remaining--;
      }
    }
  }
  return takes;
}

/** Fisher–Yates with the seeded generator: the same seed always gives the same order. */
export function shuffleInPlace<T>(items: T[], rng: Rng): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    const item = items[i] as T;
    items[i] = items[j] as T;
    items[j] = item;
  }
  return items;
}
