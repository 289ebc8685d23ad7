/**
 * The metrics a trial reports. During an epoch each batch leaves per-sample sums on the device
 * (summed loss, correct predictions, squared and absolute errors); at its end they are read once and
 * turned into means, in the target's own units for regression. `loss` is the data loss alone, without
 * the l2 penalty, so trials with different l2 compare on the same scale.
 */
import type { Task } from '../data/types';
import type { RegressionLoss } from './params';

/** Per-sample sums, in this order, for each task. */
export const SUM_NAMES: Readonly<Record<Task, readonly string[]>> = {
  classification: ['crossEntropy', 'correct'],
  regression: ['squaredError', 'absoluteError'],
};

export function reportedMetrics(task: Task): string[] {
  const names = task === 'classification' ? ['loss', 'accuracy'] : ['loss', 'mse', 'mae'];
  return [...names, ...names.map((name) => `val_${name}`)];
}

export interface Units {
  readonly task: Task;
  readonly loss: RegressionLoss;
  /** Regression: the standard deviation the target was divided by. */
  readonly targetScale: number;
}

/** Sums over `count` samples (in SUM_NAMES order) → means, named with `prefix` ('' or 'val_'). */
export function metricsFromSums(sums: ArrayLike<number>, count: number, units: Units, prefix: string): Record<string, number> {
  const mean = (i: number): number => (count > 0 ? (sums[i] as number) / count : NaN);
  if (units.task === 'classification') return { [`${prefix}loss`]: mean(0), [`${prefix}accuracy`]: mean(1) };
  // Standardising divided every error by the scale: squared errors by its square.
  const mse = mean(0) * units.targetScale ** 2;
  const mae = mean(1) * units.targetScale;
  return { [`${prefix}loss`]: units.loss === 'mse' ? mse : mae, [`${prefix}mse`]: mse, [`${prefix}mae`]: mae };
}

export function meanOverFolds(perFold: readonly Readonly<Record<string, number>>[]): Record<string, number> {
  const names = Object.keys(perFold[0] ?? {});
  return Object.fromEntries(names.map((name) => [name, perFold.reduce((sum, m) => sum + (m[name] ?? NaN), 0) / perFold.length]));
}

/** Whether `candidate` beats `incumbent`; a value that is not finite never does. */
export function improves(candidate: number, incumbent: number | null, direction: 'minimize' | 'maximize'): boolean {
  if (!Number.isFinite(candidate)) return false;
  if (incumbent === null || !Number.isFinite(incumbent)) return true;
  return direction === 'minimize' ? candidate < incumbent : candidate > incumbent;
}
