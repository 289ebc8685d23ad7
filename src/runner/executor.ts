/**
 * The seam between the scheduler and whatever runs a trial: a pool of forked TensorFlow.js workers,
 * or the user's command as a child process. The scheduler owns budgets, timeouts and pruning; an
 * executor only starts trials, streams their reports and ends them when asked.
 */
import type { JsonValue, ParamValue } from '../core';

export interface TrialStart {
  readonly number: number;
  readonly params: Readonly<Record<string, ParamValue>>;
  /** Seeds the trial's own randomness (weight init, shuffling). */
  readonly seed: number;
}

/** How a trial ended, as seen by the executor. */
export type TrialOutcome =
  | {
      readonly kind: 'complete';
      readonly value: number;
      readonly metrics: Readonly<Record<string, number>>;
      /** Facts worth keeping in the journal's user attrs (fold values, epochs, …). */
      readonly attrs: Readonly<Record<string, JsonValue>>;
    }
  /** Ended early because `stop()` was called. */
  | { readonly kind: 'stopped' }
  | { readonly kind: 'failed'; readonly error: string };

export interface TrialReport {
  readonly step: number;
  readonly metrics: Readonly<Record<string, number>>;
}

export interface RunningTrial {
  readonly outcome: Promise<TrialOutcome>;
  /** Ask the trial to end soon (pruning, Ctrl-C); it resolves as `stopped` unless it was already finishing. */
  stop(): void;
  /** End it now (timeout); it resolves as `failed` with this reason. */
  kill(reason: string): void;
  /** Trial-specific journal facts known at start, e.g. the log file of a command trial. */
  readonly attrs: Readonly<Record<string, JsonValue>>;
}

export interface TrialExecutor {
  /**
   * Wait until the executor can run trials (workers loaded their data); throws if it never can.
   * `concurrency`: the most trials the run will have at once, so a pool starts no idle workers.
   */
  prepare(concurrency?: number): Promise<void>;
  start(trial: TrialStart, onReport: (report: TrialReport) => void): RunningTrial;
  /** Stops every trial and process; safe to call twice. */
  dispose(): Promise<void>;
}

/** An executor's news for the study log (worker died and was replaced, backend loaded, …). */
export type ExecutorNotice =
  | { readonly kind: 'worker-ready'; readonly worker: number; readonly backend: string; readonly detail: string }
  | { readonly kind: 'log'; readonly level: 'info' | 'warning' | 'error'; readonly message: string };
