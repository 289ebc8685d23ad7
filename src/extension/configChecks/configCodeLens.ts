/**
 * CodeLens at the top of every `*.tune.yaml`: ▶ Tune (■ Stop while it runs, ⏵ Resume once a run was
 * stopped) · Open Leaderboard · Apply best (Apply a front trial, for a multi-objective study: it has
 * no single best, and Apply Best Params asks which trial of its Pareto front).
 */
import * as vscode from 'vscode';
import { isTuneConfig } from './configDiagnostics';

export interface CodeLensState {
  isConfigRunning(configPath: string): boolean;
  /** Its study has params to apply: a best trial, or (several objectives) a Pareto front; `front` for the latter. */
  paramsToApply(configPath: string): 'best' | 'front' | null;
  hasTrials(configPath: string): boolean;
  /** The config's study was stopped mid-run (see tuneMore.ts's wasStopped). */
  wasStopped(configPath: string): boolean;
  readonly onDidChange: vscode.Event<void>;
}

export class ConfigCodeLens implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly state: CodeLensState) {
    this.subscription = state.onDidChange(() => this.changed.fire());
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!isTuneConfig(document)) return [];
    const top = new vscode.Range(0, 0, 0, 0);
    const running = this.state.isConfigRunning(document.fileName);
    const lenses = [this.runLens(top, document.uri, running)];
    if (running || this.state.hasTrials(document.fileName)) {
      lenses.push(new vscode.CodeLens(top, { title: '$(graph) Open Leaderboard', command: 'tuneboard.openLeaderboard', arguments: [document.uri], tooltip: 'Trials, learning curves and parameter importance of this study, live' }));
    }
    const offered = this.state.paramsToApply(document.fileName);
    if (offered === 'best') {
      lenses.push(new vscode.CodeLens(top, { title: '$(check-all) Apply best', command: 'tuneboard.applyBest', arguments: [document.uri], tooltip: 'Write the best trial’s params into the files under apply:' }));
    } else if (offered === 'front') {
      lenses.push(new vscode.CodeLens(top, { title: '$(check-all) Apply a front trial…', command: 'tuneboard.applyBest', arguments: [document.uri], tooltip: 'Pick a trial on the Pareto front and write its params into the files under apply:' }));
    }
    return lenses;
  }

  private runLens(top: vscode.Range, uri: vscode.Uri, running: boolean): vscode.CodeLens {
    if (running) return new vscode.CodeLens(top, { title: '$(debug-stop) Stop', command: 'tuneboard.stop', arguments: [uri], tooltip: 'Stop this study; the trials it is running are marked stopped and use no budget' });
    if (this.state.wasStopped(uri.fsPath)) {
      return new vscode.CodeLens(top, { title: '$(debug-continue) Resume', command: 'tuneboard.resume', arguments: [uri], tooltip: 'Continue this study where its last run was stopped: new trials take the place of the stopped ones' });
    }
    return new vscode.CodeLens(top, { title: '$(play) Tune', command: 'tuneboard.tune', arguments: [uri], tooltip: 'Run this study (resuming its journal if it has one); once its trials are all run, asks how many more' });
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
