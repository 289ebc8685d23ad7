/**
 * Parameter importance for the leaderboard, computed off the extension host's thread in a reused
 * worker thread (./importanceWorker.ts, bundled as dist/importanceWorker.js).
 *
 * One computation runs at a time. Requests made while one runs wait; a newer request replaces a
 * waiting one, and the replaced callers get the newer request's outcome (their data is older than
 * what the study already has, so the newer answer is the one to show). A worker that crashes, or
 * takes longer than `timeoutMs`, turns into a reason for the callers it leaves, and a fresh worker
 * starts with the next request. No vscode import, so it runs in plain Node tests.
 */
import { Worker } from 'node:worker_threads';
import { type FrozenTrial, type ImportanceInput, importanceInputFromTrials, type ImportanceOptions, type ImportanceOutcome } from '../../core';
export { type ImportanceInput, importanceInputFromTrials, type ImportanceOutcome } from '../../core';
import type { HostMessage } from '../../protocol/leaderboard';


/** Host → worker. */
export interface ImportanceRequest {
  readonly id: number;
  readonly input: ImportanceInput;
  readonly options?: ImportanceOptions;
}

/** Worker → host: the outcome for the request with the same id. */
export interface ImportanceReply {
  readonly id: number;
  readonly outcome: ImportanceOutcome;
}

export interface ImportanceServiceOptions {
  /** Node options for the worker: `['--require', 'tsx/cjs']` runs the TypeScript entry in tests. */
  readonly execArgv?: readonly string[];
  /** Forest options for every computation (the default seed 0 keeps redraws stable). */
  readonly importance?: ImportanceOptions;
  /** A fit that takes longer is stopped and reported. Default 60 s (2,000 trials take about half a second). */
  readonly timeoutMs?: number;
  /** The worker's heap limit; a study too large for it fails only the computation. Default 512 MB. */
  readonly maxHeapMb?: number;
}

type Waiter = (outcome: ImportanceOutcome) => void;

interface Job {
  readonly input: ImportanceInput;
  readonly waiters: Waiter[];
}

export class ImportanceService {
  private worker: Worker | null = null;
  private running: (Job & { readonly id: number; readonly timer: NodeJS.Timeout }) | null = null;
  private waiting: Job | null = null;
  private nextId = 1;
  private disposed = false;

  constructor(
    /** dist/importanceWorker.js in the extension; the .ts source in tests (with `execArgv`). */
    private readonly workerScript: string,
    private readonly options: ImportanceServiceOptions = {},
  ) {}

  /** Importance of `input`; never rejects: every failure is an outcome with a reason. */
  compute(input: ImportanceInput): Promise<ImportanceOutcome> {
    if (this.disposed) return Promise.resolve(unavailable('Parameter importance has stopped (the leaderboard was closed).'));
    return new Promise((resolve) => {
      if (!this.running) this.start({ input, waiters: [resolve] });
      else this.waiting = { input, waiters: [...(this.waiting?.waiters ?? []), resolve] };
    });
  }

  /** Importance of a study's trials (the journal's, any states): see `importanceInputFromTrials`. */
  computeForTrials(trials: readonly FrozenTrial[]): Promise<ImportanceOutcome> {
    let input: ImportanceInput;
    try {
      input = importanceInputFromTrials(trials);
    } catch (error) {
      // A param value outside its own distribution: a damaged journal, not a reason to reject.
      return Promise.resolve(unavailable(`Parameter importance failed: ${messageOf(error)}`));
    }
    return this.compute(input);
  }

  /** Stops the worker; callers still waiting get a reason. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    const left = [...(this.running?.waiters ?? []), ...(this.waiting?.waiters ?? [])];
    if (this.running) clearTimeout(this.running.timer);
    this.running = null;
    this.waiting = null;
    const worker = this.worker;
    this.worker = null;
    for (const waiter of left) waiter(unavailable('Parameter importance has stopped (the leaderboard was closed).'));
    await worker?.terminate();
  }

  private start(job: Job): void {
    const id = this.nextId++;
    const timeoutMs = this.options.timeoutMs ?? 60_000;
    const timer = setTimeout(() => this.abandonWorker(`Parameter importance took longer than ${Number((timeoutMs / 1000).toFixed(1))} s and was stopped.`), timeoutMs);
    this.running = { ...job, id, timer };
    try {
      const worker = this.ensureWorker();
      // Keep the process alive for a computation someone awaits, but not for an idle worker.
      worker.ref();
      const request: ImportanceRequest = { id, input: job.input, ...(this.options.importance ? { options: this.options.importance } : {}) };
      worker.postMessage(request);
    } catch (error) {
      this.abandonWorker(`Parameter importance could not start its worker: ${messageOf(error)}`);
    }
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.workerScript, {
      execArgv: [...(this.options.execArgv ?? [])],
      resourceLimits: { maxOldGenerationSizeMb: this.options.maxHeapMb ?? 512 },
    });
    worker.on('message', (reply: unknown) => {
      if (worker === this.worker && isReply(reply)) this.finish(reply.id, reply.outcome);
    });
    // 'error' (an uncaught exception, a missing script, out of memory) is followed by 'exit'; whichever comes first reports.
    worker.on('error', (error: Error) => {
      if (worker === this.worker) this.abandonWorker(`Parameter importance failed: ${error.message}`);
    });
    worker.on('exit', (code: number) => {
      if (worker === this.worker) this.abandonWorker(`Parameter importance failed: its worker exited with code ${code}.`);
    });
    this.worker = worker;
    return worker;
  }

  /** Ends the current worker and answers the running computation with `reason`; the next request starts a new worker. */
  private abandonWorker(reason: string): void {
    const worker = this.worker;
    this.worker = null;
    void worker?.terminate();
    if (this.running) this.finish(this.running.id, unavailable(reason));
  }

  private finish(id: number, outcome: ImportanceOutcome): void {
    if (!this.running || this.running.id !== id) return;
    const { waiters, timer } = this.running;
    clearTimeout(timer);
    this.running = null;
    this.worker?.unref();
    for (const waiter of waiters) waiter(outcome);
    const next = this.waiting;
    this.waiting = null;
    if (next && !this.disposed) this.start(next);
  }
}

/** The leaderboard message for an outcome. */
export function importanceMessage(outcome: ImportanceOutcome): HostMessage {
  return outcome.result ? { type: 'importance', result: outcome.result } : { type: 'importance', result: null, reason: outcome.reason };
}

function unavailable(reason: string): ImportanceOutcome {
  return { result: null, reason };
}

function isReply(message: unknown): message is ImportanceReply {
  if (typeof message !== 'object' || message === null) return false;
  const { id, outcome } = message as Record<string, unknown>;
  return typeof id === 'number' && typeof outcome === 'object' && outcome !== null && 'result' in outcome;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
