/**
 * Fast non-dominated sorting (Deb et al. 2002) into ranks: rank 0 is the Pareto front, rank 1 the
 * front once rank 0 is removed, and so on. The order inside each rank follows Optuna 3.1's NSGA-II
 * (`_fast_non_dominated_sort`), which takes a found member out by moving the last one into its place;
 * that order breaks crowding-distance ties, so an elite selection matches Optuna's one for one.
 */

/** `better(a, b)`: a dominates b (any strict partial order: plain or constrained dominance). */
export type DominanceTest<T> = (a: T, b: T) => boolean;

/** The population split into ranks, best first; every member lands in exactly one rank. */
export function fastNonDominatedSort<T>(population: readonly T[], better: DominanceTest<T>): T[][] {
  const n = population.length;
  const dominatedCount = new Array<number>(n).fill(0);
  const dominatedBy: number[][] = Array.from({ length: n }, () => []);
  for (let p = 0; p < n; p++) {
    for (let q = p + 1; q < n; q++) {
      const a = population[p] as T;
      const b = population[q] as T;
      if (better(a, b)) {
        (dominatedBy[p] as number[]).push(q);
        dominatedCount[q] = (dominatedCount[q] as number) + 1;
      } else if (better(b, a)) {
        (dominatedBy[q] as number[]).push(p);
        dominatedCount[p] = (dominatedCount[p] as number) + 1;
      }
    }
  }
  // Indices still to place, in Optuna's working order.
  const remaining = Array.from({ length: n }, (_, i) => i);
  const ranks: T[][] = [];
  while (remaining.length > 0) {
    const front: number[] = [];
    let i = 0;
    while (i < remaining.length) {
      const index = remaining[i] as number;
      if (dominatedCount[index] !== 0) {
        i++;
        continue;
      }
      const last = remaining.pop() as number;
      if (i < remaining.length) remaining[i] = last;
      front.push(index);
    }
    if (front.length === 0) throw new Error('dominance is not a strict partial order: a cycle left no member undominated');
    for (const index of front) for (const dominated of dominatedBy[index] as number[]) dominatedCount[dominated] = (dominatedCount[dominated] as number) - 1;
    ranks.push(front.map((index) => population[index] as T));
  }
  return ranks;
}

/** Each member's rank (0 = non-dominated), in population order. */
export function nonDominatedRanks<T>(population: readonly T[], better: DominanceTest<T>): number[] {
  const indices = population.map((_, i) => i);
  const ranks = new Array<number>(population.length).fill(0);
  fastNonDominatedSort(indices, (i, j) => better(population[i] as T, population[j] as T)).forEach((front, rank) => {
    for (const index of front) ranks[index] = rank;
  });
  return ranks;
}
