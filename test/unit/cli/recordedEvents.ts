/** A short run's events as `tuneboard run --json` would emit them: 6 trials, 2 at a time, one failure, one pruned. */
import type { BestSoFar, StudyEvent } from '../../../src/protocol/studyEvents';

export const RUN_START_MS = Date.parse('2026-03-01T12:00:00.000Z');
const at = (seconds: number): string => new Date(RUN_START_MS + seconds * 1000).toISOString();
const study = 'iris-mlp';

const params = (i: number): Record<string, string | number> => ({ learning_rate: [0.0031, 0.012, 0.00042, 0.0075, 0.05, 0.0009][i] ?? 0.001, units: 16 * (i + 1), activation: i % 2 ? 'tanh' : 'relu' });
const best3: BestSoFar = { number: 3, value: 0.9533, params: params(3) };
const best0: BestSoFar = { number: 0, value: 0.91, params: params(0) };

export const RECORDED_RUN: readonly StudyEvent[] = [
  { type: 'study-started', study, config: 'iris.tune.yaml', storage: '.tuneboard/iris-mlp.jsonl', direction: 'maximize', metric: 'val_accuracy', objectives: [{ metric: 'val_accuracy', direction: 'maximize' }], sampler: 'tpe', pruner: 'median', trials: 6, timeoutSeconds: null, parallel: 2, resumedTrials: 0, best: null, front: null, time: at(0) },
  { type: 'worker-ready', study, worker: 0, backend: 'wasm', time: at(1) },
  { type: 'trial-started', study, number: 0, params: params(0), time: at(1) },
  { type: 'trial-started', study, number: 1, params: params(1), time: at(1) },
  { type: 'trial-reported', study, number: 0, step: 0, value: 0.7, metrics: { val_accuracy: 0.7, loss: 0.81 }, time: at(2) },
  { type: 'trial-reported', study, number: 0, step: 1, value: 0.91, metrics: { val_accuracy: 0.91, loss: 0.33 }, time: at(3) },
  { type: 'trial-finished', study, number: 0, state: 'complete', value: 0.91, values: [0.91], params: params(0), reason: null, durationMs: 2000, best: best0, front: null, time: at(3) },
  { type: 'trial-finished', study, number: 1, state: 'fail', value: null, values: null, params: params(1), reason: 'CUDA out of memory, while allocating tensor of shape [512,512]', durationMs: 2500, best: best0, front: null, time: at(3.5) },
  { type: 'log', study, level: 'warning', message: 'worker 1 exited with code 137; replaced', time: at(3.6) },
  { type: 'trial-started', study, number: 2, params: params(2), time: at(3.6) },
  { type: 'trial-started', study, number: 3, params: params(3), time: at(3.7) },
  { type: 'trial-reported', study, number: 2, step: 0, value: 0.4, metrics: { val_accuracy: 0.4 }, time: at(4.5) },
  { type: 'trial-finished', study, number: 2, state: 'pruned', value: 0.4, values: [0.4], params: params(2), reason: 'pruned at step 0', durationMs: 900, best: best0, front: null, time: at(4.5) },
  { type: 'trial-reported', study, number: 3, step: 0, value: 0.95, metrics: { val_accuracy: 0.95 }, time: at(5) },
  { type: 'trial-finished', study, number: 3, state: 'complete', value: 0.9533, values: [0.9533], params: params(3), reason: null, durationMs: 2100, best: best3, front: null, time: at(5.8) },
  { type: 'trial-started', study, number: 4, params: params(4), time: at(5.8) },
  { type: 'trial-started', study, number: 5, params: params(5), time: at(5.9) },
  { type: 'trial-reported', study, number: 4, step: 3, value: 0.88, metrics: { val_accuracy: 0.88 }, time: at(7) },
  { type: 'trial-finished', study, number: 4, state: 'complete', value: 0.88, values: [0.88], params: params(4), reason: null, durationMs: 1900, best: best3, front: null, time: at(7.7) },
  { type: 'trial-finished', study, number: 5, state: 'complete', value: 0.9, values: [0.9], params: params(5), reason: null, durationMs: 2000, best: best3, front: null, time: at(7.9) },
  { type: 'study-finished', study, reason: 'trials', error: null, counts: { complete: 4, pruned: 1, fail: 1 }, best: best3, front: null, elapsedMs: 7900, time: at(7.9) },
];

/** The index of the first event of a type, to replay a run up to a moment. */
export function indexOf(type: StudyEvent['type'], number?: number): number {
  return RECORDED_RUN.findIndex((e) => e.type === type && (number === undefined || ('number' in e && e.number === number)));
}
