/**
 * The hypervolume of a set of points to minimise: the volume of the region they dominate up to a
 * reference point. Two objectives: an exact sweep. Three or more: the WFG algorithm (While, Bradstreet
 * and Barone 2012, which Optuna 3.1's `_hypervolume.WFG` follows): the sum over points of each one's
 * exclusive volume, that volume being its box minus the hypervolume of the later points limited to it.
 *
 * Unlike Optuna, which refuses a point beyond the reference, such a point adds nothing here (it
 * dominates no part of the box), so a study's points can be passed as they are.
 */
import type { Direction } from '../trial';
import { toMinimized } from './dominance';

type Point = readonly number[];

/** Exact hypervolume of `points` (each to minimise) against `reference`. */
export function hypervolume(points: readonly Point[], reference: Point): number {
  const dim = reference.length;
  if (points.some((p) => p.length !== dim)) throw new RangeError(`every point needs ${dim} coordinates, as the reference point`);
  // Only points strictly better than the reference in every objective enclose any volume.
  const inside = points.filter((p) => p.every((v, i) => v < (reference[i] as number)));
  if (inside.length === 0) return 0;
  if (dim === 1) return (reference[0] as number) - Math.min(...inside.map((p) => p[0] as number));
  return wfg(nonDominated(inside), reference);
}

/** Objective values as points to minimise (maximised objectives negated), e.g. a reference or a front. */
export function toMinimizedPoint(values: readonly number[], directions: readonly Direction[]): number[] {
  return values.map((v, i) => toMinimized(v, directions[i] as Direction));
}

function wfg(points: readonly Point[], reference: Point): number {
  if (reference.length === 2) return sweep2d(points, reference);
  if (points.length === 0) return 0;
  if (points.length === 1) return boxVolume(points[0] as Point, reference);
  const sorted = [...points].sort((a, b) => (a[0] as number) - (b[0] as number));
  let volume = 0;
  for (let i = 0; i < sorted.length; i++) {
    const point = sorted[i] as Point;
    const limited = nonDominated(sorted.slice(i + 1).map((q) => q.map((v, k) => Math.max(v, point[k] as number))));
    volume += boxVolume(point, reference) - wfg(limited, reference);
  }
  return volume;
}

/** Two objectives: sorted by the first, each point adds the strip below the lowest second value so far. */
function sweep2d(points: readonly Point[], reference: Point): number {
  const sorted = [...points].sort((a, b) => (a[0] as number) - (b[0] as number) || (a[1] as number) - (b[1] as number));
  const [refX, refY] = reference as [number, number];
  let ceiling = refY;
  let volume = 0;
  for (const [x, y] of sorted as [number, number][]) {
    if (y >= ceiling) continue;
    volume += (refX - x) * (ceiling - y);
    ceiling = y;
  }
  return volume;
}

function boxVolume(point: Point, reference: Point): number {
  let volume = 1;
  for (let i = 0; i < point.length; i++) volume *= (reference[i] as number) - (point[i] as number);
  return volume;
}

/** The points no other point weakly dominates (of equal points, the first is kept). */
function nonDominated(points: readonly Point[]): Point[] {
  const kept: Point[] = [];
  points.forEach((p, i) => {
    const covered = points.some((q, j) => j !== i && weaklyDominates(q, p) && (!weaklyDominates(p, q) || j < i));
    if (!covered) kept.push(p);
  });
  return kept;
}

function weaklyDominates(a: Point, b: Point): boolean {
  for (let i = 0; i < a.length; i++) if ((a[i] as number) > (b[i] as number)) return false;
  return true;
}
