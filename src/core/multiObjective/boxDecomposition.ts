/**
 * The region a new point can still add hypervolume in, cut into disjoint axis-aligned boxes: every z
 * below the reference point that no given point weakly dominates (all objectives minimised). The
 * hypervolume improvement of a new point y is then Σ_boxes Π_k max(0, upper_k − max(y_k, lower_k)),
 * which is what expected hypervolume improvement integrates (Daulton et al. 2020, Eq. 1).
 *
 * Optuna 4 builds the boxes with Lacour, Klamroth and Fonseca's local-upper-bound algorithm. Here
 * they come from slicing along the last objective: between two consecutive values of it, the region
 * is that of the points at or below the slice in the remaining objectives, recursively, down to one
 * objective (below the smallest value). A box that stays the same from one slice to the next is
 * extended rather than cut, which keeps the count near the front's size for two and three objectives.
 * Lower bounds may be −∞ (nothing bounds the region from below there).
 */
import { dominates } from './dominance';

export interface Box {
  readonly lower: readonly number[];
  readonly upper: readonly number[];
}

type Point = readonly number[];

/** Disjoint boxes whose union is the part of {z < reference} that no point of `points` weakly dominates. */
export function nonDominatedBoxes(points: readonly Point[], reference: Point): Box[] {
  const dim = reference.length;
  if (dim < 1) return [];
  if (points.some((p) => p.length !== dim)) throw new RangeError(`every point needs ${dim} coordinates, as the reference point`);
  if (points.some((p) => p.some((v) => Number.isNaN(v)))) throw new RangeError('points must not hold NaN');
  // Points not below the reference in every objective bound nothing inside it.
  const inside = points.filter((p) => p.every((v, k) => v < (reference[k] as number)));
  return slice(paretoSet(inside), reference, dim - 1).filter((box) => box.upper.every((u, k) => u > (box.lower[k] as number)));
}

/** The boxes over objectives 0…k of the region the points leave free below the reference. */
function slice(points: readonly Point[], reference: Point, k: number): Box[] {
  if (k === 0) {
    const upper = Math.min(reference[0] as number, ...points.map((p) => p[0] as number));
    return [{ lower: [-Infinity], upper: [upper] }];
  }
  const sorted = [...points].sort((a, b) => (a[k] as number) - (b[k] as number));
  const boxes: Box[] = [];
  /** Boxes of the current slab, keyed by their bounds in objectives 0…k−1, with where they began in k. */
  let open = new Map<string, { box: Box; start: number }>();
  const advance = (at: number, active: readonly Point[]): void => {
    const next = new Map<string, { box: Box; start: number }>();
    for (const box of slice(active, reference, k - 1)) {
      const key = `${box.lower.join(',')}|${box.upper.join(',')}`;
      next.set(key, open.get(key) ?? { box, start: at });
      open.delete(key);
    }
    for (const closed of open.values()) boxes.push(extend(closed.box, closed.start, at));
    open = next;
  };
  advance(-Infinity, []);
  for (let i = 0; i < sorted.length; ) {
    const at = (sorted[i] as Point)[k] as number;
    while (i < sorted.length && (sorted[i] as Point)[k] === at) i++;
    advance(at, sorted.slice(0, i));
  }
  for (const closed of open.values()) boxes.push(extend(closed.box, closed.start, reference[k] as number));
  return boxes;
}

function extend(box: Box, lower: number, upper: number): Box {
  return { lower: [...box.lower, lower], upper: [...box.upper, upper] };
}

/** The points no other one dominates, duplicates kept once. */
function paretoSet(points: readonly Point[]): Point[] {
  const directions = points[0]?.map(() => 'minimize' as const) ?? [];
  const unique = points.filter((p, i) => points.findIndex((q) => q.every((v, k) => v === p[k])) === i);
  return unique.filter((p) => !unique.some((q) => q !== p && dominates(directions, q, p)));
}
