/**
 * The rf sampler's surrogate: a random forest (importance/randomForest.ts, grown as scikit-learn
 * grows one) configured as SMAC3's HPO facade configures pyrfr's — 10 trees, bootstrap, every feature
 * at every split, min_samples_split 2, min_samples_leaf 1 — that predicts a mean and a variance.
 * Each leaf keeps the mean and variance of the in-bag targets that reached it; a prediction's
 * variance is the law of total variance over the trees (mean of the leaf variances plus variance of
 * the leaf means), as pyrfr's `predict_mean_var`. Given `local` options, the mean is instead the
 * forest-weighted local polynomial's (rfLocalModel.ts), which varies inside a leaf; the variance stays.
 */
import { fitBaggedTrees } from '../importance/randomForest';
import { leafOf, type RegressionTree } from '../importance/regressionTree';
import { LocalModel, type LocalModelOptions } from './rfLocalModel';

export interface RfForestOptions {
  readonly trees: number;
  readonly seed: number;
  /** When given, the mean is this forest-weighted local polynomial's (rfLocalModel.ts), not the leaves' constant. */
  readonly local?: LocalModelOptions;
}

/** SMAC3's HPO facade forest. */
export const SMAC_FOREST = { trees: 10, maxDepth: 64, minSamplesSplit: 2, minSamplesLeaf: 1 } as const;

/** Keeps a variance of 0 (a leaf of one value, trees that agree) from making the acquisition infinite. */
const VARIANCE_FLOOR = 1e-10;

interface LeafTree {
  readonly tree: RegressionTree;
  /** Per node (only leaves are read): the in-bag targets' weighted variance. */
  readonly leafVariance: Float64Array;
}

export interface Prediction {
  readonly mean: number;
  readonly variance: number;
}

export class RfForest {
  private constructor(
    private readonly trees: readonly LeafTree[],
    readonly columns: number,
    private readonly local: LocalModel | null,
  ) {}

  /** Fits row-major features `x` (`rows × columns`) to targets `y`. */
  static fit(x: Float32Array, y: Float64Array, rows: number, columns: number, options: RfForestOptions): RfForest {
    const bagged = fitBaggedTrees(x, y, rows, columns, { ...SMAC_FOREST, trees: options.trees, seed: options.seed });
    const trees = bagged.map(({ tree, weights }) => {
      const weightSum = new Float64Array(tree.nodeCount);
      const squareSum = new Float64Array(tree.nodeCount);
      for (let r = 0; r < rows; r++) {
        const w = weights[r] as number;
        if (w === 0) continue;
        const leaf = leafOf(tree, x.subarray(r * columns, (r + 1) * columns));
        const deviation = (y[r] as number) - (tree.value[leaf] as number);
        weightSum[leaf] = (weightSum[leaf] as number) + w;
        squareSum[leaf] = (squareSum[leaf] as number) + w * deviation * deviation;
      }
      const leafVariance = Float64Array.from(squareSum, (s, node) => ((weightSum[node] as number) > 0 ? s / (weightSum[node] as number) : 0));
      return { tree, leafVariance };
    });
    const local = options.local ? LocalModel.fit(bagged, x, y, rows, columns, options.local) : null;
    return new RfForest(trees, columns, local);
  }

  predict(row: ArrayLike<number>): Prediction {
    let meanSum = 0;
    let secondMomentSum = 0;
    for (const { tree, leafVariance } of this.trees) {
      const leaf = leafOf(tree, row);
      const mean = tree.value[leaf] as number;
      meanSum += mean;
      secondMomentSum += (leafVariance[leaf] as number) + mean * mean;
    }
    const n = this.trees.length;
    const mean = meanSum / n;
    const variance = Math.max(VARIANCE_FLOOR, secondMomentSum / n - mean * mean);
    const local = this.local?.mean(row) ?? NaN;
    return { mean: Number.isNaN(local) ? mean : local, variance };
  }
}
