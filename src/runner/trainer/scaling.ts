/**
 * The regression target, standardised on a fold's training rows, so one learning-rate range suits
 * every data set whatever the target's units; the trainer converts its metrics back to those units.
 * Features need nothing here: prepareData already standardises them per fold (encodeFeatures.ts).
 */
import type { PreparedFold, Task } from '../data/types';

export interface ScaledFold {
  readonly xTrain: Float32Array;
  readonly xVal: Float32Array;
  /** Classification: the class indices as given; regression: the standardised target. */
  readonly yTrain: Float32Array;
  readonly yVal: Float32Array;
  readonly trainCount: number;
  readonly valCount: number;
  /** Regression: target = standardised × targetScale + targetMean. Classification: 1 and 0. */
  readonly targetMean: number;
  readonly targetScale: number;
}

export function scaleFold(fold: PreparedFold, task: Task): ScaledFold {
  const { mean, scale } = task === 'regression' ? meanAndScale(fold.yTrain) : { mean: 0, scale: 1 };
  const standardise = (y: Float32Array): Float32Array => (task === 'regression' ? y.map((v) => (v - mean) / scale) : y);
  return {
    xTrain: fold.xTrain,
    xVal: fold.xVal,
    yTrain: standardise(fold.yTrain),
    yVal: standardise(fold.yVal),
    trainCount: fold.trainCount,
    valCount: fold.valCount,
    targetMean: mean,
    targetScale: scale,
  };
}

function meanAndScale(values: Float32Array): { mean: number; scale: number } {
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / Math.max(1, values.length);
  let squares = 0;
  for (const v of values) squares += (v - mean) ** 2;
  const deviation = Math.sqrt(squares / Math.max(1, values.length));
  // A constant target keeps its scale rather than dividing by zero.
  return { mean, scale: deviation > 1e-12 ? deviation : 1 };
}
