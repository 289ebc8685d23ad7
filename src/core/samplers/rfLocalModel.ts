/**
 * A non-constant mean for the rf sampler's forest: a local polynomial fitted with the forest's
 * weights, after local linear forests (Friedberg, Tibshirani, Athey & Wager 2020). A leaf's constant
 * cannot say where inside it the optimum lies; a regression on the numeric coordinates of the rows
 * that share the query's nodes can.
 *
 * At a query x each tree contributes the in-bag rows of the deepest node on x's path that holds at
 * least `minNodeWeight` in-bag rows (a leaf of one or two rows carries no slope), each weighted by its
 * bootstrap count over the node's total, the trees averaged: weights α_i(x) that sum to 1. The mean is
 * the intercept of the weighted least squares of y on (1, x_i − x, (x_i − x)²) over the numeric
 * coordinates active at x, with a ridge penalty on every term but the intercept, scaled by that
 * term's weighted variance so that it shrinks slopes by the same share whatever a node's width.
 * Centred at x, the ridge shrinks the slope and curvature at the query, not towards a bowl at the
 * coordinates' origin. With the squares, the model can place a minimum inside a leaf. Where no
 * numeric coordinate is active (a categorical space) the leaves' mean stands.
 *
 * The weighted moments of (1, x_i, x_i²) are summed once per node at fitting time and moved to the
 * query by a linear map, so a prediction adds ten nodes' moments and solves one small system,
 * whatever the number of trials. A row inactive on a coordinate (imputed −1) takes that node's mean
 * of the coordinate, so it adds no slope.
 */
import type { BaggedTree } from '../importance/randomForest';
import type { RegressionTree } from '../importance/regressionTree';
import { solveLower, solveUpperTransposed, tryCholesky } from './linalg';

export interface LocalModelOptions {
  /** Per column: true for a numeric param (in [0, 1] when active, below 0 when inactive). */
  readonly numeric: readonly boolean[];
  /** The least in-bag weight of a node whose rows fit the polynomial. */
  readonly minNodeWeight: number;
  /** The ridge penalty, as a share of each term's weighted variance. */
  readonly ridge: number;
  /** How far below the least target the polynomial is believed, as a share of the targets' spread. */
  readonly maxDive: number;
}

interface TreeMoments {
  readonly tree: RegressionTree;
  readonly weight: Float64Array;
  /** Per node with enough weight, p × p of Σ w φφᵀ (upper triangle) then p of Σ w φ y, φ = (1, x, x²); else null. */
  readonly moments: (Float64Array | null)[];
}

/** Keeps a term of (almost) no variance from making the system singular. */
const PENALTY_FLOOR = 1e-9;

export class LocalModel {
  private readonly p: number;
  /** Scratch space of one prediction: φ at the query, the terms it uses, the system and its solution. */
  private readonly phi: Float64Array;
  private readonly terms: Int32Array;
  private readonly a: Float64Array;
  private readonly b: Float64Array;
  private readonly factor: Float64Array;

  private constructor(
    private readonly trees: readonly TreeMoments[],
    private readonly columns: readonly number[],
    private readonly minNodeWeight: number,
    private readonly ridge: number,
    private readonly yLow: number,
    private readonly yHigh: number,
  ) {
    this.p = 1 + 2 * columns.length;
    this.phi = new Float64Array(this.p);
    this.terms = new Int32Array(this.p);
    this.a = new Float64Array(this.p * this.p);
    this.b = new Float64Array(this.p);
    this.factor = new Float64Array(this.p * this.p);
  }

  static fit(bagged: readonly BaggedTree[], x: Float32Array, y: Float64Array, rows: number, width: number, options: LocalModelOptions): LocalModel {
    const columns = options.numeric.flatMap((isNumeric, c) => (isNumeric ? [c] : []));
    const p = 1 + 2 * columns.length;
    const k = columns.length;
    const trees = bagged.map(({ tree, weights }): TreeMoments => {
      const weight = new Float64Array(tree.nodeCount);
      const activeWeight = new Float64Array(tree.nodeCount * k);
      const activeSum = new Float64Array(tree.nodeCount * k);
      const paths = new Map<number, number[]>();
      for (let r = 0; r < rows; r++) {
        const w = weights[r] as number;
        if (w === 0) continue;
        const path = pathOf(tree, x, r * width);
        paths.set(r, path);
        for (const node of path) {
          weight[node] = (weight[node] as number) + w;
          columns.forEach((c, j) => {
            const v = x[r * width + c] as number;
            if (v >= 0) {
              activeWeight[node * k + j] = (activeWeight[node * k + j] as number) + w;
              activeSum[node * k + j] = (activeSum[node * k + j] as number) + w * v;
            }
          });
        }
      }
      const moments: (Float64Array | null)[] = Array.from({ length: tree.nodeCount }, (_, node) => ((weight[node] as number) >= options.minNodeWeight ? new Float64Array(p * p + p) : null));
      const phi = new Float64Array(p);
      for (const [r, path] of paths) {
        const w = weights[r] as number;
        for (const node of path) {
          const m = moments[node];
          if (!m) continue;
          phi[0] = 1;
          columns.forEach((c, j) => {
            const v = x[r * width + c] as number;
            const aw = activeWeight[node * k + j] as number;
            const u = v >= 0 ? v : aw > 0 ? (activeSum[node * k + j] as number) / aw : 0.5;
            phi[1 + j] = u;
            phi[1 + k + j] = u * u;
          });
          accumulate(m, phi, p, w, y[r] as number);
        }
      }
      return { tree, weight, moments };
    });
    let yLow = Infinity;
    let yHigh = -Infinity;
    for (const v of y) {
      yLow = Math.min(yLow, v);
      yHigh = Math.max(yHigh, v);
    }
    // A polynomial may dive outside the data; it is believed at most `maxDive` spreads below the best cost.
    const spread = yHigh - yLow;
    return new LocalModel(trees, columns, options.minNodeWeight, options.ridge, yLow - options.maxDive * spread, yHigh);
  }

  /**
   * The local polynomial's value at a feature row (inactive numeric columns below 0); NaN, for the
   * leaves' mean, where no numeric column is active or the system is singular.
   */
  mean(row: ArrayLike<number>): number {
    const { p, phi, terms, a, b, factor } = this;
    // The terms of the coordinates active at the query.
    const k = this.columns.length;
    let s = 1;
    phi[0] = 1;
    // In ascending order, as the moments keep only their upper triangle.
    for (let j = 0; j < k; j++) {
      const v = row[this.columns[j] as number] as number;
      if (v < 0) continue;
      terms[s++] = 1 + j;
      phi[1 + j] = v;
      phi[1 + k + j] = v * v;
    }
    // Without an active numeric coordinate there is no slope to fit: the leaves' mean stands.
    if (s === 1) return NaN;
    for (let i = 1, linear = s; i < linear; i++) terms[s++] = (terms[i] as number) + k;
    a.fill(0, 0, s * s);
    b.fill(0, 0, s);
    let total = 0;
    for (const { tree, weight, moments } of this.trees) {
      let node = 0;
      let chosen = 0;
      for (;;) {
        if ((weight[node] as number) >= this.minNodeWeight) chosen = node;
        const f = tree.feature[node] as number;
        if (f < 0) break;
        node = Math.fround(row[f] as number) <= (tree.threshold[node] as number) ? (tree.left[node] as number) : (tree.right[node] as number);
      }
      const m = moments[chosen];
      if (!m) continue;
      const scale = 1 / (weight[chosen] as number);
      total += scale * (m[0] as number);
      // Upper triangle only: the system is symmetric.
      for (let i = 0; i < s; i++) {
        const row0 = (terms[i] as number) * p;
        b[i] = (b[i] as number) + scale * (m[p * p + (terms[i] as number)] as number);
        for (let j = i; j < s; j++) a[i * s + j] = (a[i * s + j] as number) + scale * (m[row0 + (terms[j] as number)] as number);
      }
    }
    if (total <= 0) return NaN;
    for (let i = 0; i < s; i++) {
      b[i] = (b[i] as number) / total;
      for (let j = i; j < s; j++) a[j * s + i] = a[i * s + j] = (a[i * s + j] as number) / total;
    }
    // Centred at the query (terms x_i − x and (x_i − x)²), so the ridge shrinks the slope and curvature
    // at x, not towards a bowl at the coordinates' origin, and the intercept is the prediction.
    const linear = (s - 1) / 2;
    for (let i = 1; i <= linear; i++) centre(a, b, s, i, i + linear, phi[terms[i] as number] as number);
    for (let i = 1; i < s; i++) {
      const variance = (a[i * s + i] as number) - (a[i] as number) ** 2;
      a[i * s + i] = (a[i * s + i] as number) + this.ridge * Math.max(0, variance) + PENALTY_FLOOR;
    }
    if (!tryCholesky(a, s, 0, factor)) return NaN;
    // Solved in place: this runs for every candidate the maximiser scores.
    solveUpperTransposed(factor, s, solveLower(factor, s, b, b), b);
    return Math.min(this.yHigh, Math.max(this.yLow, b[0] as number));
  }
}

/**
 * Moves the moments of term `l` (a coordinate) and `q` (its square) to the coordinate
 * less `v`: the rows, the right-hand side, then the columns of the symmetric system (a' = T a Tᵀ).
 */
function centre(a: Float64Array, b: Float64Array, s: number, l: number, q: number, v: number): void {
  // Rows l and q less multiples of row 0 (which the map keeps), then the same for the columns.
  for (let c = 0; c < s; c++) {
    const zero = a[c] as number;
    const line = a[l * s + c] as number;
    a[q * s + c] = (a[q * s + c] as number) - 2 * v * line + v * v * zero;
    a[l * s + c] = line - v * zero;
  }
  const line = b[l] as number;
  b[q] = (b[q] as number) - 2 * v * line + v * v * (b[0] as number);
  b[l] = line - v * (b[0] as number);
  for (let r = 0; r < s; r++) {
    const o = r * s;
    const zero = a[o] as number;
    const column = a[o + l] as number;
    a[o + q] = (a[o + q] as number) - 2 * v * column + v * v * zero;
    a[o + l] = column - v * zero;
  }
}

/** The nodes a row passes through, root to leaf. */
function pathOf(tree: RegressionTree, x: Float32Array, offset: number): number[] {
  const path = [0];
  let node = 0;
  for (let f = tree.feature[0] as number; f >= 0; f = tree.feature[node] as number) {
    node = (x[offset + f] as number) <= (tree.threshold[node] as number) ? (tree.left[node] as number) : (tree.right[node] as number);
    path.push(node);
  }
  return path;
}

function accumulate(m: Float64Array, phi: Float64Array, p: number, w: number, y: number): void {
  for (let i = 0; i < p; i++) {
    const wi = w * (phi[i] as number);
    for (let j = i; j < p; j++) m[i * p + j] = (m[i * p + j] as number) + wi * (phi[j] as number);
    m[p * p + i] = (m[p * p + i] as number) + wi * y;
  }
}
