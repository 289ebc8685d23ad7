/**
 * Study process ⇄ trial worker (a forked `tuneboard worker`, over Node's IPC channel). A worker is set
 * up once (backend loaded, data prepared) and then runs one trial at a time; the study process decides
 * pruning from the reports and may ask the worker to stop a trial early.
 */
import type { Backend, DataConfig, ModelKind } from '../core/config/types';
import type { ParamValue } from '../core/distributions';
import type { Direction } from '../core/trial';

/** Everything a worker needs to prepare itself; the data path is absolute. */
export interface WorkerSetup {
  readonly model: ModelKind;
  readonly backend: Backend;
  readonly data: DataConfig;
  readonly inputShape?: readonly number[];
  /** Seeds the data splits, identical in every worker. */
  readonly seed: number;
}

export type ToWorker =
  | { readonly type: 'setup'; readonly setup: WorkerSetup }
  | {
      readonly type: 'run';
      readonly trial: number;
      readonly params: Readonly<Record<string, ParamValue>>;
      readonly metric: string;
      readonly direction: Direction;
      readonly seed: number;
    }
  /** End the running trial at the next epoch boundary and answer `stopped`. */
  | { readonly type: 'stop'; readonly trial: number }
  | { readonly type: 'shutdown' };

export type FromWorker =
  | {
      readonly type: 'ready';
      readonly backend: string;
      readonly samples: number;
      readonly features: number;
      readonly task: string;
      /** Things about the data the user should know (a column read as categorical because of one stray value, …). */
      readonly warnings: readonly string[];
    }
  /** Setup failed (bad data file, backend that cannot load): the study cannot run model trials. */
  | {
      readonly type: 'setup-failed';
      readonly error: string;
      /** The config key the problem belongs to, so the user is pointed at the line: `data` or `backend`. */
      readonly field: 'data' | 'backend' | null;
    }
  | { readonly type: 'report'; readonly trial: number; readonly step: number; readonly metrics: Readonly<Record<string, number>> }
  | {
      readonly type: 'done';
      readonly trial: number;
      readonly value: number;
      readonly metrics: Readonly<Record<string, number>>;
      readonly foldValues: readonly number[];
      readonly bestEpoch: number;
      readonly epochsRun: number;
      readonly parameterCount: number;
    }
  | { readonly type: 'stopped'; readonly trial: number }
  | { readonly type: 'failed'; readonly trial: number; readonly error: string };

/** Checks a message that came over IPC; the other side is our own code, but a bad message must not crash the study. */
export function isFromWorker(message: unknown): message is FromWorker {
  if (typeof message !== 'object' || message === null) return false;
  const type = (message as { type?: unknown }).type;
  return typeof type === 'string' && ['ready', 'setup-failed', 'report', 'done', 'stopped', 'failed'].includes(type);
}

export function isToWorker(message: unknown): message is ToWorker {
  if (typeof message !== 'object' || message === null) return false;
  const type = (message as { type?: unknown }).type;
  return typeof type === 'string' && ['setup', 'run', 'stop', 'shutdown'].includes(type);
}
