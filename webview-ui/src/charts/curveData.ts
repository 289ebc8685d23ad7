/**
 * The learning curves' data, apart from how they are drawn: each trial's curve as a flat typed array
 * (converted once per row version), ECharts' flat polyline format for a batch of them, and the groups
 * the chart draws as one batched series each: complete curves by rank bucket of their final objective
 * (so a few series, however many trials, yet better curves look different from worse ones), pruned and
 * failed ones, running ones and the selected trial.
 */
import type { TrialRow } from '../../../src/protocol/leaderboard';

export interface Curve {
  /** x1, y1, x2, y2, … */
  readonly points: Float64Array;
  readonly minStep: number;
  readonly maxStep: number;
  readonly minValue: number;
  readonly maxValue: number;
}

/** A rank bucket of complete trials: the best `share` of them not in a better bucket. */
export interface RankBucket {
  readonly id: string;
  readonly name: string;
  /** The bucket ends at this fraction of the ranked trials (cumulative). */
  readonly upTo: number;
  /** How strongly the bucket's colour departs from the background (1 = the full hue). */
  readonly strength: number;
}

/** Best first. Quantiles rather than value ranges: one outlier would squeeze every other curve into one colour. */
export const RANK_BUCKETS: readonly RankBucket[] = [
  { id: 'rank-10', name: 'Best 10%', upTo: 0.1, strength: 1 },
  { id: 'rank-25', name: 'Top 10–25%', upTo: 0.25, strength: 0.78 },
  { id: 'rank-50', name: 'Top 25–50%', upTo: 0.5, strength: 0.58 },
  { id: 'rank-100', name: 'Lower 50%', upTo: 1, strength: 0.42 },
];

export type StateGroupId = 'stopped' | 'running' | 'selected';
export type GroupId = StateGroupId | string;

export interface CurveGroup {
  readonly id: GroupId;
  readonly numbers: number[];
  readonly curves: Curve[];
  /** Rank buckets: the worst final value in the bucket (its threshold), else null. */
  worst: number | null;
  /** The rank `worst` belongs to. */
  worstRank: number;
}

/** Rows are replaced, never mutated, when a trial changes: a curve is converted once per version. */
const curveCache = new WeakMap<TrialRow, Curve | null>();

export function curveOf(row: TrialRow): Curve | null {
  let curve = curveCache.get(row);
  if (curve === undefined) {
    const finite = row.curve.filter(([step, value]) => Number.isFinite(step) && Number.isFinite(value));
    curve = null;
    if (finite.length > 0) {
      const steps = finite.map(([step]) => step);
      const values = finite.map(([, value]) => value);
      curve = { points: Float64Array.from(finite.flat()), minStep: Math.min(...steps), maxStep: Math.max(...steps), minValue: Math.min(...values), maxValue: Math.max(...values) };
    }
    curveCache.set(row, curve);
  }
  return curve;
}

/**
 * ECharts' flat polyline format: for each curve its point count, then its points. A curve of one
 * point (a trial that reported once) is written as that point twice: ECharts (6.1) throws drawing a
 * polyline of one point when the series is small enough not to be drawn in large mode.
 */
export function flatten(curves: readonly Curve[]): Float64Array {
  const lengthOf = (curve: Curve): number => Math.max(curve.points.length, 4);
  const flat = new Float64Array(curves.reduce((length, curve) => length + 1 + lengthOf(curve), 0));
  let at = 0;
  for (const curve of curves) {
    flat[at++] = lengthOf(curve) / 2;
    flat.set(curve.points, at);
    if (curve.points.length === 2) flat.set(curve.points, at + 2);
    at += lengthOf(curve);
  }
  return flat;
}

export interface GroupedCurves {
  /** Rank buckets best first, then stopped, running, selected. */
  readonly groups: readonly CurveGroup[];
  readonly total: number;
  readonly bounds: { minStep: number; maxStep: number; minValue: number; maxValue: number };
}

/**
 * Every row's curve in its group. `rankOf` is the store's rank among complete trials (1 = best) and
 * `ranked` how many complete trials are ranked.
 */
export function groupCurves(rows: readonly TrialRow[], selected: number | null, rankOf: (row: TrialRow) => number | null, ranked: number): GroupedCurves {
  const group = (id: GroupId): CurveGroup => ({ id, numbers: [], curves: [], worst: null, worstRank: 0 });
  const buckets = RANK_BUCKETS.map((bucket) => group(bucket.id));
  const byState: Record<StateGroupId, CurveGroup> = { stopped: group('stopped'), running: group('running'), selected: group('selected') };
  const ends = RANK_BUCKETS.map((bucket) => Math.ceil(bucket.upTo * ranked));
  const bounds = { minStep: Infinity, maxStep: -Infinity, minValue: Infinity, maxValue: -Infinity };
  let total = 0;
  for (const row of rows) {
    const curve = curveOf(row);
    if (!curve) continue;
    let bucket: CurveGroup | null = null;
    if (row.state === 'complete') {
      // A complete trial without a rank (no finite value) counts among the lower half.
      const rank = rankOf(row) ?? ranked;
      const index = ends.findIndex((end) => rank <= end);
      bucket = buckets[index < 0 ? buckets.length - 1 : index] as CurveGroup;
      // Ranks ascend from the best: the bucket's worst value is that of its highest rank (the
      // selected trial counts too, though its curve is drawn apart).
      if (row.value !== null && Number.isFinite(row.value) && rank >= bucket.worstRank) {
        bucket.worst = row.value;
        bucket.worstRank = rank;
      }
    }
    const target = row.number === selected ? byState.selected : (bucket ?? (row.state === 'pruned' || row.state === 'fail' ? byState.stopped : byState.running));
    target.numbers.push(row.number);
    target.curves.push(curve);
    total++;
    bounds.minStep = Math.min(bounds.minStep, curve.minStep);
    bounds.maxStep = Math.max(bounds.maxStep, curve.maxStep);
    bounds.minValue = Math.min(bounds.minValue, curve.minValue);
    bounds.maxValue = Math.max(bounds.maxValue, curve.maxValue);
  }
  return { groups: [...buckets, byState.stopped, byState.running, byState.selected], total, bounds };
}
