/**
 * A CART regression tree grown as scikit-learn's `DecisionTreeRegressor` grows one for a random forest
 * (squared error, best splitter over every column in a random order, depth-first): a node splits where
 * the weighted squared error of its children is least, at the midpoint between two neighbouring
 * values (values within 1e-7 count as equal), and stays a leaf at `maxDepth`, below
 * `minSamplesSplit` rows, or when its targets have (almost) no variance.
 *
 * Fitting works on column orders sorted once per forest: every node keeps, for each column, its rows
 * in that column's order, and a split partitions those lists stably, so no node ever sorts. Nodes are
 * flat typed arrays, numbered in depth-first order (a parent before its children).
 */
import type { Rng } from '../rng';

export interface RegressionTree {
  readonly nodeCount: number;
  /** The column a node splits on; -1 at a leaf. */
  readonly feature: Int32Array;
  /** Rows with `x[feature] <= threshold` go left. */
  readonly threshold: Float64Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  /** The weighted mean of the node's targets: a leaf's prediction. */
  readonly value: Float64Array;
}

export interface TreeOptions {
  readonly maxDepth: number;
  readonly minSamplesSplit: number;
  readonly minSamplesLeaf: number;
}

export interface TrainingSet {
  readonly rows: number;
  readonly columns: number;
  /** Row-major `rows × columns`, float32 as scikit-learn stores tree inputs. */
  readonly x: Float32Array;
  readonly y: Float64Array;
  /** Column c's rows sorted by value (ties by row) at `c * rows …`: see `sortColumns`. */
  readonly sorted: Int32Array;
}

/** scikit-learn's FEATURE_THRESHOLD: values closer than this are not split apart. */
const FEATURE_THRESHOLD = 1e-7;

/** Each column's row order, computed once and shared by every tree of a forest. */
export function sortColumns(x: Float32Array, rows: number, columns: number): Int32Array {
  const sorted = new Int32Array(rows * columns);
  const order = Array.from({ length: rows }, (_, r) => r);
  for (let c = 0; c < columns; c++) {
    order.sort((a, b) => (x[a * columns + c] as number) - (x[b * columns + c] as number) || a - b);
    sorted.set(order, c * rows);
  }
  return sorted;
}

/**
 * Grows a tree on the rows with a positive weight (a bootstrap's counts; all ones for a plain fit).
 * `rng` only orders the columns tried at each node, which decides between equally good splits.
 */
export function fitRegressionTree(data: TrainingSet, weights: Float64Array, options: TreeOptions, rng: Rng): RegressionTree {
  return new TreeGrower(data, weights, options, rng).grow();
}

/** The tree's prediction for one row of raw feature values. */
export function predict(tree: RegressionTree, row: ArrayLike<number>): number {
  return tree.value[leafOf(tree, row)] as number;
}

/** The leaf a row of raw feature values falls in. */
export function leafOf(tree: RegressionTree, row: ArrayLike<number>): number {
  let node = 0;
  for (let f = tree.feature[0] as number; f >= 0; f = tree.feature[node] as number) {
    node = Math.fround(row[f] as number) <= (tree.threshold[node] as number) ? (tree.left[node] as number) : (tree.right[node] as number);
  }
  return node;
}

class TreeGrower {
  private readonly m: number;
  /** Per column, the in-bag rows in that column's order; a node owns positions [start, end) of each. */
  private readonly order: Int32Array;
  private readonly scratch: Int32Array;
  private readonly goesLeft: Uint8Array;
  private readonly columnOrder: Int32Array;
  private bestColumn = -1;
  private bestPosition = -1;
  private bestThreshold = 0;

  constructor(
    private readonly data: TrainingSet,
    private readonly weights: Float64Array,
    private readonly options: TreeOptions,
    private readonly rng: Rng,
  ) {
    const { rows, columns, sorted } = data;
    let m = 0;
    for (let r = 0; r < rows; r++) if ((weights[r] as number) > 0) m++;
    if (m === 0) throw new RangeError('a tree needs at least one row with a positive weight');
    this.m = m;
    this.order = new Int32Array(columns * m);
    for (let c = 0; c < columns; c++) {
      let k = c * m;
      for (let p = c * rows; p < (c + 1) * rows; p++) {
        const r = sorted[p] as number;
        if ((weights[r] as number) > 0) this.order[k++] = r;
      }
    }
    this.scratch = new Int32Array(m);
    this.goesLeft = new Uint8Array(rows);
    this.columnOrder = Int32Array.from({ length: columns }, (_, c) => c);
  }

  grow(): RegressionTree {
    const { m, order, weights } = this;
    const y = this.data.y;
    // At most 2m - 1 nodes: every split leaves at least one row on each side.
    const capacity = 2 * m;
    const feature = new Int32Array(capacity).fill(-1);
    const threshold = new Float64Array(capacity);
    const left = new Int32Array(capacity).fill(-1);
    const right = new Int32Array(capacity).fill(-1);
    const value = new Float64Array(capacity);
    // Pending nodes: [start, end, depth, parent id, 1 if it is its parent's left child].
    const stack = new Int32Array(5 * capacity);
    let top = 0;
    const push = (start: number, end: number, depth: number, parent: number, isLeft: number): void => {
      stack[top] = start;
      stack[top + 1] = end;
      stack[top + 2] = depth;
      stack[top + 3] = parent;
      stack[top + 4] = isLeft;
      top += 5;
    };
    push(0, m, 0, -1, 0);
    let nodeCount = 0;
    while (top > 0) {
      top -= 5;
      const start = stack[top] as number;
      const end = stack[top + 1] as number;
      const depth = stack[top + 2] as number;
      const parent = stack[top + 3] as number;
      const id = nodeCount++;
      if (parent >= 0) (stack[top + 4] ? left : right)[parent] = id;
      let weightSum = 0;
      let targetSum = 0;
      let lowest = Infinity;
      let highest = -Infinity;
      for (let p = start; p < end; p++) {
        const r = order[p] as number;
        const w = weights[r] as number;
        const t = y[r] as number;
        weightSum += w;
        targetSum += w * t;
        if (t < lowest) lowest = t;
        if (t > highest) highest = t;
      }
      const mean = lowest === highest ? lowest : targetSum / weightSum;
      value[id] = mean;
      let impurity = 0;
      if (lowest !== highest) {
        for (let p = start; p < end; p++) {
          const r = order[p] as number;
          impurity += (weights[r] as number) * ((y[r] as number) - mean) ** 2;
        }
        impurity /= weightSum;
      }
      const rowsHere = end - start;
      const { maxDepth, minSamplesSplit, minSamplesLeaf } = this.options;
      if (depth >= maxDepth || rowsHere < minSamplesSplit || rowsHere < 2 * minSamplesLeaf || impurity <= Number.EPSILON) continue;
      if (!this.findBestSplit(start, end, weightSum, targetSum)) continue;
      feature[id] = this.bestColumn;
      threshold[id] = this.bestThreshold;
      this.partition(start, end);
      // Right first, so the left subtree is numbered next, as scikit-learn numbers nodes.
      push(this.bestPosition, end, depth + 1, id, 0);
      push(start, this.bestPosition, depth + 1, id, 1);
    }
    return {
      nodeCount,
      feature: feature.slice(0, nodeCount),
      threshold: threshold.slice(0, nodeCount),
      left: left.slice(0, nodeCount),
      right: right.slice(0, nodeCount),
      value: value.slice(0, nodeCount),
    };
  }

  /** Finds the split with the least children's squared error; false when every column is constant here. */
  private findBestSplit(start: number, end: number, weightSum: number, targetSum: number): boolean {
    const { m, order, weights, columnOrder, rng } = this;
    const { x, y, columns } = this.data;
    const minLeaf = this.options.minSamplesLeaf;
    for (let i = columns - 1; i > 0; i--) {
      const j = rng.int(0, i);
      const swap = columnOrder[i] as number;
      columnOrder[i] = columnOrder[j] as number;
      columnOrder[j] = swap;
    }
    // Maximising sumL²/wL + sumR²/wR minimises the children's weighted squared error (scikit-learn's proxy).
    let best = -Infinity;
    this.bestColumn = -1;
    for (let k = 0; k < columns; k++) {
      const c = columnOrder[k] as number;
      const base = c * m;
      const firstValue = x[(order[base + start] as number) * columns + c] as number;
      const lastValue = x[(order[base + end - 1] as number) * columns + c] as number;
      if (lastValue <= firstValue + FEATURE_THRESHOLD) continue;
      let weightLeft = 0;
      let sumLeft = 0;
      let previous = firstValue;
      for (let p = start; p < end - 1; p++) {
        const r = order[base + p] as number;
        const w = weights[r] as number;
        weightLeft += w;
        sumLeft += w * (y[r] as number);
        const next = x[(order[base + p + 1] as number) * columns + c] as number;
        const current = previous;
        previous = next;
        if (next <= current + FEATURE_THRESHOLD) continue;
        const position = p + 1;
        if (position - start < minLeaf || end - position < minLeaf) continue;
        const weightRight = weightSum - weightLeft;
        const sumRight = targetSum - sumLeft;
        const proxy = (sumLeft * sumLeft) / weightLeft + (sumRight * sumRight) / weightRight;
        if (proxy > best) {
          best = proxy;
          this.bestColumn = c;
          this.bestPosition = position;
          // Halves first, as scikit-learn does, so huge values cannot overflow to infinity.
          let t = current / 2 + next / 2;
          if (t === next || !Number.isFinite(t)) t = current;
          this.bestThreshold = t;
        }
      }
    }
    return this.bestColumn >= 0;
  }

  /** Splits every column's list of the node's rows into left then right, keeping each side's order. */
  private partition(start: number, end: number): void {
    const { m, order, scratch, goesLeft, bestColumn, bestPosition } = this;
    const columns = this.data.columns;
    const splitBase = bestColumn * m;
    for (let p = start; p < end; p++) goesLeft[order[splitBase + p] as number] = p < bestPosition ? 1 : 0;
    for (let c = 0; c < columns; c++) {
      if (c === bestColumn) continue;
      const base = c * m;
      let l = base + start;
      let rightCount = 0;
      for (let p = base + start; p < base + end; p++) {
        const r = order[p] as number;
        if (goesLeft[r]) order[l++] = r;
        else scratch[rightCount++] = r;
      }
      order.set(scratch.subarray(0, rightCount), l);
    }
  }
}
