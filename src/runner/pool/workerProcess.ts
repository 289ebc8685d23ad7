/**
 * One forked trial worker: set up once (backend + data), then one trial at a time. A worker that
 * exits or is killed fails only the trial it was running; the pool replaces it.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { BACKEND_ATTR, FOLD_VALUES_ATTR } from '../../core';
import { isFromWorker, type FromWorker, type ToWorker, type WorkerSetup } from '../../protocol/worker';
import type { TrialOutcome, TrialReport, TrialStart } from '../executor';

/** How to start a worker: the `tuneboard` CLI with `worker`, or a test double. */
export interface WorkerCommand {
  readonly modulePath: string;
  readonly args: readonly string[];
  readonly execArgv?: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
}

export interface WorkerReady {
  readonly backend: string;
  readonly detail: string;
  readonly warnings: readonly string[];
}

interface ActiveTrial {
  readonly number: number;
  readonly onReport: (report: TrialReport) => void;
  readonly finish: (outcome: TrialOutcome) => void;
  /** Set when the trial was killed or stopped, so the worker's death is not reported as a crash. */
  endedBy: { kind: 'stop' } | { kind: 'kill'; reason: string } | null;
}

/** A worker could not load its backend or data; `field` is the config key under `trial` to blame. */
export class WorkerSetupError extends Error {
  override name = 'WorkerSetupError';
  constructor(
    message: string,
    readonly field: 'data' | 'backend' | null,
  ) {
    super(message);
  }
}

const STDERR_TAIL_LINES = 20;
/** A worker asked to stop finishes its current epoch; past this it is killed instead. */
const STOP_GRACE_MS = 15_000;

export class WorkerProcess {
  readonly ready: Promise<WorkerReady>;
  private readonly child: ChildProcess;
  private active: ActiveTrial | null = null;
  private exited = false;
  private readonly stderrTail: string[] = [];
  private stopTimer: NodeJS.Timeout | null = null;
  private backend = 'unknown';
  /** V8 prints a stack after its out-of-memory line, so remember the line rather than rely on the tail. */
  private outOfMemory = false;

  constructor(readonly id: number, command: WorkerCommand, setup: WorkerSetup) {
    this.child = fork(command.modulePath, [...command.args], {
      execArgv: command.execArgv ? [...command.execArgv] : process.execArgv,
      env: { ...process.env, ...command.env },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'advanced',
    });
    this.child.stdout?.resume();
    this.child.stderr?.setEncoding('utf8').on('data', (chunk: string) => this.keepStderr(chunk));
    this.ready = new Promise<WorkerReady>((resolve, reject) => {
      const onMessage = (message: unknown): void => {
        if (!isFromWorker(message)) return;
        if (message.type === 'ready') {
          this.backend = message.backend;
          resolve({ backend: message.backend, detail: `${message.samples} samples, ${message.features} features, ${message.task}`, warnings: message.warnings });
        } else if (message.type === 'setup-failed') {
          reject(new WorkerSetupError(message.error, message.field));
          this.terminate();
        }
      };
      this.child.on('message', onMessage);
      this.child.once('exit', (code, signal) => reject(new WorkerSetupError(`the worker exited while setting up (${this.describeExit(code, signal)})`, null)));
    });
    // A rejected setup is reported through `ready` to whoever awaits it; never as an unhandled rejection.
    this.ready.catch(() => undefined);
    this.child.on('message', (message: unknown) => {
      if (isFromWorker(message)) this.onMessage(message);
    });
    this.child.once('exit', (code, signal) => this.onExit(code, signal));
    this.child.once('error', () => undefined);
    this.send({ type: 'setup', setup });
  }

  get alive(): boolean {
    return !this.exited;
  }

  /** Runs a trial; the worker must be ready and idle. */
  run(trial: TrialStart, request: Omit<Extract<ToWorker, { type: 'run' }>, 'type' | 'trial' | 'params' | 'seed'>, onReport: (report: TrialReport) => void): Promise<TrialOutcome> {
    if (this.active) throw new Error(`worker ${this.id} is already running trial ${this.active.number}`);
    return new Promise<TrialOutcome>((resolve) => {
      this.active = { number: trial.number, onReport, finish: resolve, endedBy: null };
      if (this.exited) {
        this.finishActive({ kind: 'failed', error: 'the worker had exited before the trial started' });
        return;
      }
      this.send({ type: 'run', trial: trial.number, params: trial.params, seed: trial.seed, ...request });
    });
  }

  /** Asks the running trial to end at the next epoch; kills the worker if it does not answer in time. */
  stop(trial: number): void {
    const active = this.active;
    if (!active || active.number !== trial || active.endedBy) return;
    active.endedBy = { kind: 'stop' };
    this.send({ type: 'stop', trial });
    this.stopTimer = setTimeout(() => this.terminate(), STOP_GRACE_MS);
  }

  /** Ends the running trial now by killing the worker; the pool starts a new one. */
  kill(trial: number, reason: string): void {
    const active = this.active;
    if (!active || active.number !== trial) return;
    active.endedBy = { kind: 'kill', reason };
    this.terminate();
  }

  /** Asks the worker to exit; kills it if it has not within a second. */
  async shutdown(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.send({ type: 'shutdown' });
    const timer = setTimeout(() => this.terminate(), 1000);
    await exited;
    clearTimeout(timer);
  }

  terminate(): void {
    if (!this.exited) this.child.kill('SIGKILL');
  }

  private onMessage(message: FromWorker): void {
    const active = this.active;
    switch (message.type) {
      case 'ready':
      case 'setup-failed':
        return; // handled by `ready`
      case 'report':
        if (active?.number === message.trial) active.onReport({ step: message.step, metrics: message.metrics });
        return;
      case 'done':
        if (active?.number !== message.trial) return;
        this.finishActive(
          active.endedBy?.kind === 'stop'
            ? { kind: 'stopped' }
            : {
                kind: 'complete',
                value: message.value,
                metrics: message.metrics,
                attrs: {
                  [BACKEND_ATTR]: this.backend,
                  [FOLD_VALUES_ATTR]: [...message.foldValues],
                  best_epoch: message.bestEpoch,
                  epochs_run: message.epochsRun,
                  parameter_count: message.parameterCount,
                },
              },
        );
        return;
      case 'stopped':
        if (active?.number === message.trial) this.finishActive({ kind: 'stopped' });
        return;
      case 'failed':
        if (active?.number === message.trial) this.finishActive({ kind: 'failed', error: message.error });
        return;
      default:
        throw new TypeError(`unknown worker message ${JSON.stringify(message satisfies never)}`);
    }
  }

  private onExit(code: number | null, signal: NodeJS.Signals | null): void {
    this.exited = true;
    const active = this.active;
    if (!active) return;
    if (active.endedBy?.kind === 'kill') this.finishActive({ kind: 'failed', error: active.endedBy.reason });
    else if (active.endedBy?.kind === 'stop') this.finishActive({ kind: 'stopped' });
    else this.finishActive({ kind: 'failed', error: `the worker died during the trial (${this.describeExit(code, signal)})` });
  }

  private finishActive(outcome: TrialOutcome): void {
    const active = this.active;
    if (!active) return;
    this.active = null;
    if (this.stopTimer) clearTimeout(this.stopTimer);
    this.stopTimer = null;
    active.finish(outcome);
  }

  private describeExit(code: number | null, signal: NodeJS.Signals | null): string {
    const stderr = this.stderrTail.join('\n');
    if (this.outOfMemory || /heap out of memory/i.test(stderr)) return 'out of memory: JavaScript heap limit reached';
    const how = signal ? `killed by ${signal}` : `exit code ${code}`;
    const lastLines = this.stderrTail.filter((line) => line.trim() !== '').slice(-6);
    return lastLines.length > 0 ? `${how}; last output:\n${lastLines.join('\n')}` : how;
  }

  private keepStderr(chunk: string): void {
    if (/heap out of memory|Reached heap limit/i.test(chunk)) this.outOfMemory = true;
    this.stderrTail.push(...chunk.split('\n'));
    if (this.stderrTail.length > STDERR_TAIL_LINES) this.stderrTail.splice(0, this.stderrTail.length - STDERR_TAIL_LINES);
  }

  private send(message: ToWorker): void {
    if (this.exited || !this.child.connected) return;
    this.child.send(message, (error) => {
      // The channel closed under us: the exit handler reports it.
      if (error) this.terminate();
    });
  }
}
