/**
 * One tree's functional ANOVA (Hutter et al. 2014, as Optuna's `_FanovaTree` computes it): the tree is
 * a piecewise-constant function over the search box, measured uniformly. Its variance is the
 * volume-weighted variance of its leaf values; a feature group's marginal variance is the variance,
 * over the group's own columns, of the tree averaged over every other column.
 *
 * Optuna evaluates the marginal at the midpoint of every cell between the group's split thresholds
 * by walking the tree. The same number follows from the leaves alone: leaf L, with box share P(L)
 * and share P_A(L) along the group's columns A, adds (v_L − mean) · P(L) / P_A(L) to the marginal
 * throughout its extent along A. One column is then a sweep over its thresholds (O(leaves));
 * a categorical's one-hot group sums the overlaps of every pair of distinct leaf boxes.
 */
import type { RegressionTree } from './regressionTree';

export class FanovaTree {
  /** The variance of the tree's prediction over the whole search box. */
  readonly variance: number;
  private readonly mean: number;
  private readonly columns: number;
  /** Per column: its lower bound, the sorted distinct thresholds the tree splits it at, its upper bound. */
  private readonly breakpoints: Float64Array[];
  private readonly leafValue: Float64Array;
  /** Each leaf's share of the box's volume. */
  private readonly leafShare: Float64Array;
  /** Leaf l's box along column c is breakpoints[c][low[l·columns + c]] … breakpoints[c][high[…]]. */
  private readonly leafLow: Int32Array;
  private readonly leafHigh: Int32Array;

  /** `bounds` holds column c's [low, high] at 2c and 2c + 1. */
  constructor(tree: RegressionTree, bounds: Float64Array) {
    const columns = bounds.length / 2;
    this.columns = columns;
    this.breakpoints = columnBreakpoints(tree, bounds);
    const thresholdIndex = new Int32Array(tree.nodeCount);
    let leaves = 0;
    for (let node = 0; node < tree.nodeCount; node++) {
      const f = tree.feature[node] as number;
      if (f < 0) leaves++;
      else thresholdIndex[node] = indexOf(this.breakpoints[f] as Float64Array, clamp(tree.threshold[node] as number, bounds, f));
    }
    this.leafValue = new Float64Array(leaves);
    this.leafShare = new Float64Array(leaves);
    this.leafLow = new Int32Array(leaves * columns);
    this.leafHigh = new Int32Array(leaves * columns);
    const low = new Int32Array(columns);
    const high = Int32Array.from(this.breakpoints, (points) => points.length - 1);
    let leaf = 0;
    // Depth-first with the current box in `low`/`high`; depth is bounded by the tree's maxDepth.
    const visit = (node: number): void => {
      const f = tree.feature[node] as number;
      if (f < 0) {
        this.leafValue[leaf] = tree.value[node] as number;
        this.leafLow.set(low, leaf * columns);
        this.leafHigh.set(high, leaf * columns);
        let share = 1;
        for (let c = 0; c < columns; c++) share *= this.fraction(c, low[c] as number, high[c] as number);
        this.leafShare[leaf++] = share;
        return;
      }
      const t = thresholdIndex[node] as number;
      const savedHigh = high[f] as number;
      high[f] = Math.min(savedHigh, t);
      visit(tree.left[node] as number);
      high[f] = savedHigh;
      const savedLow = low[f] as number;
      low[f] = Math.max(savedLow, t);
      visit(tree.right[node] as number);
      low[f] = savedLow;
    };
    visit(0);
    let total = 0;
    let weighted = 0;
    for (let l = 0; l < leaves; l++) {
      total += this.leafShare[l] as number;
      weighted += (this.leafShare[l] as number) * (this.leafValue[l] as number);
    }
    this.mean = weighted / total;
    let variance = 0;
    for (let l = 0; l < leaves; l++) variance += (this.leafShare[l] as number) * ((this.leafValue[l] as number) - this.mean) ** 2;
    this.variance = variance / total;
  }

  /** The variance of the marginal prediction over `group`'s columns (one column, or a categorical's one-hot columns). */
  marginalVariance(group: readonly number[]): number {
    if (group.length === 0) throw new RangeError('a feature group needs at least one column');
    const variance = group.length === 1 ? this.sweepVariance(group[0] as number) : this.overlapVariance(group);
    return Math.max(0, variance);
  }

  /** The marginal along one column, through a difference array over its cells. */
  sweepVariance(column: number): number {
    const points = this.breakpoints[column] as Float64Array;
    const change = new Float64Array(points.length);
    for (let l = 0; l < this.leafValue.length; l++) {
      const lo = this.leafLow[l * this.columns + column] as number;
      const hi = this.leafHigh[l * this.columns + column] as number;
      const along = this.fraction(column, lo, hi);
      if (along <= 0) continue;
      const contribution = (((this.leafValue[l] as number) - this.mean) * (this.leafShare[l] as number)) / along;
      change[lo] = (change[lo] as number) + contribution;
      change[hi] = (change[hi] as number) - contribution;
    }
    let marginal = 0;
    let first = 0;
    let second = 0;
    for (let cell = 0; cell < points.length - 1; cell++) {
      marginal += change[cell] as number;
      const width = this.fraction(column, cell, cell + 1);
      first += marginal * width;
      second += marginal * marginal * width;
    }
    return second - first * first;
  }

  /**
   * The marginal over several columns: E[f²] − E[f]² summed over pairs of distinct leaf boxes. A box
   * is kept as the few columns it narrows (a leaf of a one-hot group is usually "is this choice" or
   * "is not"), so a pair costs the columns the second box narrows, not the whole group.
   */
  overlapVariance(group: readonly number[]): number {
    const k = group.length;
    const full = group.map((c) => (this.breakpoints[c] as Float64Array).length - 1);
    const boxes = new Map<string, number>();
    // Box b narrows the entries narrowed[start[b] …start[b + 1]), each [index in group, low, high].
    const narrowed: number[] = [];
    const start: number[] = [0];
    const boxContribution: number[] = [];
    const boxShare: number[] = [];
    for (let l = 0; l < this.leafValue.length; l++) {
      let along = 1;
      const edges: number[] = [];
      for (let i = 0; i < k; i++) {
        const c = group[i] as number;
        const lo = this.leafLow[l * this.columns + c] as number;
        const hi = this.leafHigh[l * this.columns + c] as number;
        if (lo === 0 && hi === full[i]) continue;
        along *= this.fraction(c, lo, hi);
        edges.push(i, lo, hi);
      }
      if (along <= 0) continue;
      const contribution = (((this.leafValue[l] as number) - this.mean) * (this.leafShare[l] as number)) / along;
      const key = edges.join(',');
      const existing = boxes.get(key);
      if (existing !== undefined) {
        boxContribution[existing] = (boxContribution[existing] as number) + contribution;
        continue;
      }
      boxes.set(key, boxContribution.length);
      narrowed.push(...edges);
      start.push(narrowed.length);
      boxContribution.push(contribution);
      boxShare.push(along);
    }
    let first = 0;
    let second = 0;
    const count = boxContribution.length;
    const low = new Int32Array(k);
    const high = new Int32Array(k);
    const share = new Float64Array(k);
    for (let a = 0; a < count; a++) {
      const ca = boxContribution[a] as number;
      first += ca * (boxShare[a] as number);
      second += ca * ca * (boxShare[a] as number);
      // Box a, dense, to intersect the boxes after it with.
      for (let i = 0; i < k; i++) {
        low[i] = 0;
        high[i] = full[i] as number;
        share[i] = 1;
      }
      for (let e = start[a] as number; e < (start[a + 1] as number); e += 3) {
        const i = narrowed[e] as number;
        low[i] = narrowed[e + 1] as number;
        high[i] = narrowed[e + 2] as number;
        share[i] = this.fraction(group[i] as number, low[i] as number, high[i] as number);
      }
      for (let b = a + 1; b < count; b++) {
        // Start from box a's share and narrow it by each column box b narrows.
        let overlap = boxShare[a] as number;
        for (let e = start[b] as number; e < (start[b + 1] as number) && overlap > 0; e += 3) {
          const i = narrowed[e] as number;
          const lo = Math.max(narrowed[e + 1] as number, low[i] as number);
          const hi = Math.min(narrowed[e + 2] as number, high[i] as number);
          overlap = lo < hi ? (overlap * this.fraction(group[i] as number, lo, hi)) / (share[i] as number) : 0;
        }
        if (overlap > 0) second += 2 * ca * (boxContribution[b] as number) * overlap;
      }
    }
    return second - first * first;
  }

  /** The share of column c's range between breakpoints `lo` and `hi`. */
  private fraction(column: number, lo: number, hi: number): number {
    const points = this.breakpoints[column] as Float64Array;
    const extent = (points[points.length - 1] as number) - (points[0] as number);
    return Math.max(0, (points[hi] as number) - (points[lo] as number)) / extent;
  }
}

function columnBreakpoints(tree: RegressionTree, bounds: Float64Array): Float64Array[] {
  const columns = bounds.length / 2;
  const thresholds: number[][] = Array.from({ length: columns }, () => []);
  for (let node = 0; node < tree.nodeCount; node++) {
    const f = tree.feature[node] as number;
    if (f >= 0) (thresholds[f] as number[]).push(clamp(tree.threshold[node] as number, bounds, f));
  }
  // A typed array sorts numerically.
  return thresholds.map((values, c) => Float64Array.from(new Set([bounds[2 * c] as number, ...values, bounds[2 * c + 1] as number])).sort());
}

/** Keeps a threshold inside its column's bounds (float32 rounding can put one a hair outside). */
function clamp(value: number, bounds: Float64Array, column: number): number {
  return Math.min(Math.max(value, bounds[2 * column] as number), bounds[2 * column + 1] as number);
}

function indexOf(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
