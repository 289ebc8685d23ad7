/**
 * The open leaderboards: at most one panel per study, restored after a window reload by a webview
 * serializer (the page keeps its study key and view in getState/setState), and told when their
 * study's journal or run state changes.
 */
import * as vscode from 'vscode';
import type { StudyIndex } from '../studies/studyIndex';
import { LEADERBOARD_VIEW_TYPE, LeaderboardPanel, type LeaderboardContext } from './leaderboardPanel';

/** What the page saves with setState that the host reads back on restore. */
interface SavedPageState {
  readonly studyKey?: unknown;
}

export class LeaderboardPanels implements vscode.Disposable {
  private readonly panels = new Map<string, LeaderboardPanel>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly context: LeaderboardContext,
    index: StudyIndex,
    onRunsChanged: vscode.Event<void>,
  ) {
    this.subscriptions.push(
      vscode.window.registerWebviewPanelSerializer(LEADERBOARD_VIEW_TYPE, {
        deserializeWebviewPanel: async (panel, state: unknown) => this.restore(panel, state),
      }),
      onRunsChanged(() => this.panels.forEach((panel) => panel.changed())),
    );
    const indexSubscription = index.onDidChange((keys) => {
      for (const key of keys) this.panels.get(key)?.changed();
    });
    this.subscriptions.push({ dispose: () => indexSubscription.dispose() });
  }

  /** Opens (or reveals) the leaderboard of `key`, optionally selecting a trial or showing a param's slice plot. */
  open(key: string, select?: number, param?: string): void {
    let panel = this.panels.get(key);
    if (panel) {
      panel.panel.reveal(undefined, false);
    } else {
      const webviewPanel = vscode.window.createWebviewPanel(LEADERBOARD_VIEW_TYPE, 'Leaderboard', vscode.ViewColumn.Active, {
        enableScripts: true,
        enableFindWidget: true,
        localResourceRoots: [vscode.Uri.joinPath(this.context.extensionUri, 'dist', 'webview')],
      });
      panel = this.track(key, webviewPanel);
    }
    if (select !== undefined) panel.select(select);
    if (param !== undefined) panel.showParam(param);
  }

  isOpen(key: string): boolean {
    return this.panels.has(key);
  }

  dispose(): void {
    for (const subscription of this.subscriptions.splice(0)) subscription.dispose();
    for (const panel of [...this.panels.values()]) panel.dispose();
    this.panels.clear();
  }

  private restore(webviewPanel: vscode.WebviewPanel, state: unknown): void {
    const key = typeof state === 'object' && state !== null ? (state as SavedPageState).studyKey : undefined;
    if (typeof key !== 'string' || this.panels.has(key)) {
      // Nothing to show (an old page, or a second panel of one study): close it rather than leave it blank.
      webviewPanel.dispose();
      return;
    }
    this.track(key, webviewPanel);
  }

  private track(key: string, webviewPanel: vscode.WebviewPanel): LeaderboardPanel {
    const panel = new LeaderboardPanel(key, webviewPanel, this.context);
    this.panels.set(key, panel);
    panel.onDidDispose(() => {
      if (this.panels.get(key) === panel) this.panels.delete(key);
    });
    return panel;
  }
}
