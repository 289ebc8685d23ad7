/**
 * Runs command trials: the user's program, once per trial, with `${param}` placeholders filled in.
 * Metrics come from its stdout (`val_loss=0.31 step=4` or JSON lines); its whole output is kept in
 * a per-trial log file, and the last lines of stderr explain a failure. A trial ends when its
 * program exits: whatever the program started goes with it, and a grandchild that keeps the pipes
 * open cannot hold the trial.
 */
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import { type CommandTrialConfig, GPU_ATTR, LOG_ATTR } from '../../core';
import type { RunningTrial, TrialExecutor, TrialOutcome, TrialReport, TrialStart } from '../executor';
import { createLogDir, TrialLog } from '../trialLog';
import { expandArgs } from './expandArgs';
import { LineSplitter } from './lineSplitter';
import { MetricTracker } from './metricLines';
import { killGroup, spawnGroup, terminateGroup } from './processTree';

export interface CommandExecutorOptions {
  readonly trial: CommandTrialConfig;
  /** The config's folder: `cwd` is relative to it, and it is the default working directory. */
  readonly configDir: string;
  readonly metric: string;
  /** Folder for per-trial logs (`trial-0007.log`); null keeps no logs. */
  readonly logDir: string | null;
  readonly study: string;
  /** Cap of one trial log's size (default 8 MB); older output is dropped first. */
  readonly maxLogBytes?: number;
  /** Longer output lines are cut here (default 1 MB of characters). */
  readonly maxLineLength?: number;
  /** GPU ids: each trial gets a free one as CUDA_VISIBLE_DEVICES (the runner starts no more trials than GPUs). */
  readonly gpus?: readonly string[];
}

type EndedBy = { kind: 'stop' } | { kind: 'kill'; reason: string } | null;

const STDERR_TAIL_LINES = 12;
/** A failure reason quotes stderr lines up to this length. */
const STDERR_TAIL_LINE_CHARS = 500;
const STOP_GRACE_MS = 3000;
/** After the program exits, how long its last output may take to come out of the pipes. */
const DRAIN_MS = 1000;

export class CommandExecutor implements TrialExecutor {
  private readonly running = new Set<RunningTrial>();
  private readonly gpusInUse = new Set<string>();

  constructor(private readonly options: CommandExecutorOptions) {}

  /** A free GPU for this trial, or null when the executor has none to give. */
  private takeGpu(trialNumber: number): string | null {
    const gpus = this.options.gpus;
    if (!gpus || gpus.length === 0) return null;
    const free = gpus.find((gpu) => !this.gpusInUse.has(gpu));
    if (free === undefined) throw new Error(`no free GPU for trial ${trialNumber}: all of ${gpus.join(', ')} are in use`);
    this.gpusInUse.add(free);
    return free;
  }

  async prepare(): Promise<void> {
    if (this.options.logDir) createLogDir(this.options.logDir);
  }

  start(trial: TrialStart, onReport: (report: TrialReport) => void): RunningTrial {
    const { trial: config, configDir, metric, logDir, study } = this.options;
    const [file = '', ...args] = expandArgs(config.command, trial.params);
    const cwd = path.resolve(configDir, config.cwd ?? '.');
    const logPath = logDir ? path.join(logDir, `trial-${String(trial.number).padStart(4, '0')}.log`) : null;
    // Opened before the program starts: a log that cannot be written fails this trial alone (start throws).
    const logFailed: { kill?: (reason: string) => void } = {};
    const log = logPath
      ? new TrialLog(logPath, `$ ${[file, ...args].map(quoteForLog).join(' ')}\n# cwd: ${cwd}\n`, {
          ...(this.options.maxLogBytes !== undefined ? { maxBytes: this.options.maxLogBytes } : {}),
          onError: (reason) => logFailed.kill?.(reason),
        })
      : null;

    const gpu = this.takeGpu(trial.number);
    let child: ReturnType<typeof spawnGroup>;
    try {
      child = spawnGroup(file, args, {
        cwd,
        env: {
          ...process.env,
          ...config.env,
          ...(gpu !== null ? { CUDA_VISIBLE_DEVICES: gpu } : {}),
          TUNEBOARD_PARAMS: JSON.stringify(trial.params),
          TUNEBOARD_TRIAL: String(trial.number),
          TUNEBOARD_STUDY: study,
          TUNEBOARD_SEED: String(trial.seed),
          // Python buffers a piped stdout; live metrics need each line as it is printed.
          PYTHONUNBUFFERED: '1',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (error) {
      log?.close();
      if (gpu !== null) this.gpusInUse.delete(gpu);
      throw error;
    }
    const stdout = child.stdout as Readable;
    const stderr = child.stderr as Readable;

    const tracker = new MetricTracker(metric);
    const stderrTail: string[] = [];
    let endedBy: EndedBy = null;
    let exited = false;

    const stdoutLines = new LineSplitter((line, dropped) => {
      log?.write(`${line}${cutNote(dropped)}\n`);
      if (dropped > 0) return; // a cut line is not a metric line
      const report = tracker.accept(line);
      if (report) onReport({ step: report.step, metrics: { ...tracker.metrics, [metric]: report.value } });
    }, this.options.maxLineLength);
    const stderrLines = new LineSplitter((line, dropped) => {
      log?.write(`[stderr] ${line}${cutNote(dropped)}\n`);
      stderrTail.push(line.length > STDERR_TAIL_LINE_CHARS ? `${line.slice(0, STDERR_TAIL_LINE_CHARS)} …` : line);
      if (stderrTail.length > STDERR_TAIL_LINES) stderrTail.shift();
    }, this.options.maxLineLength);
    stdout.on('data', (chunk: Buffer) => stdoutLines.push(chunk));
    stderr.on('data', (chunk: Buffer) => stderrLines.push(chunk));
    const drained = Promise.all([streamEnded(stdout), streamEnded(stderr)]);

    const outcome = new Promise<TrialOutcome>((resolve) => {
      let settled = false;
      const finish = (result: TrialOutcome, trailer: string): void => {
        if (settled) return;
        settled = true;
        stdoutLines.end();
        stderrLines.end();
        stdout.destroy();
        stderr.destroy();
        log?.close(trailer);
        if (gpu !== null) this.gpusInUse.delete(gpu);
        resolve(result);
      };
      child.once('error', (error) => {
        const hint = (error as NodeJS.ErrnoException).code === 'ENOENT' ? ` (is '${file}' installed and on PATH? cwd: ${cwd})` : '';
        finish({ kind: 'failed', error: `could not start the command: ${error.message}${hint}` }, `# could not start: ${error.message}\n`);
      });
      child.once('exit', (code, signal) => {
        exited = true;
        const ended = endedBy;
        // The trial is over: what it started (data loaders, a forgotten server) goes with it.
        killGroup(child, 'SIGKILL');
        // Output written before the exit may still be in the pipes: read it, but do not wait for a
        // process that left the group and holds them open.
        void settleWithin(drained, DRAIN_MS).then(() => {
          finish(this.judge(code, signal, tracker, stderrTail, ended), `# exit ${code ?? signal}\n`);
        });
      });
    });

    const running: RunningTrial = {
      outcome,
      attrs: { ...(logPath ? { [LOG_ATTR]: logPath } : {}), ...(gpu !== null ? { [GPU_ATTR]: gpu } : {}) },
      stop: () => {
        if (endedBy || exited) return;
        endedBy = { kind: 'stop' };
        terminateGroup(child, STOP_GRACE_MS);
      },
      kill: (reason) => {
        if (endedBy?.kind === 'kill' || exited) return;
        endedBy = { kind: 'kill', reason };
        killGroup(child, 'SIGKILL');
      },
    };
    logFailed.kill = running.kill;
    this.running.add(running);
    void outcome.finally(() => this.running.delete(running));
    return running;
  }

  private judge(
    code: number | null,
    signal: NodeJS.Signals | null,
    tracker: MetricTracker,
    stderrTail: readonly string[],
    endedBy: EndedBy,
  ): TrialOutcome {
    if (endedBy?.kind === 'kill') return { kind: 'failed', error: endedBy.reason };
    if (endedBy?.kind === 'stop') return { kind: 'stopped' };
    const tail = stderrTail.length > 0 ? `:\n${stderrTail.join('\n')}` : '';
    if (signal) return { kind: 'failed', error: `the command was killed by ${signal}${tail}` };
    if (code !== 0) return { kind: 'failed', error: `the command exited with code ${code}${tail}` };
    const value = tracker.objectiveValue;
    if (value === undefined) {
      const seen = Object.keys(tracker.metrics);
      const printed = seen.length > 0 ? `; it printed ${seen.join(', ')}` : '; it printed no metrics';
      return { kind: 'failed', error: `the command exited without printing ${this.options.metric}= (or a JSON line with it)${printed}` };
    }
    return { kind: 'complete', value, metrics: { ...tracker.metrics }, attrs: {} };
  }

  async dispose(): Promise<void> {
    const pending = [...this.running];
    for (const trial of pending) trial.stop();
    await Promise.all(pending.map((trial) => trial.outcome));
  }
}

/** Resolves when the stream has given all its data, or can give no more. */
function streamEnded(stream: Readable): Promise<void> {
  return new Promise((resolve) => {
    if (stream.readableEnded || stream.destroyed) return resolve();
    stream.once('end', resolve).once('close', resolve).once('error', () => resolve());
  });
}

/** Waits for `promise`, but at most `ms`. */
function settleWithin(promise: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    void promise.then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

function cutNote(dropped: number): string {
  return dropped > 0 ? ` … [tuneboard: ${dropped} more characters of this line were cut]` : '';
}

function quoteForLog(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
