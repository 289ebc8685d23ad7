/**
 * Parameter importance by fANOVA over a random forest, as Optuna 3.1's `FanovaImportanceEvaluator`:
 * fit 64 trees to the trials, take in each tree the share of its variance that each param explains on
 * its own (a categorical's one-hot columns together), average those shares over the trees, and scale
 * the averages to sum to 1. Params with a single possible value are left out (they explain nothing).
 */
import { isSingle } from '../distributions';
import { encodeFeatures } from './featureEncoding';
import { FanovaTree } from './fanovaTree';
import type { ImportanceInput } from './importanceInput';
import { FANOVA_FOREST, fitRandomForest } from './randomForest';

export interface ImportanceOptions {
  /** Seeds the forest: the same trials and seed give the same importances. Default 0. */
  readonly seed?: number;
  readonly trees?: number;
  readonly maxDepth?: number;
}

/** The same shape as the leaderboard protocol's `ImportanceResult`. */
export interface ParamImportances {
  /** What was computed, e.g. `fANOVA (random forest, 64 trees)`. */
  readonly method: string;
  /** How many complete trials it was computed from. */
  readonly trials: number;
  /** Most important first; the importances sum to 1. */
  readonly importances: readonly { readonly param: string; readonly importance: number }[];
}

/** Why there is no result, in words to show the user as they are. */
export interface ImportanceUnavailable {
  readonly result: null;
  readonly reason: string;
}

/** Fits the leaderboard's `importance` message: `{ type: 'importance', ...outcome }`. */
export type ImportanceOutcome = { readonly result: ParamImportances; readonly reason?: undefined } | ImportanceUnavailable;

export function computeImportance(input: ImportanceInput, options: ImportanceOptions = {}): ImportanceOutcome {
  const { params, rows, values } = input;
  if (rows.length !== values.length) throw new RangeError(`${rows.length} rows but ${values.length} values`);
  const n = values.length;
  if (n < 2) return unavailable(`Parameter importance needs at least 2 complete trials with a finite value; the study has ${n}.`);
  if (params.length === 0) return unavailable('No parameter appears with the same range in every complete trial, so there is nothing to compare.');
  const assessed = params.map((p, index) => ({ ...p, index })).filter((p) => !isSingle(p.distribution));
  if (assessed.length === 0) return unavailable('Every parameter shared by the complete trials has a single possible value, so there is nothing to compare.');
  const first = values[0] as number;
  if (values.every((v) => v === first)) return unavailable(`All ${n} complete trials have the same value (${first}), so no parameter explains any difference.`);

  const features = encodeFeatures(
    assessed.map((p) => p.distribution),
    rows.map((row) => assessed.map((p) => row[p.index] as number)),
  );
  const forest = { ...FANOVA_FOREST, trees: options.trees ?? FANOVA_FOREST.trees, maxDepth: options.maxDepth ?? FANOVA_FOREST.maxDepth, seed: options.seed ?? 0 };
  const trees = fitRandomForest(features.x, Float64Array.from(values), n, features.columns, forest)
    .map((tree) => new FanovaTree(tree, features.bounds))
    // A tree whose bootstrap drew only equal values explains nothing and is skipped, as Optuna does.
    .filter((tree) => tree.variance > 0);
  if (trees.length === 0) return unavailable(`The random forest finds no variation in the ${n} complete trials, so no parameter explains any difference.`);

  const raw = features.groups.map((group) => trees.reduce((sum, tree) => sum + tree.marginalVariance(group) / tree.variance, 0) / trees.length);
  const total = raw.reduce((sum, v) => sum + v, 0);
  if (!(total > 0)) return unavailable('The random forest explains the objective only through interactions between parameters; no parameter matters on its own.');
  const importances = assessed
    .map((p, i) => ({ param: p.name, importance: (raw[i] as number) / total }))
    .sort((a, b) => b.importance - a.importance || (a.param < b.param ? -1 : a.param > b.param ? 1 : 0));
  const recent = input.eligibleTrials > n ? `; the most recent ${n} of ${input.eligibleTrials} complete trials` : '';
  return { result: { method: `fANOVA (random forest, ${forest.trees} trees${recent})`, trials: n, importances } };
}

function unavailable(reason: string): ImportanceUnavailable {
  return { result: null, reason };
}
