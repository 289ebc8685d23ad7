/**
 * Optuna 3.1's `_FanovaTree` (optuna/importance/_fanova/_tree.py) transcribed step by step, slow and
 * plain, as the reference FanovaTree is checked against: the marginal is evaluated at the midpoint of
 * every cell of the product grid of the group's split thresholds by walking the tree, and weighted by
 * the cell's size.
 */
import type { RegressionTree } from '../../../src/core/importance/regressionTree';

type Box = number[][];

export function optunaTreeVariance(tree: RegressionTree, bounds: Box): number {
  const { values, weights } = leafStatistics(tree, bounds);
  return weightedVariance(values, weights);
}

export function optunaMarginalVariance(tree: RegressionTree, bounds: Box, features: readonly number[]): number {
  const statistics = nodeStatistics(tree, bounds);
  const subtreeFeatures = subtreeActiveFeatures(tree, bounds.length);
  const midpoints: number[][] = [];
  const sizes: number[][] = [];
  for (const f of features) {
    const thresholds = [...new Set([...tree.feature].flatMap((feature, node) => (feature === f ? [tree.threshold[node] as number] : [])))].sort((a, b) => a - b);
    const edges = [bounds[f]![0]!, ...thresholds, bounds[f]![1]!];
    midpoints.push(edges.slice(1).map((e, i) => 0.5 * (e + edges[i]!)));
    sizes.push(edges.slice(1).map((e, i) => e - edges[i]!));
  }
  const values: number[] = [];
  const weights: number[] = [];
  for (const cell of product(midpoints.map((m) => m.map((_, i) => i)))) {
    const sample: (number | null)[] = bounds.map(() => null);
    let size = 1;
    cell.forEach((index, k) => {
      sample[features[k]!] = midpoints[k]![index]!;
      size *= sizes[k]![index]!;
    });
    const { value, weight } = marginalizedStatistics(tree, bounds, statistics, subtreeFeatures, sample);
    values.push(value);
    weights.push(weight * size);
  }
  return weightedVariance(values, weights);
}

function marginalizedStatistics(tree: RegressionTree, bounds: Box, statistics: number[][], subtreeFeatures: boolean[][], sample: (number | null)[]): { value: number; weight: number } {
  const active = sample.map((v) => v !== null);
  const start = bounds.map((b, f) => (active[f] ? [...b] : [0, 1]));
  const stack: [number, Box][] = [[0, start]];
  const collected: number[] = [];
  const cardinalities: number[] = [];
  while (stack.length) {
    const [node, space] = stack.pop()!;
    const feature = tree.feature[node]!;
    if (feature >= 0) {
      const response = sample[feature];
      if (response !== null && response !== undefined) {
        const goLeft = response <= tree.threshold[node]!;
        stack.push([goLeft ? tree.left[node]! : tree.right[node]!, narrow(space, feature, goLeft ? 1 : 0, tree.threshold[node]!)]);
        continue;
      }
      if (active.some((a, f) => a && subtreeFeatures[node]![f])) {
        stack.push([tree.left[node]!, space], [tree.right[node]!, space]);
        continue;
      }
    }
    collected.push(node);
    cardinalities.push(cardinality(space));
  }
  const values = collected.map((n) => statistics[n]![0]!);
  const weights = collected.map((n, i) => statistics[n]![1]! / cardinalities[i]!);
  const weight = weights.reduce((s, w) => s + w, 0);
  return { value: values.reduce((s, v, i) => s + v * weights[i]!, 0) / weight, weight };
}

/** [value, weight] per node: leaves carry their value and box volume, inner nodes the children's weighted mean and total. */
function nodeStatistics(tree: RegressionTree, bounds: Box): number[][] {
  const statistics: number[][] = [];
  const visit = (node: number, space: Box): void => {
    const f = tree.feature[node]!;
    if (f < 0) {
      statistics[node] = [tree.value[node]!, cardinality(space)];
      return;
    }
    const t = tree.threshold[node]!;
    visit(tree.left[node]!, narrow(space, f, 1, t));
    visit(tree.right[node]!, narrow(space, f, 0, t));
    const [lv, lw] = statistics[tree.left[node]!]!;
    const [rv, rw] = statistics[tree.right[node]!]!;
    statistics[node] = [(lv! * lw! + rv! * rw!) / (lw! + rw!), lw! + rw!];
  };
  visit(0, bounds);
  return statistics;
}

function leafStatistics(tree: RegressionTree, bounds: Box): { values: number[]; weights: number[] } {
  const statistics = nodeStatistics(tree, bounds);
  const leaves = [...tree.feature.keys()].filter((node) => tree.feature[node]! < 0);
  return { values: leaves.map((n) => statistics[n]![0]!), weights: leaves.map((n) => statistics[n]![1]!) };
}

function subtreeActiveFeatures(tree: RegressionTree, features: number): boolean[][] {
  const active: boolean[][] = [];
  for (let node = tree.nodeCount - 1; node >= 0; node--) {
    const f = tree.feature[node]!;
    active[node] = Array.from({ length: features }, () => false);
    if (f >= 0) {
      active[node]![f] = true;
      for (const child of [tree.left[node]!, tree.right[node]!]) active[child]!.forEach((a, i) => a && (active[node]![i] = true));
    }
  }
  return active;
}

function narrow(space: Box, feature: number, side: 0 | 1, threshold: number): Box {
  return space.map((b, f) => (f === feature ? (side === 1 ? [b[0]!, threshold] : [threshold, b[1]!]) : b));
}

function cardinality(space: Box): number {
  return space.reduce((p, [lo, hi]) => p * (hi! - lo!), 1);
}

function weightedVariance(values: readonly number[], weights: readonly number[]): number {
  const total = weights.reduce((s, w) => s + w, 0);
  const mean = values.reduce((s, v, i) => s + v * weights[i]!, 0) / total;
  return values.reduce((s, v, i) => s + weights[i]! * (v - mean) ** 2, 0) / total;
}

function* product(ranges: readonly (readonly number[])[]): Generator<number[]> {
  if (ranges.length === 0) {
    yield [];
    return;
  }
  const [first, ...rest] = ranges;
  for (const i of first!) for (const tail of product(rest)) yield [i, ...tail];
}
