/** Picks the executor for a config's trial kind: the worker pool for `model:`, child processes for `command:`. */
import * as path from 'node:path';
import type { StudyConfig } from '../core/config';
import type { Backend } from '../core/config/types';
import { CommandExecutor } from './command/commandExecutor';
import type { ExecutorNotice, TrialExecutor } from './executor';
import { WorkerPool } from './pool/workerPool';
import type { WorkerCommand } from './pool/workerProcess';

export interface ExecutorOptions {
  readonly configDir: string;
  /** Absolute journal path; trial logs go beside it. */
  readonly storagePath: string;
  readonly parallel: number;
  /** How to start a model-trial worker (the `tuneboard worker` command). */
  readonly workerCommand: WorkerCommand;
  /** `--backend`, overriding `trial.backend`. */
  readonly backend?: Backend;
  readonly onNotice: (notice: ExecutorNotice) => void;
}

export function createExecutor(config: StudyConfig, options: ExecutorOptions): TrialExecutor {
  const logDir = trialLogDir(options.storagePath, config.name);
  const trial = config.trial;
  switch (trial.kind) {
    case 'command':
      return new CommandExecutor({ trial, configDir: options.configDir, metric: config.objective.metric, logDir, study: config.name });
    case 'model':
      return new WorkerPool({
        size: options.parallel,
        command: options.workerCommand,
        setup: {
          model: trial.model,
          backend: options.backend ?? trial.backend,
          data: { ...trial.data, path: path.resolve(options.configDir, trial.data.path) },
          ...(trial.inputShape ? { inputShape: trial.inputShape } : {}),
          seed: splitSeed(config),
        },
        metric: config.objective.metric,
        direction: config.objective.direction,
        logDir,
        onNotice: options.onNotice,
      });
    default:
      throw new TypeError(`unknown trial kind ${JSON.stringify(trial satisfies never)}`);
  }
}

/** `.tuneboard/logs/<study>/` beside the journal: one log file per trial. */
export function trialLogDir(storagePath: string, study: string): string {
  return path.join(path.dirname(storagePath), 'logs', study.replace(/[^\w.-]+/g, '_'));
}

/**
 * The data split must be the same in every worker and every resumed run, or trials would be scored
 * on different validation rows: the config's seed, else one derived from the study name.
 */
function splitSeed(config: StudyConfig): number {
  if (config.seed !== undefined) return config.seed;
  let hash = 2166136261;
  for (const char of config.name) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619);
  return hash >>> 0;
}
