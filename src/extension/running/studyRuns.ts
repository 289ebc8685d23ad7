/**
 * The studies the editor is running: starts `tuneboard run --json` per config, and shows each run as
 * a progress notification (with Cancel), in the status bar and in the Tuneboard output channel.
 * Several studies may run at once; deactivating stops them all, processes and trials included.
 *
 * Counts, budget and best come from the study index (the journal), like every other view: the run's
 * events only tell the index to read the journal now, so the tree, status bar, leaderboard and the
 * finish notification all show one state, at most one journal read apart.
 */
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { progressFraction } from '../../core';
import { PlainLogSink } from '../../protocol/studyEventLog';
import type { StudyEvent } from '../../protocol/studyEvents';
import { describeRunners } from '../studies/studyPresentation';
import type { StudySummary } from '../studies/studySummary';
import { describeRun, showFinishNotice, stoppedNotice } from './runNotices';
import { runnableConfig, runtimeFor, settingFlags } from './runSetup';
import { RunStatusBar } from './runStatusBar';
import { StudyProcess, type StudyExit } from './studyProcess';
import type { TuneTargets } from './tuneMore';

export interface ActiveRun {
  readonly configPath: string;
  readonly study: string;
  /** `<journal>#<study>`, known once the study process has opened its journal. */
  key: string | null;
  readonly process: StudyProcess;
  /** The TensorFlow.js backend the first worker loaded, for the leaderboard header. */
  backend: string | null;
  /** The number of the first trial this run started: its trials are this one and the ones after. */
  firstTrial: number | null;
}

/** The CLI's exit code when a study is stopped by a signal (see src/cli/runCommand.ts). */
const EXIT_INTERRUPTED = 130;

/** What runs need of the study index: its summaries, news of them, and a read of a journal now. */
export interface RunsIndex {
  get(key: string): StudySummary | undefined;
  onDidChange(listener: (keys: string[]) => void): { dispose(): void };
  /** Reads these files now (the study process just wrote to them); resolves when the views have them. */
  readNow(files: readonly string[]): Promise<void>;
  /** What a `tuneboard` command is given to open a study's journal (a file, or a server's URL). */
  storageArgument(study: Pick<StudySummary, 'journalPath'>): string;
  /** The config at an absolute path as last read (its own `search.trials`), if the index knows it. */
  config(configPath: string): { readonly budget: number | null } | undefined;
  studies(): readonly StudySummary[];
}

export class StudyRuns implements vscode.Disposable, TuneTargets {
  private readonly runs = new Map<string, ActiveRun>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly statusBar: RunStatusBar;
  private readonly indexSubscription: { dispose(): void };
  /** Journals with a read asked for and not yet done: a burst of events becomes one read. */
  private readonly readsPending = new Set<string>();

  constructor(
    private readonly extensionPath: string,
    private readonly output: vscode.OutputChannel,
    private readonly index: RunsIndex,
  ) {
    this.statusBar = new RunStatusBar((key) => this.index.get(key));
    this.indexSubscription = index.onDidChange((keys) => {
      if (this.active.some((run) => run.key !== null && keys.includes(run.key))) this.update();
    });
  }

  isRunning(key: string): boolean {
    return [...this.runs.values()].some((run) => run.key === key);
  }

  /** The backend the running study of `key` reported, if it did. */
  backendOf(key: string): string | null {
    return [...this.runs.values()].find((run) => run.key === key)?.backend ?? null;
  }

  isConfigRunning(configPath: string): boolean {
    return this.runs.has(path.resolve(configPath));
  }

  get active(): readonly ActiveRun[] {
    return [...this.runs.values()];
  }

  /**
   * Starts the study of a config; false (with a message) when it cannot start. `trials` overrides the
   * budget (the leaderboard's Tune again: the trials so far plus the ones the user asked for).
   */
  async start(configUri: vscode.Uri, mode: 'run' | 'resume', options: { trials?: number } = {}): Promise<boolean> {
    const configPath = path.resolve(configUri.fsPath);
    if (this.runs.has(configPath)) {
      void vscode.window.showInformationMessage(`${path.basename(configPath)} is already being tuned.`, 'Show Output').then((pick) => pick && this.output.show(true));
      return false;
    }
    const config = await runnableConfig(configUri);
    if (!config) return false;
    const runtime = runtimeFor(configUri);
    const flags = settingFlags(configUri, config);
    if (options.trials !== undefined) flags.push('--trials', String(options.trials));
    const sink = new PlainLogSink({ write: (text: string) => this.output.append(text) });
    this.output.appendLine(`▶ ${mode === 'run' ? 'tuning' : 'resuming'} ${config.name} (${configPath}) with ${runtime.command}${runtime.source === 'editor' ? ' (the editor’s runtime: wasm/cpu backends only)' : ''}`);

    const run: ActiveRun = {
      configPath,
      study: config.name,
      key: null,
      backend: null,
      firstTrial: null,
      process: new StudyProcess({
        runtime,
        cliPath: path.join(this.extensionPath, 'dist', 'cli.js'),
        configPath,
        mode,
        flags,
        cwd: path.dirname(configPath),
        onEvent: (event) => {
          sink.handle(event);
          this.onEvent(run, event);
        },
        onOutput: (line) => this.output.appendLine(`[${config.name}] ${line}`),
      }),
    };
    this.runs.set(configPath, run);
    this.update();
    void this.showProgress(run);
    void run.process.exited.then((exit) => this.onExit(run, exit));
    return true;
  }

  /** Stops the study of a config (or of a study key); resolves when its process has exited. */
  async stop(configPathOrKey: string): Promise<void> {
    const run = this.runs.get(path.resolve(configPathOrKey)) ?? [...this.runs.values()].find((r) => r.key === configPathOrKey);
    if (!run) {
      // Run by another process (a terminal, another host, Python): `tuneboard stop` asks every run of it,
      // wherever it runs, through the journal.
      const study = this.index.get(configPathOrKey);
      if (!study) return;
      const pick = await vscode.window.showWarningMessage(`Tuneboard: ${study.name} is not run by this window. ${describeRunners(study)}`, 'Stop Everywhere');
      if (pick === 'Stop Everywhere') await this.stopEverywhere(study);
      return;
    }
    this.output.appendLine(`■ stopping ${run.study}: running trials are recorded as interrupted`);
    await run.process.stop();
  }

  /**
   * A short `tuneboard` command (enqueue, stop) with the Node that runs studies for `uri`: its stdout,
   * or an error with its stderr.
   */
  runCliCommand(uri: vscode.Uri, args: readonly string[], cwd?: string): Promise<string> {
    const runtime = runtimeFor(uri);
    return new Promise((resolve, reject) => {
      execFile(runtime.command, [path.join(this.extensionPath, 'dist', 'cli.js'), ...args], { ...(cwd ? { cwd } : {}), env: { ...process.env, ...runtime.env }, timeout: 60_000 }, (error, stdout, stderr) => {
        if (error) reject(new Error((stderr || error.message).trim()));
        else resolve(stdout.trim());
      });
    });
  }

  /** What a `tuneboard` command is given to open the study's journal (a file, or a server's URL). */
  storageArgument(study: Pick<StudySummary, 'journalPath'>): string {
    return this.index.storageArgument(study);
  }

  /** The config's own `search.trials`, what a run without `--trials` counts to (Tune and Resume compare with it). */
  configBudget(configPath: string): number | null {
    return this.index.config(path.resolve(configPath))?.budget ?? null;
  }

  /** The study of a config, once it ran. */
  studyOf(configPath: string): StudySummary | undefined {
    const resolved = path.resolve(configPath);
    return this.index.studies().find((study) => study.configPath !== null && path.resolve(study.configPath) === resolved);
  }

  /** `tuneboard stop <journal> --study <name>`: every run of the study stops within a second or two. */
  private async stopEverywhere(study: StudySummary): Promise<void> {
    try {
      this.output.appendLine(`■ ${await this.runCliCommand(vscode.Uri.file(study.configPath ?? study.journalPath), ['stop', this.index.storageArgument(study), '--study', study.name])}`);
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      this.output.appendLine(`✖ ${text}`);
      void vscode.window.showErrorMessage(`Tuneboard: could not stop ${study.name}: ${text}`);
    }
  }

  async dispose(): Promise<void> {
    await Promise.all([...this.runs.values()].map((run) => run.process.stop(4000)));
    this.indexSubscription.dispose();
    this.statusBar.dispose();
    this.changed.dispose();
  }

  private onEvent(run: ActiveRun, event: StudyEvent): void {
    switch (event.type) {
      case 'study-started':
        run.key = `${event.storage}#${event.study}`;
        this.update();
        this.readJournal(run);
        return;
      case 'worker-ready':
        run.backend ??= event.backend;
        return;
      case 'trial-started':
        run.firstTrial ??= event.number;
        this.readJournal(run);
        return;
      case 'trial-reported':
      case 'trial-finished':
      case 'study-finished':
        // The event follows the journal write: read it now rather than wait for the file watcher.
        this.readJournal(run);
        return;
      case 'log':
        return;
      default:
        throw new TypeError(`unknown study event ${JSON.stringify(event satisfies never)}`);
    }
  }

  /** Asks the index to read the run's journal, once per burst of events. */
  private readJournal(run: ActiveRun): Promise<void> {
    const journal = journalOf(run);
    if (journal === null || this.readsPending.has(journal)) return Promise.resolve();
    this.readsPending.add(journal);
    // The config too: a config written just before Tune may not have reached the watcher yet, and the
    // journal's study must be shown as that config's.
    return this.index.readNow([run.configPath, journal]).finally(() => this.readsPending.delete(journal));
  }

  /** The run's study as the index has it, once the run has said which journal it writes. */
  summaryOf(run: ActiveRun): StudySummary | undefined {
    return run.key === null ? undefined : this.index.get(run.key);
  }

  private async showProgress(run: ActiveRun): Promise<void> {
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Tuning ${run.study}`, cancellable: true },
      async (progress, token) => {
        token.onCancellationRequested(() => void this.stop(run.configPath));
        let reported = 0;
        const listener = this.onDidChange(() => {
          const study = this.summaryOf(run);
          const fraction = study ? (progressFraction(study.progress) ?? 0) : 0;
          const increment = Math.max(0, fraction * 100 - reported);
          reported += increment;
          progress.report({ increment, message: describeRun(study) });
        });
        try {
          await run.process.exited;
        } finally {
          listener.dispose();
        }
      },
    );
  }

  private async onExit(run: ActiveRun, exit: StudyExit): Promise<void> {
    // The views first take the journal as the run left it, then all show the run as over at once.
    const journal = journalOf(run);
    if (journal !== null) await this.index.readNow([run.configPath, journal]).catch(() => undefined);
    this.runs.delete(run.configPath);
    this.update();
    const finished = exit.finished;
    const study = this.summaryOf(run);
    if (exit.code === 0 && study !== undefined && study.counts.waiting > 0) {
      // A trial enqueued (Rerun) just as the run ended: the runner takes them to its last moment, so
      // a leftover came too late for it. Run again for it rather than leave it waiting.
      this.output.appendLine(`↻ ${run.study}: a trial was enqueued as the run ended; running it`);
      void this.start(vscode.Uri.file(run.configPath), 'run');
      return;
    }
    if (exit.code === 0) {
      this.output.appendLine(`✔ ${run.study} finished`);
      showFinishNotice(run, study);
    } else if (exit.code === EXIT_INTERRUPTED || run.process.isStopping) {
      this.output.appendLine(`■ ${run.study} stopped`);
      void vscode.window.showInformationMessage(stoppedNotice(run.study, study));
    } else {
      const reason = finished?.error ?? exit.error ?? `the study process exited with ${exit.signal ?? `code ${exit.code}`}`;
      this.output.appendLine(`✖ ${run.study}: ${reason}`);
      void vscode.window.showErrorMessage(`Tuneboard: ${run.study} stopped: ${reason}`, 'Show Output').then((pick) => pick && this.output.show(true));
    }
  }

  private update(): void {
    this.statusBar.show(this.active);
    this.changed.fire();
  }
}

function journalOf(run: ActiveRun): string | null {
  return run.key === null ? null : run.key.slice(0, run.key.lastIndexOf('#'));
}
