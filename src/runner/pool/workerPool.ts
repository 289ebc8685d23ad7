/**
 * Runs model trials on a pool of forked workers, one trial per worker at a time. Workers are kept
 * across trials (each loads its backend and data once); a worker that dies is replaced before the
 * next trial that needs it.
 */
import * as path from 'node:path';
import { type Direction, GPU_ATTR, LOG_ATTR } from '../../core';
import type { WorkerSetup } from '../../protocol/worker';
import type { ExecutorNotice, RunningTrial, TrialExecutor, TrialOutcome, TrialReport, TrialStart } from '../executor';
import { createLogDir, TrialLog } from '../trialLog';
import { WorkerProcess, type WorkerCommand } from './workerProcess';

export interface WorkerPoolOptions {
  readonly size: number;
  /** GPU ids: worker i runs with CUDA_VISIBLE_DEVICES set to the i-th, so each GPU runs one trial at a time. */
  readonly gpus?: readonly string[];
  readonly command: WorkerCommand;
  readonly setup: WorkerSetup;
  readonly metric: string;
  readonly direction: Direction;
  /** Folder for per-trial logs (each epoch's metrics, the outcome); null keeps none. */
  readonly logDir: string | null;
  readonly onNotice?: (notice: ExecutorNotice) => void;
}

export class WorkerPool implements TrialExecutor {
  private readonly slots: (WorkerProcess | null)[];
  /** Slots with a trial from start() until its outcome: a worker is taken before it is even ready. */
  private readonly taken = new Set<number>();
  private nextWorkerId = 0;
  private disposed = false;

  constructor(private readonly options: WorkerPoolOptions) {
    if (!(options.size >= 1)) throw new RangeError(`a worker pool needs at least one worker, got ${options.size}`);
    this.slots = Array.from({ length: options.size }, () => null);
  }

  /**
   * Starts the workers at once and waits for all to load their data: a bad data file fails here, once.
   * Only as many as the run can use (`concurrency`): each costs a process with its own copy of the data.
   */
  async prepare(concurrency = this.slots.length): Promise<void> {
    if (this.options.logDir) createLogDir(this.options.logDir);
    this.slots.length = Math.max(1, Math.min(this.slots.length, concurrency));
    const workers = this.slots.map((_, slot) => this.spawn(slot));
    // Every worker prepares the same data, so the first one's verdict (and warnings) speaks for all.
    const first = await (workers[0] as WorkerProcess).ready;
    for (const warning of first.warnings) this.options.onNotice?.({ kind: 'log', level: 'warning', message: `data: ${warning}` });
    await Promise.all(workers.map((worker) => this.announce(worker)));
  }

  /** The workers this pool runs (after prepare(), at most the concurrency it was given). */
  get size(): number {
    return this.slots.length;
  }

  start(trial: TrialStart, onReport: (report: TrialReport) => void): RunningTrial {
    const slot = this.slots.findIndex((_, index) => !this.taken.has(index));
    if (slot < 0) throw new Error(`no free worker for trial ${trial.number}: all ${this.slots.length} are busy`);
    // Opened before the slot is taken: a log that cannot be written fails this trial alone (start throws).
    const logFile = this.options.logDir ? path.join(this.options.logDir, `trial-${String(trial.number).padStart(4, '0')}.log`) : null;
    const logFailed: { kill?: (reason: string) => void } = {};
    const trialLog = logFile ? new TrialLog(logFile, `# trial ${trial.number}: ${JSON.stringify(trial.params)}\n`, { onError: (reason) => logFailed.kill?.(reason) }) : null;
    this.taken.add(slot);
    const existing = this.slots[slot];
    const worker = existing?.alive ? existing : this.spawn(slot);
    if (worker !== existing) {
      this.options.onNotice?.({ kind: 'log', level: 'warning', message: `starting worker ${worker.id} to replace one that exited` });
      void this.announce(worker).catch(() => undefined);
    }
    const log = (line: string): void => trialLog?.write(`${line}\n`);
    log(`# on worker ${worker.id}`);

    // An object, not a `let`: the stop/kill closures below change it while `outcome` awaits.
    const state: { ended: { kind: 'stop' } | { kind: 'kill'; reason: string } | null } = { ended: null };
    const outcome = (async (): Promise<TrialOutcome> => {
      try {
        await worker.ready;
      } catch (error) {
        return { kind: 'failed', error: `the worker could not start: ${(error as Error).message}` };
      }
      const ended = state.ended;
      if (ended?.kind === 'kill') return { kind: 'failed', error: ended.reason };
      if (ended?.kind === 'stop') return { kind: 'stopped' };
      const reported = (report: TrialReport): void => {
        log(`step ${report.step} ${formatMetrics(report.metrics)}`);
        onReport(report);
      };
      try {
        return await worker.run(trial, { metric: this.options.metric, direction: this.options.direction }, reported);
      } catch (error) {
        return { kind: 'failed', error: (error as Error).message };
      }
    })().then((result) => {
      this.taken.delete(slot);
      trialLog?.close(`# ${result.kind}${result.kind === 'complete' ? ` value=${result.value}` : result.kind === 'failed' ? `: ${result.error}` : ''}\n`);
      return result;
    });

    const running: RunningTrial = {
      outcome,
      attrs: { ...(logFile ? { [LOG_ATTR]: logFile } : {}), ...gpuAttr(this.gpuOf(slot)) },
      stop: () => {
        state.ended ??= { kind: 'stop' };
        worker.stop(trial.number);
      },
      kill: (reason) => {
        state.ended = { kind: 'kill', reason };
        worker.kill(trial.number, reason);
      },
    };
    logFailed.kill = running.kill;
    return running;
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    await Promise.all(this.slots.map((worker) => worker?.shutdown()));
  }

  private gpuOf(slot: number): string | null {
    return this.options.gpus?.[slot] ?? null;
  }

  private spawn(slot: number): WorkerProcess {
    if (this.disposed) throw new Error('the worker pool has been disposed');
    const gpu = this.gpuOf(slot);
    const command = gpu === null ? this.options.command : { ...this.options.command, env: { ...this.options.command.env, CUDA_VISIBLE_DEVICES: gpu } };
    const worker = new WorkerProcess(this.nextWorkerId++, command, this.options.setup);
    this.slots[slot] = worker;
    return worker;
  }

  private async announce(worker: WorkerProcess): Promise<void> {
    const ready = await worker.ready;
    this.options.onNotice?.({ kind: 'worker-ready', worker: worker.id, backend: ready.backend, detail: ready.detail });
  }
}

function formatMetrics(metrics: Readonly<Record<string, number>>): string {
  return Object.entries(metrics)
    .map(([key, value]) => `${key}=${Number.isInteger(value) ? value : value.toPrecision(6)}`)
    .join(' ');
}

function gpuAttr(gpu: string | null): Record<string, string> {
  return gpu === null ? {} : { [GPU_ATTR]: gpu };
}
