// What a model costs, reported with its other metrics each epoch so a study can trade accuracy against
// it: parameter_count (trainable), train_seconds (wall time so far), inference_ms (per validation sample).
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { PreparedData } from '../../../src/runner/data';
import { createTrainer, reportedMetrics } from '../../../src/runner/trainer';
import { exampleData, recordingHooks, subset } from './helpers';

let iris: PreparedData;
let digits: PreparedData;

before(async () => {
  [iris, digits] = await Promise.all([exampleData('iris', 'species', { kfold: 3 }), exampleData('digits', 'digit', 0.2)]);
});

describe('trainer: cost metrics', () => {
  it('are reported for every task', () => {
    for (const task of ['classification', 'regression'] as const) {
      assert.deepEqual(reportedMetrics(task).slice(-3), ['parameter_count', 'train_seconds', 'inference_ms']);
    }
  });

  it('each epoch: the trainable parameters, wall time growing epoch by epoch, a positive per-sample inference time', async () => {
    const trainer = await createTrainer({ model: 'mlp', backend: 'auto', data: iris });
    const hooks = recordingHooks();
    const result = await trainer.train({ params: { units: 16, layers: 1, epochs: 5 }, metric: 'val_accuracy', direction: 'maximize', seed: 1 }, hooks);
    const count = 4 * 16 + 16 + 16 * 3 + 3;
    assert.equal(result.parameterCount, count);
    assert.ok(hooks.reports.every((r) => r.metrics.parameter_count === count));
    const seconds = hooks.reports.map((r) => r.metrics.train_seconds ?? NaN);
    assert.ok(seconds.every((s, i) => s > 0 && (i === 0 || s > (seconds[i - 1] ?? Infinity))), `train_seconds ${seconds.join(', ')}`);
    const inference = hooks.reports.map((r) => r.metrics.inference_ms ?? NaN);
    // The fastest pass so far: never grows, and a 3-weight-matrix mlp takes well under a millisecond a sample.
    assert.ok(inference.every((ms, i) => ms > 0 && ms < 5 && (i === 0 || ms <= (inference[i - 1] ?? 0))), `inference_ms ${inference.join(', ')}`);
    assert.equal(result.metrics.train_seconds, hooks.reports[result.bestEpoch - 1]?.metrics.train_seconds, 'the result has the best epoch\'s metrics');
  });

  it('counts trainable parameters only: batch norm moving statistics are not', async () => {
    const data = subset(digits, 100, 40);
    const trainer = await createTrainer({ model: 'cnn', backend: 'auto', data, inputShape: [8, 8, 1] });
    const params = { conv_blocks: 1, filters: 4, kernel_size: 3, dense_units: 0, batch_norm: true, epochs: 1 };
    const result = await trainer.train({ params, metric: 'val_loss', direction: 'minimize', seed: 1 }, recordingHooks());
    // conv 3×3×1×4 without bias, batch norm gamma and beta (4 each), pooled 4×4×4 → 10 classes.
    assert.equal(result.parameterCount, 36 + 8 + 64 * 10 + 10);
    assert.equal(result.metrics.parameter_count, result.parameterCount);
  });

  it('are objectives like any other: per-fold values under k-fold, the best epoch by the metric', async () => {
    const trainer = await createTrainer({ model: 'mlp', backend: 'auto', data: iris });
    const size = await trainer.train({ params: { units: 8, layers: 1, epochs: 3 }, metric: 'parameter_count', direction: 'minimize', seed: 1 }, recordingHooks());
    assert.equal(size.value, 4 * 8 + 8 + 8 * 3 + 3);
    assert.deepEqual(size.foldValues, [size.value, size.value, size.value]);
    const hooks = recordingHooks();
    const latency = await trainer.train({ params: { units: 8, epochs: 4 }, metric: 'inference_ms', direction: 'minimize', seed: 1 }, hooks);
    assert.equal(latency.value, Math.min(...hooks.reports.map((r) => r.metrics.inference_ms ?? Infinity)));
    assert.equal(latency.foldValues.length, 3);
  });
});
