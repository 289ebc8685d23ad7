/**
 * Runs command trials: the user's program, once per trial, with `${param}` placeholders filled in.
 * Metrics come from its stdout (`val_loss=0.31 step=4` or JSON lines); its whole output is kept in
 * a per-trial log file, and the last lines of stderr explain a failure.
 */
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import type { CommandTrialConfig } from '../../core/config/types';
import { LOG_ATTR } from '../../core/trialAttrs';
import type { RunningTrial, TrialExecutor, TrialOutcome, TrialReport, TrialStart } from '../executor';
import { expandArgs } from './expandArgs';
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
}

const STDERR_TAIL_LINES = 12;
const STOP_GRACE_MS = 3000;

export class CommandExecutor implements TrialExecutor {
  private readonly running = new Set<RunningTrial>();

  constructor(private readonly options: CommandExecutorOptions) {}

  async prepare(): Promise<void> {
    if (this.options.logDir) mkdirSync(this.options.logDir, { recursive: true });
  }

  start(trial: TrialStart, onReport: (report: TrialReport) => void): RunningTrial {
    const { trial: config, configDir, metric, logDir, study } = this.options;
    const [file = '', ...args] = expandArgs(config.command, trial.params);
    const cwd = path.resolve(configDir, config.cwd ?? '.');
    const logPath = logDir ? path.join(logDir, `trial-${String(trial.number).padStart(4, '0')}.log`) : null;
    const log: WriteStream | null = logPath ? createWriteStream(logPath) : null;
    log?.write(`$ ${[file, ...args].map(quoteForLog).join(' ')}\n# cwd: ${cwd}\n`);

    const child = spawnGroup(file, args, {
      cwd,
      env: {
        ...process.env,
        ...config.env,
        TUNEBOARD_PARAMS: JSON.stringify(trial.params),
        TUNEBOARD_TRIAL: String(trial.number),
        TUNEBOARD_STUDY: study,
        TUNEBOARD_SEED: String(trial.seed),
        // Python buffers a piped stdout; live metrics need each line as it is printed.
        PYTHONUNBUFFERED: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });

    const tracker = new MetricTracker(metric);
    const stderrTail: string[] = [];
    let endedBy: { kind: 'stop' } | { kind: 'kill'; reason: string } | null = null;

    createInterface({ input: child.stdout! }).on('line', (line) => {
      log?.write(`${line}\n`);
      const report = tracker.accept(line);
      if (report) onReport({ step: report.step, metrics: { ...tracker.metrics, [metric]: report.value } });
    });
    createInterface({ input: child.stderr! }).on('line', (line) => {
      log?.write(`[stderr] ${line}\n`);
      stderrTail.push(line);
      if (stderrTail.length > STDERR_TAIL_LINES) stderrTail.shift();
    });

    const outcome = new Promise<TrialOutcome>((resolve) => {
      child.once('error', (error) => {
        const hint = (error as NodeJS.ErrnoException).code === 'ENOENT' ? ` (is '${file}' installed and on PATH? cwd: ${cwd})` : '';
        resolve({ kind: 'failed', error: `could not start the command: ${error.message}${hint}` });
      });
      // 'close' waits for stdout to drain, so the last metric line is never lost.
      child.once('close', (code, signal) => {
        log?.end(`# exit ${code ?? signal}\n`);
        resolve(this.judge(code, signal, tracker, stderrTail, endedBy));
      });
    });

    const running: RunningTrial = {
      outcome,
      attrs: logPath ? { [LOG_ATTR]: logPath } : {},
      stop: () => {
        if (endedBy) return;
        endedBy = { kind: 'stop' };
        terminateGroup(child, STOP_GRACE_MS);
      },
      kill: (reason) => {
        if (endedBy?.kind === 'kill') return;
        endedBy = { kind: 'kill', reason };
        killGroup(child, 'SIGKILL');
      },
    };
    this.running.add(running);
    void outcome.finally(() => this.running.delete(running));
    return running;
  }

  private judge(
    code: number | null,
    signal: NodeJS.Signals | null,
    tracker: MetricTracker,
    stderrTail: readonly string[],
    endedBy: { kind: 'stop' } | { kind: 'kill'; reason: string } | null,
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

function quoteForLog(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
