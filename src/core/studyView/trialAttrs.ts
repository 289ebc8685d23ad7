/**
 * Every trial and study attribute Tuneboard reads or writes, by name, with a typed accessor for each:
 * the runner writes them, the CLI, the Studies tree and the leaderboard read them, and Python Optuna
 * reads the ones it knows. No other file spells an attribute's name.
 */
import type { FrozenTrial, JsonValue } from '../trial';

/** What the accessors need of a trial (a FrozenTrial, or anything shaped like one). */
export type AttrTrial = Pick<FrozenTrial, 'state' | 'userAttrs' | 'systemAttrs'>;

// --- Optuna's own names -------------------------------------------------------------------------
/** System attr: why a trial failed (Optuna's `fail_reason`). */
export const FAIL_REASON_ATTR = 'fail_reason';
/** System attr of an enqueued (WAITING) trial: the params it must run with (Optuna's `enqueue_trial`). */
export const FIXED_PARAMS_ATTR = 'fixed_params';
/**
 * System attr: a trial's constraint values (Optuna's `constraints_func`, as its samplers record them);
 * the trial is feasible when every value is ≤ 0.
 */
export const CONSTRAINTS_ATTR = 'constraints';
/** Study system attr: the objective names (Optuna 3.4+'s `study.set_metric_names`). */
export const METRIC_NAMES_ATTR = 'study:metric_names';

// --- Tuneboard's -------------------------------------------------------------------------------
/** User attr: the final metrics of a complete trial, `{ name: value }`. */
export const METRICS_ATTR = 'metrics';
/** User attr: the value of each fold of a k-fold trial. */
export const FOLD_VALUES_ATTR = 'fold_values';
/** User attr: the epoch the built-in trainer kept (early stopping keeps the best one); its `metrics` are that epoch's. */
export const BEST_EPOCH_ATTR = 'best_epoch';
/** User attr: how many epochs the built-in trainer ran (early stopping may end it before `epochs`). */
export const EPOCHS_RUN_ATTR = 'epochs_run';
/** User attr: the TensorFlow.js backend that trained the trial. */
export const BACKEND_ATTR = 'backend';
/** System attr: every metric reported per step, `{ name: [[step, value], …] }` (the intermediate values hold only the objective). */
export const HISTORY_ATTR = 'tuneboard:history';
/**
 * System attrs `tuneboard:pareto_rung_{k}`: every objective's value, `[v1, v2, …]`, of a trial the
 * pareto_asha pruner judged at rung k (ASHA's `completed_rung_{k}` for several objectives); trials
 * reaching the rung later compete with it. Read them with `paretoRungValues`.
 */
export function paretoRungAttr(rung: number): string {
  return `tuneboard:pareto_rung_${rung}`;
}
/** System attr: the absolute path of the trial's log file. */
export const LOG_ATTR = 'tuneboard:log';
/** System attr: the process that runs the trial, `{ host, pid }`, so a later run can close it if that process died. */
export const RUNNER_ATTR = 'tuneboard:runner';
/** System attr: the GPU a trial ran on (`--gpus` / `search.gpus`: its CUDA_VISIBLE_DEVICES). */
export const GPU_ATTR = 'tuneboard:gpu';
/** Study system attr: the trial budget (`search.trials`, or `--trials`) of the latest run, so every view shows the N that run stops at. */
export const BUDGET_ATTR = 'tuneboard:trials';
/**
 * Study system attr: a request that every run of the study stop, `{ id, at, by }` (`tuneboard stop`, or
 * Stop in the editor for a run it did not start). Each run notes the request present when it starts
 * and stops when it sees a new one, whichever host it runs on: the journal reaches them all.
 */
export const STOP_ATTR = 'tuneboard:stop';
/** System attr of a trial that runs again a stale one (its host died): that trial's number. */
export const RETRIED_FROM_ATTR = 'retried_from';
/** The same, under the name Optuna's RetryFailedTrialCallback gives it. */
export const OPTUNA_FAILED_TRIAL_ATTR = 'failed_trial';
/** Optuna's RetryFailedTrialCallback: the numbers of every earlier run of a retry's params, oldest first. */
export const OPTUNA_RETRY_HISTORY_ATTR = 'retry_history';
/** How the fail reason of a trial stopped with its study starts. */
export const INTERRUPTED = 'interrupted';

/** The fail reason of a failed trial (Python Optuna may have put it in user attrs), else null. */
export function failReason(trial: AttrTrial): string | null {
  if (trial.state !== 'fail') return null;
  const reason = trial.systemAttrs[FAIL_REASON_ATTR] ?? trial.userAttrs[FAIL_REASON_ATTR];
  return typeof reason === 'string' ? reason : null;
}

/** True for a trial failed because its run was stopped: it is re-run on resume, so it does not use budget. */
export function wasInterrupted(trial: AttrTrial): boolean {
  return failReason(trial)?.startsWith(INTERRUPTED) === true;
}

/** Whether a trial counts towards `search.trials`: all but interrupted ones and enqueued ones not yet started. */
export function usesBudget(trial: AttrTrial): boolean {
  return trial.state !== 'waiting' && !wasInterrupted(trial);
}

/** The final metrics the runner recorded (numbers only). */
export function trialMetrics(trial: AttrTrial): Readonly<Record<string, number>> {
  const value = trial.userAttrs[METRICS_ATTR];
  const out: Record<string, number> = {};
  if (isRecord(value)) for (const [name, metric] of Object.entries(value)) if (typeof metric === 'number') out[name] = metric;
  return out;
}

export function foldValues(trial: AttrTrial): readonly number[] | null {
  const folds = trial.userAttrs[FOLD_VALUES_ATTR];
  return Array.isArray(folds) && folds.every((v) => typeof v === 'number') ? (folds as number[]) : null;
}

/** The epoch whose metrics the trial recorded (built-in trainer only), else null: a command's are its last reported. */
export function trialBestEpoch(trial: Pick<AttrTrial, 'userAttrs'>): number | null {
  const epoch = trial.userAttrs[BEST_EPOCH_ATTR];
  return typeof epoch === 'number' && Number.isSafeInteger(epoch) && epoch > 0 ? epoch : null;
}

export function trialEpochsRun(trial: Pick<AttrTrial, 'userAttrs'>): number | null {
  const epochs = trial.userAttrs[EPOCHS_RUN_ATTR];
  return typeof epochs === 'number' && Number.isSafeInteger(epochs) && epochs > 0 ? epochs : null;
}

export function trialBackend(trial: AttrTrial): string | null {
  const backend = trial.userAttrs[BACKEND_ATTR];
  return typeof backend === 'string' ? backend : null;
}

/** Every metric's `[step, value]` points; well-formed pairs only. */
export function metricHistory(trial: AttrTrial): Readonly<Record<string, readonly (readonly [number, number])[]>> {
  const recorded = trial.systemAttrs[HISTORY_ATTR];
  const history: Record<string, [number, number][]> = {};
  if (isRecord(recorded)) {
    for (const [metric, points] of Object.entries(recorded)) {
      if (Array.isArray(points)) history[metric] = points.filter(isStepPair).map((p) => [p[0], p[1]]);
    }
  }
  return history;
}

/** The GPU the trial ran on, or null. */
export function trialGpu(trial: AttrTrial): string | null {
  const gpu = trial.systemAttrs[GPU_ATTR];
  return typeof gpu === 'string' ? gpu : null;
}

/** Where the runner wrote this trial's log, or null. */
export function trialLogPath(trial: AttrTrial): string | null {
  const log = trial.systemAttrs[LOG_ATTR];
  return typeof log === 'string' && log !== '' ? log : null;
}

export interface TrialRunner {
  readonly host: string;
  readonly pid: number;
}

export function trialRunner(trial: AttrTrial): TrialRunner | null {
  const runner = trial.systemAttrs[RUNNER_ATTR];
  return isRecord(runner) && typeof runner.host === 'string' && typeof runner.pid === 'number' ? { host: runner.host, pid: runner.pid } : null;
}

/** Where a trial ran, as far as its attrs say (formatted by format.ts's formatPlacement). */
export interface TrialPlacement {
  /** The host of the process that ran it (a trial Python Optuna ran has none). */
  readonly host: string | null;
  /** Its GPU (`--gpus` / `search.gpus`), or null. */
  readonly gpu: string | null;
}

export function trialPlacement(trial: AttrTrial): TrialPlacement {
  return { host: trialRunner(trial)?.host ?? null, gpu: trialGpu(trial) };
}

/** The study's objective name as Optuna records it, or null. */
export function metricNameOf(studySystemAttrs: Readonly<Record<string, JsonValue>>): string | null {
  const names = studySystemAttrs[METRIC_NAMES_ATTR];
  return Array.isArray(names) && typeof names[0] === 'string' ? names[0] : null;
}

/**
 * Each objective's name: Optuna's metric names where the journal has them (one per objective), else
 * `values_0`, `values_1`, … as Optuna's dataframes name them (`value` for a single objective).
 */
export function metricNamesOf(studySystemAttrs: Readonly<Record<string, JsonValue>>, objectives: number): string[] {
  const names = studySystemAttrs[METRIC_NAMES_ATTR];
  if (Array.isArray(names) && names.length === objectives && names.every((name) => typeof name === 'string')) return names as string[];
  return objectives === 1 ? ['value'] : Array.from({ length: objectives }, (_, i) => `values_${i}`);
}

export interface StopRequest {
  readonly id: string;
  /** ISO time, by the requester's clock (shown, never compared). */
  readonly at: string;
  /** Who asked: `pid N on host`, or `the editor on host`. */
  readonly by: string;
}

/** The study's latest stop request, or null. */
export function stopRequest(studySystemAttrs: Readonly<Record<string, JsonValue>>): StopRequest | null {
  const value = studySystemAttrs[STOP_ATTR];
  return isRecord(value) && typeof value.id === 'string' && typeof value.at === 'string' && typeof value.by === 'string' ? { id: value.id, at: value.at, by: value.by } : null;
}

/** The budget the study's latest run counted to, or null. */
export function recordedBudget(studySystemAttrs: Readonly<Record<string, JsonValue>>): number | null {
  const budget = studySystemAttrs[BUDGET_ATTR];
  return typeof budget === 'number' && Number.isSafeInteger(budget) && budget >= 0 ? budget : null;
}

function isRecord(value: JsonValue | undefined): value is { [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStepPair(point: JsonValue): point is [number, number] {
  return Array.isArray(point) && point.length === 2 && typeof point[0] === 'number' && typeof point[1] === 'number';
}

/**
 * A trial's constraint values, or null when it has none. A value that is not a number (Python's json
 * writes NaN as a bare token, which the journal reader may give back as null) reads as NaN.
 */
export function constraintValues(trial: AttrTrial): readonly number[] | null {
  const raw = trial.systemAttrs[CONSTRAINTS_ATTR];
  return Array.isArray(raw) ? raw.map((value) => (typeof value === 'number' ? value : Number.NaN)) : null;
}

/** The objective values a trial recorded at pareto_asha's rung `rung`, or null if it has none there (or they are not numbers). */
export function paretoRungValues(trial: AttrTrial, rung: number): readonly number[] | null {
  const raw = trial.systemAttrs[paretoRungAttr(rung)];
  return Array.isArray(raw) && raw.length > 0 && raw.every((value) => typeof value === 'number') ? (raw as number[]) : null;
}
