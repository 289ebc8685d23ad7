/** The status-bar item of running studies: name, n/N and best (from the index); a click opens the study's leaderboard. */
import * as vscode from 'vscode';
import type { StudySummary } from '../studies/studySummary';
import { describeRun } from './runNotices';
import type { ActiveRun } from './studyRuns';

export class RunStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('tuneboard.runs', vscode.StatusBarAlignment.Left, 50);

  constructor(private readonly summaryOf: (key: string) => StudySummary | undefined) {
    this.item.name = 'Tuneboard';
  }

  show(runs: readonly ActiveRun[]): void {
    const [first] = runs;
    if (!first) {
      this.item.hide();
      return;
    }
    const line = (run: ActiveRun): string => describeRun(run.key === null ? undefined : this.summaryOf(run.key));
    this.item.text = runs.length === 1 ? `$(sync~spin) ${first.study} ${line(first)}` : `$(sync~spin) Tuning ${runs.length} studies`;
    this.item.tooltip = runs.map((run) => `${run.study}: ${line(run)}`).join('\n');
    this.item.command = runs.length === 1
      ? { title: 'Open Leaderboard', command: 'tuneboard.openLeaderboard', arguments: [first.key ?? first.configPath] }
      : { title: 'Show Studies', command: 'tuneboard.revealStudy', arguments: [first.key ?? first.configPath] };
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
