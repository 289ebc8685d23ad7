/**
 * Hypervolume in the exact arithmetic order of Optuna 3.1's `_hypervolume.WFG` (two objectives: its
 * sweep, `_compute_2d`). hypervolume.ts computes the same volume with a cleaner sweep and prunes
 * dominated points first; this one is for rules that compare volumes for equality, as MO-TPE's
 * greedy hypervolume subset selection does (its argmax picks the first of equal contributions, so
 * a last-bit difference would change which trial is picked).
 *
 * Every point must be ≤ the reference in every coordinate (Optuna refuses others); all objectives
 * are minimised.
 */

export type Point = readonly number[];

export function wfgHypervolume(points: readonly Point[], reference: Point): number {
  if (points.some((p) => p.length !== reference.length)) throw new RangeError(`every point needs ${reference.length} coordinates, as the reference point`);
  return reference.length === 2 ? sweep2d(points, reference) : wfg(points, reference);
}

/** |Π (a − b)|, multiplied left to right as numpy's prod does. */
function boxVolume(a: Point, b: Point): number {
  let volume = 1;
  for (let i = 0; i < a.length; i++) volume *= (a[i] as number) - (b[i] as number);
  return Math.abs(volume);
}

/**
 * Sorted by the first coordinate, ties by the second descending; each point not above the current
 * ceiling adds its box up to the ceiling, which then drops to it.
 */
function sweep2d(points: readonly Point[], reference: Point): number {
  const sorted = [...points].sort((a, b) => compare(a[0] as number, b[0] as number) || compare(b[1] as number, a[1] as number));
  const ceiling = [reference[0] as number, reference[1] as number];
  let volume = 0;
  for (const point of sorted) {
    if ((ceiling[1] as number) < (point[1] as number)) continue;
    volume += boxVolume(ceiling, point);
    ceiling[1] = point[1] as number;
  }
  return volume;
}

function wfg(points: readonly Point[], reference: Point): number {
  if (points.length === 0) return 0;
  if (points.length === 1) return boxVolume(points[0] as Point, reference);
  if (points.length === 2) {
    const [a, b] = points as [Point, Point];
    let overlap = 1;
    for (let i = 0; i < reference.length; i++) overlap *= (reference[i] as number) - Math.max(a[i] as number, b[i] as number);
    return 0 + boxVolume(a, reference) + boxVolume(b, reference) - overlap;
  }
  // Stable, as numpy's argsort is on the small sets this sees (insertion sort below 17 points).
  const sorted = [...points].sort((a, b) => compare(a[0] as number, b[0] as number));
  let volume = 0;
  for (let i = 0; i < sorted.length; i++) volume += exclusiveVolume(sorted[i] as Point, sorted.slice(i + 1), reference);
  return volume;
}

/** The part of `point`'s box that none of `later` covers. */
function exclusiveVolume(point: Point, later: readonly Point[], reference: Point): number {
  let volume = boxVolume(point, reference);
  const limited = limit(point, later);
  if (limited.length === 1) volume -= boxVolume(limited[0] as Point, reference);
  else if (limited.length > 1) volume -= wfg(limited, reference);
  return volume;
}

/**
 * The later points clipped to `point`'s box, thinned by one left-to-right scan (a point is dropped
 * when the last kept one is no worse anywhere): Optuna's "almost Pareto" `_limit`.
 */
function limit(point: Point, later: readonly Point[]): Point[] {
  const clipped = later.map((q) => q.map((v, k) => Math.max(v, point[k] as number)));
  if (clipped.length <= 1) return clipped;
  const kept = [clipped[0] as Point];
  let left = clipped[0] as Point;
  for (let right = 1; right < clipped.length; right++) {
    const candidate = clipped[right] as Point;
    if (left.some((v, k) => v > (candidate[k] as number))) {
      left = candidate;
      kept.push(candidate);
    }
  }
  return kept;
}

/** Ascending for a sort: NaN compares equal to everything, as a comparison sort treats it. */
function compare(a: number, b: number): number {
  if (a < b) return -1;
  if (a > b) return 1;
  return 0;
}
