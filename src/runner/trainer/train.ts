/**
 * One trial: every fold's model trained in lockstep, epoch by epoch, so each epoch's report is the
 * mean over folds and a pruner can judge a k-fold trial after any epoch. Early stopping keeps the best
 * epoch by the objective; `shouldStop` is polled between epochs and, through short pauses that let
 * IPC messages in, every few milliseconds within one.
 */
import { Rng } from '../../core';
import type { TrainHooks, TrainRequest, TrainResult } from './types';
import type { Tf } from './backend';
import { FoldSession, type FoldShape } from './foldSession';
import { improves, meanOverFolds, reportedMetrics, trainableParameterCount } from './metrics';
import type { ResolvedParams } from './params';
import type { ScaledFold } from './scaling';

/** Longest stretch of training without letting the event loop run (and asking shouldStop). */
const YIELD_EVERY_MS = 25;

export class TrainingError extends Error {
  override name = 'TrainingError';
}

interface BestEpoch {
  readonly epoch: number;
  readonly value: number;
  readonly metrics: Record<string, number>;
  readonly foldValues: number[];
}

export async function trainFolds(tf: Tf, folds: readonly ScaledFold[], shape: FoldShape, params: ResolvedParams, request: TrainRequest, hooks: TrainHooks): Promise<TrainResult> {
  const available = reportedMetrics(shape.task);
  if (!available.includes(request.metric)) {
    throw new TrainingError(`metric '${request.metric}' is not reported for ${shape.task}; choose one of ${available.join(', ')}`);
  }
  const seeds = new Rng(request.seed);
  const sessions: FoldSession[] = [];
  const pause = new EventLoopPause(hooks);
  let best: BestEpoch | null = null;
  let epochsRun = 0;
  let stopped = false;
  try {
    for (const fold of folds) sessions.push(new FoldSession(tf, fold, shape, params, seeds.nextUint32()));
    const parameterCount = trainableParameterCount(sessions[0]?.model.trainableWeights ?? []);
    const trainingStart = performance.now();
    const { epochs, patience } = params.training;
    let sinceBest = 0;
    training: for (let epoch = 1; epoch <= epochs; epoch++) {
      for (const session of sessions) {
        session.startEpoch();
        while (!session.epochDone) {
          session.step();
          if (await pause.ifDue()) {
            stopped = true;
            break training;
          }
        }
      }
      const fits = sessions.map((s) => s.finishEpoch());
      // The same model size and wall time for every fold, so an objective on them has per-fold values too.
      const cost = { parameter_count: parameterCount, train_seconds: (performance.now() - trainingStart) / 1000 };
      const perFold = fits.map((fit): Record<string, number> => ({ ...fit, ...cost }));
      const metrics = meanOverFolds(perFold);
      epochsRun = epoch;
      hooks.onEpoch({ epoch, metrics });
      if (!Number.isFinite(metrics.loss)) {
        if (best === null) throw new TrainingError(`training diverged in epoch ${epoch} (loss is ${metrics.loss}); try a smaller learning_rate`);
        break;
      }
      const value = metrics[request.metric] ?? NaN;
      if (improves(value, best?.value ?? null, request.direction)) {
        best = { epoch, value, metrics, foldValues: perFold.map((m) => m[request.metric] ?? NaN) };
        sinceBest = 0;
      } else if (patience > 0 && ++sinceBest >= patience) {
        break;
      }
      if (await pause.now()) {
        stopped = true;
        break;
      }
    }
    if (best === null) {
      if (!stopped) throw new TrainingError(`${request.metric} was never a finite number in ${epochsRun} epochs`);
      return { value: NaN, metrics: {}, foldValues: [], bestEpoch: 0, epochsRun, stopped, parameterCount };
    }
    return { value: best.value, metrics: best.metrics, foldValues: best.foldValues, bestEpoch: best.epoch, epochsRun, stopped, parameterCount };
  } finally {
    for (const session of sessions) session.dispose();
  }
}

/**
 * Training is synchronous on the cpu and wasm backends, so nothing else in the process (a `stop`
 * message from the study process, a timer) would run until the trial ended. A zero-length pause now
 * and then lets it; each pause asks `shouldStop`.
 */
class EventLoopPause {
  private last = performance.now();

  constructor(private readonly hooks: TrainHooks) {}

  /** Pauses when the last pause is long enough ago; true when training should stop. */
  async ifDue(): Promise<boolean> {
    return performance.now() - this.last >= YIELD_EVERY_MS ? this.now() : false;
  }

  async now(): Promise<boolean> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.last = performance.now();
    return this.hooks.shouldStop();
  }
}
