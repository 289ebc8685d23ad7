/**
 * A trial worker (`tuneboard worker`, forked by the study process): loads the TensorFlow.js backend
 * and prepares the data once, then trains one trial per `run` message, reporting each epoch. It ends
 * when the study process says `shutdown` or goes away.
 */
import { isToWorker, type FromWorker, type ToWorker, type WorkerSetup } from '../../protocol/worker';
import { DataError, loadData } from '../data';
import { BackendError, createTrainer } from '../trainer';
import type { Trainer } from '../trainer/types';

export async function runWorker(): Promise<void> {
  if (!process.send) throw new Error('tuneboard worker is started by tuneboard run, not by hand');
  let trainer: Trainer | null = null;
  let running: { trial: number; stop: boolean } | null = null;
  const send = (message: FromWorker): void => {
    process.send?.(message);
  };

  const setUp = async (setup: WorkerSetup): Promise<void> => {
    try {
      const data = await loadData(setup.data, setup.seed);
      trainer = await createTrainer({ model: setup.model, backend: setup.backend, data, inputShape: setup.inputShape });
      send({ type: 'ready', backend: trainer.backend, samples: data.sampleCount, features: data.featureCount, task: `${data.task}${data.classes.length ? ` (${data.classes.length} classes)` : ''}`, warnings: data.warnings ?? [] });
    } catch (error) {
      const field = error instanceof DataError ? 'data' : error instanceof BackendError ? 'backend' : null;
      send({ type: 'setup-failed', error: (error as Error).message, field });
    }
  };

  const run = async (message: Extract<ToWorker, { type: 'run' }>): Promise<void> => {
    if (!trainer) {
      send({ type: 'failed', trial: message.trial, error: 'the worker has not been set up' });
      return;
    }
    const state = { trial: message.trial, stop: false };
    running = state;
    try {
      const result = await trainer.train(
        { params: message.params, metric: message.metric, direction: message.direction, seed: message.seed },
        {
          onEpoch: (report) => send({ type: 'report', trial: message.trial, step: report.epoch, metrics: report.metrics }),
          shouldStop: () => state.stop,
        },
      );
      if (result.stopped) send({ type: 'stopped', trial: message.trial });
      else {
        send({
          type: 'done',
          trial: message.trial,
          value: result.value,
          metrics: result.metrics,
          foldValues: result.foldValues,
          bestEpoch: result.bestEpoch,
          epochsRun: result.epochsRun,
          parameterCount: result.parameterCount,
        });
      }
    } catch (error) {
      send({ type: 'failed', trial: message.trial, error: (error as Error).message });
    } finally {
      running = null;
    }
  };

  process.on('message', (message: unknown) => {
    if (!isToWorker(message)) return;
    switch (message.type) {
      case 'setup':
        void setUp(message.setup);
        return;
      case 'run':
        void run(message);
        return;
      case 'stop':
        if (running?.trial === message.trial) running.stop = true;
        return;
      case 'shutdown':
        trainer?.dispose();
        process.exit(0);
        return;
      default:
        throw new TypeError(`unknown message ${JSON.stringify(message satisfies never)}`);
    }
  });
  // The study process is gone (killed): nothing left to train for.
  process.on('disconnect', () => process.exit(0));
}
