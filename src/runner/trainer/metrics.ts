/**
 * The metrics a trial reports. During an epoch each batch leaves per-sample sums on the device
 * (summed loss, correct predictions, squared and absolute errors); at its end they are read once and
 * turned into means, in the target's own units for regression. `loss` is the data loss alone, without
 * the l2 penalty, so trials with different l2 compare on the same scale. Every task also reports what
 * the model costs (COST_METRICS), so accuracy can be traded against size, training time or latency.
 */
import type { Task } from '../data/types';
import type { RegressionLoss } from './params';

/** Per-sample sums, in this order, for each task. */
export const SUM_NAMES: Readonly<Record<Task, readonly string[]>> = {
  classification: ['crossEntropy', 'correct'],
  regression: ['squaredError', 'absoluteError'],
};

/**
 * parameter_count: trainable parameters. train_seconds: wall time from the first epoch's start to the
 * end of this epoch (every fold, validation included). inference_ms: a forward pass on the validation
 * set per sample (in chunks of up to 4096), the fastest epoch so far, since a busy core only
 * ever slows a pass down.
 */
export const COST_METRICS = ['parameter_count', 'train_seconds', 'inference_ms'] as const;

export function reportedMetrics(task: Task): string[] {
  const names = task === 'classification' ? ['loss', 'accuracy'] : ['loss', 'mse', 'mae'];
  return [...names, ...names.map((name) => `val_${name}`), ...COST_METRICS];
}

/** Trainable weights only: a batch norm layer's moving statistics are state, not parameters. */
export function trainableParameterCount(weights: readonly { readonly shape: readonly (number | null)[] }[]): number {
  // A weight's shape is always known once the model is built; null only appears in input shapes.
  return weights.reduce((count, weight) => count + weight.shape.reduce<number>((size, side) => size * (side ?? 1), 1), 0);
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
