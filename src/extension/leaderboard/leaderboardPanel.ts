/**
 * One leaderboard webview panel for one study. It sends the page a snapshot when the page says it is
 * ready, then only the trials that changed (coalesced, at most a few messages a second while a study
 * streams), and turns the page's requests, checked by parseWebviewMessage, into editor actions.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { FrozenTrial } from '../../core';
import { parseWebviewMessage, type HostMessage, type ImportanceResult, type ParamSpec, type StudyHeader, type WebviewMessage } from '../../protocol/leaderboard';
import type { StudyIndex, StudySummary } from '../studies/studyIndex';
import type { LeaderboardActions } from './leaderboardActions';
import { leaderboardHtml, makeNonce } from './leaderboardHtml';
import { readLogTail } from './logTail';
import { buildHeader } from './studyHeader';
import { changedTrials, paramSpace, toTrialDetail, toTrialRow, trialLogPath, withTrials } from './trialRows';

export const LEADERBOARD_VIEW_TYPE = 'tuneboard.leaderboard';

/** Updates while a study streams are gathered this long, so a burst of reports is one message. */
const COALESCE_MS = 150;

export interface LeaderboardContext {
  readonly index: StudyIndex;
  readonly extensionUri: vscode.Uri;
  readonly actions: LeaderboardActions;
  /** Resolves when the study index has done its first scan. */
  readonly whenIndexed: Promise<void>;
  isRunning(key: string): boolean;
  liveBackend(key: string): string | null;
  /** Parameter importance for the study's trials; resolves to null with a reason when there is none. */
  importance(study: StudySummary): Promise<{ result: ImportanceResult | null; reason?: string }>;
}

export class LeaderboardPanel implements vscode.Disposable {
  /** The page said `ready` (and has not been hidden since): it can take messages. */
  private ready = false;
  /** The page has this study's snapshot; later messages are differences from `sentTrials`. */
  private snapshotSent = false;
  private sentTrials: readonly FrozenTrial[] = [];
  private sentSpace: readonly ParamSpec[] = [];
  private sentHeader = '';
  private timer: NodeJS.Timeout | null = null;
  private importanceFor = -1;
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly disposed = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposed.event;

  constructor(
    readonly key: string,
    readonly panel: vscode.WebviewPanel,
    private readonly context: LeaderboardContext,
  ) {
    const webviewRoot = vscode.Uri.joinPath(context.extensionUri, 'dist', 'webview');
    panel.webview.options = { enableScripts: true, localResourceRoots: [webviewRoot] };
    panel.iconPath = { light: vscode.Uri.joinPath(context.extensionUri, 'media', 'leaderboard-light.svg'), dark: vscode.Uri.joinPath(context.extensionUri, 'media', 'leaderboard-dark.svg') };
    const study = context.index.get(key);
    panel.title = `Leaderboard: ${study?.name ?? 'study'}`;
    panel.webview.html = leaderboardHtml({
      cspSource: panel.webview.cspSource,
      nonce: makeNonce((size) => randomBytes(size)),
      scriptUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(webviewRoot, 'leaderboard.js')).toString(),
      styleUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(webviewRoot, 'leaderboard.css')).toString(),
      codiconUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(webviewRoot, 'codicon.css')).toString(),
      title: panel.title,
    });
    this.subscriptions.push(
      panel.webview.onDidReceiveMessage((raw: unknown) => void this.receive(raw)),
      panel.onDidDispose(() => this.dispose()),
      // A hidden webview gets no messages; it asks for a fresh snapshot with `ready` when shown again.
      panel.onDidChangeViewState(() => {
        if (!panel.visible) this.ready = this.snapshotSent = false;
      }),
    );
  }

  /** The study changed (trials, config, run state): schedules one update message. */
  changed(): void {
    if (!this.ready || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.sendUpdate();
    }, COALESCE_MS);
  }

  /** Selects a trial in the page (the tree's "Show in Leaderboard"). */
  select(number: number): void {
    this.panel.reveal(undefined, false);
    this.post({ type: 'select', number });
  }

  /** Shows a param's slice plot (a code hover's "Open Leaderboard at lr"). */
  showParam(param: string): void {
    this.panel.reveal(undefined, false);
    this.post({ type: 'showParam', param });
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const subscription of this.subscriptions.splice(0)) subscription.dispose();
    this.disposed.fire();
    this.disposed.dispose();
    this.panel.dispose();
  }

  private post(message: HostMessage): void {
    void this.panel.webview.postMessage(message);
  }

  private async receive(raw: unknown): Promise<void> {
    const message = parseWebviewMessage(raw);
    if (!message) return; // not ours, or malformed: a webview is untrusted input
    try {
      await this.handle(message);
    } catch (error) {
      this.post({ type: 'notice', level: 'error', text: error instanceof Error ? error.message : String(error) });
    }
  }

  private async handle(message: WebviewMessage): Promise<void> {
    if (message.type === 'ready') {
      await this.context.whenIndexed; // a panel restored at startup asks before the first scan is done
      this.ready = true;
      return this.sendSnapshot(this.context.index.get(this.key));
    }
    const study = this.context.index.get(this.key);
    if (!study) return this.post({ type: 'notice', level: 'error', text: 'This study is no longer in the workspace.' });
    const { actions } = this.context;
    switch (message.type) {
      case 'studyAction':
        return actions.studyAction(study, message.action);
      case 'applyParams':
        return actions.applyParams(study, this.trial(study, message.number));
      case 'copyParams':
        return actions.copyParams(study, this.trial(study, message.number));
      case 'insertParams':
        return actions.insertParams(study, this.trial(study, message.number));
      case 'rerunParams': {
        const notice = await actions.rerunParams(study, this.trial(study, message.number));
        return notice ? this.post({ type: 'notice', level: 'info', text: notice }) : undefined;
      }
      case 'openLog':
        return actions.openLog(this.trial(study, message.number));
      case 'requestDetail': {
        const trial = this.trial(study, message.number);
        const logPath = trialLogPath(trial);
        const logTail = logPath ? await readLogTail(logPath) : null;
        return this.post({ type: 'detail', detail: toTrialDetail(trial, logTail, logPath) });
      }
      case 'saveExport': {
        const saved = await actions.saveExport(study, message.format, message.content);
        return saved ? this.post({ type: 'notice', level: 'info', text: `Saved ${saved}` }) : undefined;
      }
      case 'saveImage': {
        const saved = await actions.saveImage(study, message.format, message.name, message.content);
        return saved ? this.post({ type: 'notice', level: 'info', text: `Saved ${saved}` }) : undefined;
      }
      default:
        throw new TypeError(`unhandled leaderboard message ${JSON.stringify(message satisfies never)}`);
    }
  }

  private trial(study: StudySummary, number: number): FrozenTrial {
    const trial = study.trials.find((t) => t.number === number);
    if (!trial) throw new Error(`${study.name} has no trial #${number}.`);
    return trial;
  }

  private async sendSnapshot(study: StudySummary | undefined): Promise<void> {
    if (!study) {
      this.post({ type: 'notice', level: 'error', text: 'This study is no longer in the workspace (its journal or config was removed).' });
      return;
    }
    const header = this.header(study);
    this.sentTrials = study.trials;
    this.sentSpace = paramSpace(study.trials);
    this.sentHeader = JSON.stringify(header);
    this.snapshotSent = true;
    this.post({ type: 'snapshot', header, space: this.sentSpace, trials: study.trials.map(toTrialRow) });
    this.importanceFor = -1;
    void this.updateImportance(study);
  }

  private async sendUpdate(): Promise<void> {
    const study = this.context.index.get(this.key);
    if (!this.ready) return;
    // A study that was missing (not scanned yet, or removed and back): show it from scratch.
    if (!this.snapshotSent) return study ? this.sendSnapshot(study) : undefined;
    if (!study) return;
    this.panel.title = `Leaderboard: ${study.name}`;
    const changed = changedTrials(this.sentTrials, study.trials);
    // A journal replaced or rewritten (trials gone) is easier to show afresh.
    if (study.trials.length < this.sentTrials.length) return this.sendSnapshot(study);
    if (changed.length > 0) {
      const space = withTrials(this.sentSpace, changed);
      const spaceChanged = space !== this.sentSpace;
      this.sentSpace = space;
      this.post({ type: 'trials', upserts: changed.map(toTrialRow), ...(spaceChanged ? { space } : {}) });
    }
    this.sentTrials = study.trials;
    const header = this.header(study);
    const serialized = JSON.stringify(header);
    if (serialized !== this.sentHeader) {
      this.sentHeader = serialized;
      this.post({ type: 'header', header });
    }
    if (changed.some((trial) => trial.state === 'complete')) void this.updateImportance(study);
  }

  private header(study: StudySummary): StudyHeader {
    return buildHeader(study, study.configPath === null ? undefined : this.context.index.config(study.configPath), {
      running: this.context.isRunning(study.key),
      trusted: vscode.workspace.isTrusted,
      liveBackend: this.context.liveBackend(study.key),
    });
  }

  /** Recomputes importance when the number of complete trials changed since the last time. */
  private async updateImportance(study: StudySummary): Promise<void> {
    const complete = study.counts.complete;
    if (complete === this.importanceFor) return;
    this.importanceFor = complete;
    const { result, reason } = await this.context.importance(study);
    if (this.ready) this.post({ type: 'importance', result, ...(reason ? { reason } : {}) });
  }
}
