/**
 * A random forest regressor as Optuna's fANOVA configures scikit-learn's `RandomForestRegressor`:
 * each tree is grown on a bootstrap sample (n rows drawn with replacement, used as integer weights)
 * and considers every column at every split (the regressor's default `max_features=1.0`), so trees
 * differ by their bootstrap and by which of equally good splits they meet first.
 */
import { Rng } from '../rng';
import { fitRegressionTree, sortColumns, type RegressionTree, type TreeOptions } from './regressionTree';

export interface ForestOptions extends TreeOptions {
  readonly trees: number;
  readonly seed: number;
}

/** Optuna's `FanovaImportanceEvaluator` defaults. */
export const FANOVA_FOREST: Omit<ForestOptions, 'seed'> = { trees: 64, maxDepth: 64, minSamplesSplit: 2, minSamplesLeaf: 1 };

/** Fits the forest to row-major float32 features `x` (`rows × columns`) and targets `y`. */
export function fitRandomForest(x: Float32Array, y: Float64Array, rows: number, columns: number, options: ForestOptions): RegressionTree[] {
  return fitBaggedTrees(x, y, rows, columns, options).map(({ tree }) => tree);
}

/** A tree of the forest with its bootstrap: how many times each row was drawn (0 = out of bag). */
export interface BaggedTree {
  readonly tree: RegressionTree;
  readonly weights: Float64Array;
}

/** The forest with each tree's bootstrap counts, for models that need the in-bag rows of a leaf (its variance). */
export function fitBaggedTrees(x: Float32Array, y: Float64Array, rows: number, columns: number, options: ForestOptions): BaggedTree[] {
  if (rows < 1) throw new RangeError('a forest needs at least one row');
  if (x.length !== rows * columns || y.length !== rows) throw new RangeError(`expected ${rows} rows of ${columns} columns and ${rows} targets`);
  const data = { rows, columns, x, y, sorted: sortColumns(x, rows, columns) };
  const rng = new Rng(options.seed);
  const trees: BaggedTree[] = [];
  for (let t = 0; t < options.trees; t++) {
    const treeRng = rng.fork();
    const weights = new Float64Array(rows);
    for (let draw = 0; draw < rows; draw++) {
      const row = treeRng.int(0, rows - 1);
      weights[row] = (weights[row] as number) + 1;
    }
    trees.push({ tree: fitRegressionTree(data, weights, options, treeRng), weights });
  }
  return trees;
}
