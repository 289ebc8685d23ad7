/** Example data sets prepared as a worker prepares them, and small helpers for trainer tests. */
import { join } from 'node:path';
import { prepareData, readTable, type PreparedData, type PreparedFold } from '../../../src/runner/data';
import type { TrainHooks } from '../../../src/runner/trainer/types';
import type { EpochReport } from '../../../src/runner/trainer/types';

const EXAMPLES = join(__dirname, '..', '..', '..', 'examples');

export async function exampleData(name: 'iris' | 'digits' | 'diabetes', target: string, validation: number | { kfold: number }, seed = 1): Promise<PreparedData> {
  const table = await readTable(join(EXAMPLES, name, 'data', `${name}.csv`));
  return prepareData(table, { target, validation, seed });
}

/** The first `trainCount` training and `valCount` validation rows of each fold: a quicker data set. */
export function subset(data: PreparedData, trainCount: number, valCount: number): PreparedData {
  const width = data.featureCount;
  const folds = data.folds.map((fold): PreparedFold => {
    const train = Math.min(trainCount, fold.trainCount);
    const val = Math.min(valCount, fold.valCount);
    return {
      xTrain: fold.xTrain.slice(0, train * width),
      yTrain: fold.yTrain.slice(0, train),
      xVal: fold.xVal.slice(0, val * width),
      yVal: fold.yVal.slice(0, val),
      trainCount: train,
      valCount: val,
    };
  });
  return { ...data, folds, sampleCount: (folds[0]?.trainCount ?? 0) + (folds[0]?.valCount ?? 0) };
}

/** A report or result without the metrics measured by the clock, to compare two runs of the same seed. */
export function untimed<T extends { readonly metrics: Readonly<Record<string, number>> }>(report: T): T {
  const { train_seconds: _seconds, inference_ms: _ms, ...metrics } = report.metrics;
  return { ...report, metrics };
}

/** Hooks that record every epoch report and stop when `stopWhen` says so. */
export function recordingHooks(stopWhen: (reports: readonly EpochReport[]) => boolean = () => false): TrainHooks & { reports: EpochReport[] } {
  const reports: EpochReport[] = [];
  return {
    reports,
    onEpoch: (report) => reports.push(report),
    shouldStop: () => stopWhen(reports),
  };
}
