/**
 * Hypervolume subset selection and contributions, as Optuna 3.1's multi-objective TPE uses them
 * (`_hypervolume/hssp.py` `_solve_hssp`, and the contributions behind its "below" weights). Points
 * are to be minimised and no worse than the reference; volumes come from wfg.ts, in Optuna's
 * arithmetic order, because the greedy choice below compares them for equality.
 */
import { wfgHypervolume, type Point } from './wfg';

/**
 * Greedy hypervolume subset selection (a 1 − 1/e approximation, Guerreiro et al. 2016): `size`
 * positions into `points`, in the order chosen. Each step takes the point adding the most volume to
 * those already chosen; of equal gains, the first (numpy's argmax; a NaN gain wins at once).
 */
export function greedyHypervolumeSubset(points: readonly Point[], size: number, reference: Point): number[] {
  if (size > points.length) throw new RangeError(`cannot choose ${size} of ${points.length} points`);
  // What each point would still add; −1 marks a chosen one (Optuna's marker, compared as such).
  const gains = points.map((p) => wfgHypervolume([p], reference));
  const chosen: number[] = [];
  const chosenPoints: Point[] = [];
  let chosenVolume = 0;
  while (chosen.length < size) {
    const best = argmax(gains);
    gains[best] = -1;
    const picked = points[best] as Point;
    points.forEach((point, j) => {
      if (gains[j] === -1) return;
      // Of j's box, the part inside `picked`'s box is no longer j's alone.
      const shared = point.map((v, k) => Math.max(v, picked[k] as number));
      gains[j] = (gains[j] as number) - (wfgHypervolume([...chosenPoints, shared], reference) - chosenVolume);
    });
    chosen.push(best);
    chosenPoints.push(picked);
    chosenVolume = wfgHypervolume(chosenPoints, reference);
  }
  return chosen;
}

/** Each point's exclusive hypervolume: the volume of all minus the volume without it. */
export function hypervolumeContributions(points: readonly Point[], reference: Point): number[] {
  const total = wfgHypervolume(points, reference);
  return points.map((_, i) => total - wfgHypervolume(points.filter((__, j) => j !== i), reference));
}

/** numpy's argmax: the first NaN if any, else the first largest. */
function argmax(values: readonly number[]): number {
  let best = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (Number.isNaN(v)) return i;
    if (v > (values[best] as number)) best = i;
  }
  return best;
}
