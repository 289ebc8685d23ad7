/**
 * Between a parallel-coordinates brush (ECharts' axis intervals) and the store's filter for that axis:
 * a numeric range, a set of categorical choices (category axes brush by choice index), or the
 * objective's range under VALUE_FILTER (each objective's under its objectiveFilterKey in a
 * multi-objective study).
 */
import type { ParamSpec } from '../../../src/protocol/leaderboard';
import { objectiveFilterKey } from '../store/leaderboardStore';
import type { ParamFilter } from '../store/leaderboardStore';

/** A parameter's axis, or an objective's (`index` 0 for a single-objective study's value). */
export type AxisTarget = { readonly kind: 'param'; readonly spec: ParamSpec } | { readonly kind: 'objective'; readonly index: number };

export type Interval = readonly [number, number];

/** The key the axis's filter lives under in `Filters.params`. */
export function filterKey(target: AxisTarget): string {
  return target.kind === 'objective' ? objectiveFilterKey(target.index) : target.spec.name;
}

/**
 * The filter a brush sets, or null when the brush was cleared. Several brushes on one numeric axis
 * become the range that spans them (the store keeps one range per parameter).
 */
export function filterFromIntervals(target: AxisTarget, intervals: readonly Interval[]): ParamFilter | null {
  const valid = intervals.filter(([a, b]) => Number.isFinite(a) && Number.isFinite(b)).map(([a, b]): Interval => [Math.min(a, b), Math.max(a, b)]);
  if (valid.length === 0) return null;
  if (target.kind === 'param' && target.spec.type === 'categorical') {
    const choices = target.spec.choices.filter((_, index) => valid.some(([low, high]) => low <= index && index <= high));
    return { kind: 'choices', choices };
  }
  return { kind: 'range', min: Math.min(...valid.map(([low]) => low)), max: Math.max(...valid.map(([, high]) => high)) };
}

/** The brushes that show a filter on its axis (consecutive choices share one brush). */
export function intervalsFromFilter(target: AxisTarget, filter: ParamFilter | undefined): Interval[] {
  const categorical = target.kind === 'param' && target.spec.type === 'categorical';
  if (!filter || filter.kind === 'range') return filter && !categorical ? [[filter.min, filter.max]] : [];
  if (target.kind !== 'param' || target.spec.type !== 'categorical') return [];
  const indices = target.spec.choices.flatMap((choice, index) => (filter.choices.includes(choice) ? [index] : []));
  // Runs of consecutive choices, each widened by under half a slot so a single choice gets a visible brush.
  const intervals: Interval[] = [];
  let runStart = -1;
  indices.forEach((index, i) => {
    if (runStart < 0) runStart = index;
    if (indices[i + 1] !== index + 1) {
      intervals.push([runStart - 0.4, index + 0.4]);
      runStart = -1;
    }
  });
  return intervals;
}
