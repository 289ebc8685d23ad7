/** Picks the executor for a config's trial kind: the worker pool for `model:`, child processes for `command:`. */
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { type Backend, describeStorageLocation, isStorageUrl, parseStorageLocation, primaryObjective, type StudyConfig } from '../core';
import { CommandExecutor } from './command/commandExecutor';
import { resolveDataPaths } from './data/loadData';
import type { ExecutorNotice, TrialExecutor } from './executor';
import { WorkerPool } from './pool/workerPool';
import type { WorkerCommand } from './pool/workerProcess';

export interface ExecutorOptions {
  readonly configDir: string;
  /** Absolute journal path (trial logs go beside it), or a storage URL (they go to `.tuneboard/logs/` beside the config). */
  readonly storagePath: string;
  readonly parallel: number;
  /** How to start a model-trial worker (the `tuneboard worker` command). */
  readonly workerCommand: WorkerCommand;
  /** `--backend`, overriding `trial.backend`. */
  readonly backend?: Backend;
  /** `--gpus` / `search.gpus`: GPU ids, one trial on each at a time. */
  readonly gpus?: readonly string[];
  readonly onNotice: (notice: ExecutorNotice) => void;
}

export function createExecutor(config: StudyConfig, options: ExecutorOptions): TrialExecutor {
  const logDir = trialLogDir(options.storagePath, config.name, options.configDir);
  const trial = config.trial;
  switch (trial.kind) {
    case 'command':
      return new CommandExecutor({ trial, configDir: options.configDir, metric: primaryObjective(config).metric, logDir, study: config.name, ...(options.gpus ? { gpus: options.gpus } : {}) });
    case 'model':
      return new WorkerPool({
        size: options.parallel,
        command: options.workerCommand,
        setup: {
          model: trial.model,
          backend: options.backend ?? trial.backend,
          data: resolveDataPaths(trial.data, (written) => path.resolve(options.configDir, written)),
          ...(trial.inputShape ? { inputShape: trial.inputShape } : {}),
          seed: splitSeed(config),
        },
        metric: primaryObjective(config).metric,
        direction: primaryObjective(config).direction,
        logDir,
        onNotice: options.onNotice,
        ...(options.gpus ? { gpus: options.gpus } : {}),
      });
    default:
      throw new TypeError(`unknown trial kind ${JSON.stringify(trial satisfies never)}`);
  }
}

/**
 * `logs/<journal>/<study>/` beside the journal (`.tuneboard/logs/mnist/mnist/`): one log file per
 * trial. Keyed by the journal's name as well as the study's, so two journals in one folder holding
 * studies of the same name never write over each other's logs.
 */
export function trialLogDir(storagePath: string, study: string, configDir = '.'): string {
  // A journal on a server: this host's logs stay on this host, beside the config, one folder per server and prefix.
  if (isStorageUrl(storagePath)) return path.join(configDir, '.tuneboard', 'logs', hashed(describeStorageLocation(parseStorageLocation(storagePath))), folderName(study));
  const journal = path.basename(storagePath);
  const stem = journal.replace(/\.jsonl$/i, '');
  // `a.jsonl` keeps the folder `a`; any other name is told apart from it by a hash (`a` → `a-3f2c9e1d`).
  const journalKey = stem !== journal || stem === '' ? folderName(stem) : hashed(journal);
  return path.join(path.dirname(storagePath), 'logs', journalKey, folderName(study));
}

/** A plain name as it is; any other (spaces, slashes, `..`) cleaned, with a hash of the original so two names never meet. */
function folderName(name: string): string {
  return /^\w[\w.-]{0,63}$/.test(name) ? name : hashed(name);
}

function hashed(name: string): string {
  const cleaned = name.replace(/[^\w.-]+/g, '_').replace(/^[.-]+/, '').slice(0, 40);
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  return cleaned ? `${cleaned}-${hash}` : hash;
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
