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
  for (let i = 0; i < sorted.length; i++) volume += exclusiveVolume(sorted, i, reference);
  return volume;
}

/** The part of `sorted[at]`'s box that none of the points after it covers. */
function exclusiveVolume(sorted: readonly Point[], at: number, reference: Point): number {
  const point = sorted[at] as Point;
  let volume = boxVolume(point, reference);
  const limited = limit(point, sorted, at + 1);
  if (limited.length === 1) volume -= boxVolume(limited[0] as Point, reference);
  else if (limited.length > 1) volume -= wfg(limited, reference);
  return volume;
}

/**
 * The points from `from` on, clipped to `point`'s box, thinned by one left-to-right scan (a point
 * is dropped when the last kept one is no worse anywhere): Optuna's "almost Pareto" `_limit`.
 */
function limit(point: Point, points: readonly Point[], from: number): Point[] {
  const dim = point.length;
  const kept: Point[] = [];
  let left: Point | null = null;
  for (let j = from; j < points.length; j++) {
    const q = points[j] as Point;
    const clipped = new Array<number>(dim);
    for (let k = 0; k < dim; k++) clipped[k] = Math.max(q[k] as number, point[k] as number);
    if (left === null || worseSomewhere(left, clipped)) {
      left = clipped;
      kept.push(clipped);
    }
  }
  return kept;
}

/** Some coordinate of `a` is above `b`'s. */
function worseSomewhere(a: Point, b: Point): boolean {
  for (let k = 0; k < a.length; k++) if ((a[k] as number) > (b[k] as number)) return true;
  return false;
}

/** Ascending for a sort: NaN compares equal to everything, as a comparison sort treats it. */
function compare(a: number, b: number): number {
  if (a < b) return -1;
  if (a > b) return 1;
  return 0;
}
