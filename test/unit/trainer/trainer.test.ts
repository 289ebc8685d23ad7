// The trainer on the example data: it learns, reports per epoch, stops when asked, repeats itself
// with the same seed and leaves no tensors behind.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { PreparedData } from '../../../src/runner/data';
import { createTrainer, loadBackend, type Tf } from '../../../src/runner/trainer';
import { exampleData, recordingHooks, subset, untimed } from './helpers';

let iris: PreparedData;
let digits: PreparedData;
let diabetes: PreparedData;
let tf: Tf;

before(async () => {
  [iris, digits, diabetes] = await Promise.all([
    exampleData('iris', 'species', { kfold: 5 }),
    exampleData('digits', 'digit', 0.2),
    exampleData('diabetes', 'progression', 0.2),
  ]);
  ({ tf } = await loadBackend('auto'));
});

const IRIS_PARAMS = { learning_rate: 0.01, units: 32, layers: 1, epochs: 30, batch_size: 16 };

describe('trainer: learning', () => {
  it('an mlp reaches > 90% validation accuracy on iris with 5-fold cross-validation, fold models in lockstep', async () => {
    const trainer = await createTrainer({ model: 'mlp', backend: 'auto', data: iris });
    assert.equal(trainer.backend, 'wasm');
    const hooks = recordingHooks();
    const result = await trainer.train({ params: IRIS_PARAMS, metric: 'val_accuracy', direction: 'maximize', seed: 3 }, hooks);
    assert.ok(result.value > 0.9, `val_accuracy ${result.value}`);
    assert.equal(result.foldValues.length, 5);
    const mean = result.foldValues.reduce((a, b) => a + b, 0) / 5;
    assert.ok(Math.abs(mean - result.value) < 1e-12, 'the value is the mean over folds at the best epoch');
    assert.deepEqual(hooks.reports.map((r) => r.epoch), Array.from({ length: 30 }, (_, i) => i + 1));
    assert.deepEqual(Object.keys(hooks.reports[0]?.metrics ?? {}).sort(), ['accuracy', 'inference_ms', 'loss', 'parameter_count', 'train_seconds', 'val_accuracy', 'val_loss']);
    assert.equal(hooks.reports[result.bestEpoch - 1]?.metrics.val_accuracy, result.value);
    assert.ok(hooks.reports.every((r) => (r.metrics.val_accuracy ?? 0) <= result.value), 'the best epoch is kept');
    assert.equal(result.parameterCount, 4 * 32 + 32 + 32 * 3 + 3);
    assert.equal(result.stopped, false);
  });

  it('a cnn on a subset of the digits shaped [8, 8, 1] learns well above chance', async () => {
    const trainer = await createTrainer({ model: 'cnn', backend: 'auto', data: subset(digits, 600, 200), inputShape: [8, 8, 1] });
    const params = { learning_rate: 0.003, conv_blocks: 2, filters: 8, dense_units: 32, epochs: 6, batch_size: 32 };
    const result = await trainer.train({ params, metric: 'val_accuracy', direction: 'maximize', seed: 1 }, recordingHooks());
    assert.ok(result.value > 0.8, `val_accuracy ${result.value} (chance is 0.1)`);
  });

  it('regression on diabetes reports mse and mae in the target units and beats predicting the mean', async () => {
    const trainer = await createTrainer({ model: 'mlp', backend: 'auto', data: diabetes });
    const hooks = recordingHooks();
    const params = { learning_rate: 0.003, units: 32, layers: 2, epochs: 40, l2: 1e-4 };
    const result = await trainer.train({ params, metric: 'val_mse', direction: 'minimize', seed: 1 }, hooks);
    const fold = diabetes.folds[0];
    assert.ok(fold);
    // The mean of the training targets as the only prediction, scored on the validation rows.
    const trainMean = fold.yTrain.reduce((a, b) => a + b, 0) / fold.trainCount;
    const baselineMse = fold.yVal.reduce((sum, y) => sum + (y - trainMean) ** 2, 0) / fold.valCount;
    const baselineMae = fold.yVal.reduce((sum, y) => sum + Math.abs(y - trainMean), 0) / fold.valCount;
    assert.ok(baselineMse > 3000, `the baseline is in the target's units (${baselineMse})`);
    assert.ok(result.value < 0.75 * baselineMse, `val_mse ${result.value} vs ${baselineMse} for the mean`);
    assert.ok((result.metrics.val_mae ?? Infinity) < baselineMae, `val_mae ${result.metrics.val_mae} vs ${baselineMae}`);
    assert.equal(result.metrics.val_loss, result.metrics.val_mse, 'the default loss is mse');
    assert.deepEqual(Object.keys(hooks.reports[0]?.metrics ?? {}).sort(), ['inference_ms', 'loss', 'mae', 'mse', 'parameter_count', 'train_seconds', 'val_loss', 'val_mae', 'val_mse']);
    const mae = await trainer.train({ params: { ...params, epochs: 2, loss: 'mae' }, metric: 'val_mae', direction: 'minimize', seed: 1 }, recordingHooks());
    assert.equal(mae.metrics.val_loss, mae.metrics.val_mae, 'loss: mae trains on and reports the absolute error');
  });

  it('early stopping ends training `patience` epochs after the best one', async () => {
    const trainer = await createTrainer({ model: 'mlp', backend: 'auto', data: subset(iris, 40, 30) });
    // So small a learning rate that validation accuracy stays where it starts.
    const result = await trainer.train({ params: { learning_rate: 1e-7, epochs: 50, patience: 2 }, metric: 'val_accuracy', direction: 'maximize', seed: 1 }, recordingHooks());
    assert.ok(result.epochsRun < 50, `ran ${result.epochsRun} epochs`);
    assert.equal(result.epochsRun, result.bestEpoch + 2);
  });

  it('refuses a metric the task does not report, and a cnn input_shape that does not fit the rows', async () => {
    const trainer = await createTrainer({ model: 'mlp', backend: 'auto', data: diabetes });
    await assert.rejects(trainer.train({ params: {}, metric: 'val_accuracy', direction: 'maximize', seed: 1 }, recordingHooks()), /'val_accuracy' is not reported for regression; choose one of loss, mse, mae/);
    await assert.rejects(createTrainer({ model: 'cnn', backend: 'auto', data: digits, inputShape: [8, 7, 1] }), /input_shape \[8, 7, 1\] holds 56 values, but each row has 64 features/);
  });
});

describe('trainer: control and hygiene', () => {
  it('stops after the epoch in which shouldStop turns true, keeping the best epoch so far', async () => {
    const trainer = await createTrainer({ model: 'mlp', backend: 'auto', data: iris });
    const hooks = recordingHooks((reports) => reports.length >= 2);
    const result = await trainer.train({ params: { ...IRIS_PARAMS, epochs: 100 }, metric: 'val_accuracy', direction: 'maximize', seed: 1 }, hooks);
    assert.equal(result.stopped, true);
    assert.equal(result.epochsRun, 2);
    assert.equal(hooks.reports.length, 2);
  });

  it('stops within the epoch a timer fires in: training lets the event loop run', async () => {
    const trainer = await createTrainer({ model: 'mlp', backend: 'auto', data: digits });
    let stop = false;
    let epochs = 0;
    let epochsWhenStopped = -1;
    setTimeout(() => {
      stop = true;
      epochsWhenStopped = epochs;
    }, 150);
    const result = await trainer.train(
      { params: { units: 256, layers: 2, batch_size: 8, epochs: 1000 }, metric: 'val_accuracy', direction: 'maximize', seed: 1 },
      { onEpoch: () => void epochs++, shouldStop: () => stop },
    );
    assert.equal(result.stopped, true);
    // The timer could only fire if training paused mid-epoch; once it had, at most the epoch under way finishes.
    assert.ok(epochsWhenStopped >= 0 && result.epochsRun <= epochsWhenStopped + 1, `timer fired after ${epochsWhenStopped} epochs, training ran ${result.epochsRun}`);
  });

  it('is reproducible: the same seed gives the same epochs, with dropout and shuffling', async () => {
    const trainer = await createTrainer({ model: 'mlp', backend: 'auto', data: iris });
    const request = { params: { ...IRIS_PARAMS, epochs: 8, dropout: 0.3 }, metric: 'val_loss', direction: 'minimize' as const, seed: 11 };
    const [first, second, other] = [recordingHooks(), recordingHooks(), recordingHooks()];
    const a = await trainer.train(request, first);
    const b = await trainer.train(request, second);
    const c = await trainer.train({ ...request, seed: 12 }, other);
    // Everything but the timings (train_seconds, inference_ms), which the clock decides.
    assert.deepEqual(untimed(b), untimed(a));
    assert.deepEqual(second.reports.map(untimed), first.reports.map(untimed));
    assert.notDeepEqual(other.reports.map(untimed), first.reports.map(untimed));
    assert.notEqual(c.value, a.value);
  });

  it('leaves no tensors behind after trials that finish, stop or fail', async () => {
    const trainer = await createTrainer({ model: 'cnn', backend: 'auto', data: subset(digits, 100, 50), inputShape: [8, 8, 1] });
    const request = { params: { epochs: 2, filters: 4, dropout: 0.2, batch_norm: true }, metric: 'val_loss', direction: 'minimize' as const, seed: 1 };
    await trainer.train(request, recordingHooks());
    const before = tf.memory().numTensors;
    await trainer.train(request, recordingHooks());
    await trainer.train(request, recordingHooks(() => true));
    await assert.rejects(trainer.train({ ...request, metric: 'val_mae' }, recordingHooks()));
    // A run that diverges fails, or keeps its last finite epoch; either way nothing may leak.
    await trainer.train({ ...request, params: { learning_rate: 10, optimizer: 'sgd', epochs: 3 } }, recordingHooks()).catch(() => undefined);
    assert.equal(tf.memory().numTensors, before);
  });

  it('runs one trial at a time', async () => {
    const trainer = await createTrainer({ model: 'mlp', backend: 'auto', data: subset(iris, 40, 30) });
    const request = { params: { epochs: 3 }, metric: 'val_loss', direction: 'minimize' as const, seed: 1 };
    const first = trainer.train(request, recordingHooks());
    await assert.rejects(trainer.train(request, recordingHooks()), /already running a trial/);
    await first;
  });
});
