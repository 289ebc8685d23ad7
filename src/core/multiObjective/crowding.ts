/**
 * Crowding distance, by Optuna 3.1 NSGA-II's `_calc_crowding_distance`: per objective, the gap between
 * a member's two neighbours in value order over the objective's finite range, summed (Manhattan).
 * An objective where all members are equal adds nothing; the lowest and highest members get an
 * infinite gap (their outer neighbours are -∞ and +∞); ∞ − ∞ counts as 0.
 *
 * Optuna sorts the population in place, objective after objective, with a stable sort, and ranks by
 * distance from that last order; ties between equal values depend on it, so it is reproduced here.
 */

/** A member as crowding sees it: its objective values (raw; direction does not matter for distances). */
export interface CrowdingMember {
  readonly values: readonly number[];
}

/** The distances, indexed like `members`. */
export function crowdingDistances(members: readonly CrowdingMember[]): number[] {
  return crowdingPass(members).distances;
}

/**
 * The members, most isolated first: Optuna's `_crowding_distance_sort` (ascending stable sort by
 * distance, then reversed, so ties come out in reverse of the last per-objective order).
 */
export function sortByCrowdingDistance<T extends CrowdingMember>(members: readonly T[]): T[] {
  const { distances, order } = crowdingPass(members);
  const ascending = [...order].sort((a, b) => compareNumbers(distances[a] as number, distances[b] as number));
  return ascending.reverse().map((index) => members[index] as T);
}

function crowdingPass(members: readonly CrowdingMember[]): { distances: number[]; order: number[] } {
  const distances = new Array<number>(members.length).fill(0);
  let order = members.map((_, i) => i);
  if (members.length === 0) return { distances, order };
  const objectives = (members[0] as CrowdingMember).values.length;
  const valueOf = (index: number, k: number): number => (members[index] as CrowdingMember).values[k] as number;
  for (let k = 0; k < objectives; k++) {
    order = [...order].sort((a, b) => compareNumbers(valueOf(a, k), valueOf(b, k)));
    const first = valueOf(order[0] as number, k);
    const last = valueOf(order[order.length - 1] as number, k);
    if (first === last) continue;
    // Neighbours in value order, padded with -∞ below and +∞ above.
    const padded = [-Infinity, ...order.map((index) => valueOf(index, k)), Infinity];
    const smallestFinite = padded.find((v) => v !== -Infinity) as number;
    const largestFinite = [...padded].reverse().find((v) => v !== Infinity) as number;
    let width = largestFinite - smallestFinite;
    if (width <= 0) width = 1; // zero, or -∞ when only infinities differ: unscaled
    order.forEach((index, j) => {
      const below = padded[j] as number;
      const above = padded[j + 2] as number;
      const gap = below === above ? 0 : above - below;
      distances[index] = (distances[index] as number) + gap / width;
    });
  }
  return { distances, order };
}

/** Python's `<` order for a sort key: NaN never compares, so it stays where the stable sort leaves it. */
function compareNumbers(a: number, b: number): number {
  if (a < b) return -1;
  if (a > b) return 1;
  return 0;
}
