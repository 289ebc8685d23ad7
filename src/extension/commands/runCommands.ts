/** Tune, Resume and Stop: starting and stopping study processes. */
import * as vscode from 'vscode';
import type { StudyIndex } from '../studies/studyIndex';
import type { StudyRuns } from '../running/studyRuns';
import { pickConfig } from './studyTargets';

export function registerRunCommands(index: StudyIndex, runs: StudyRuns): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('tuneboard.tune', async (arg: unknown) => {
      const config = await pickConfig(arg, index, 'tuned');
      if (config) await runs.start(config, 'run');
    }),
    vscode.commands.registerCommand('tuneboard.resume', async (arg: unknown) => {
      const config = await pickConfig(arg, index, 'resumed');
      if (config) await runs.start(config, 'resume');
    }),
    vscode.commands.registerCommand('tuneboard.stop', async (arg: unknown) => {
      const target = await pickRunning(arg, runs);
      if (target) await runs.stop(target);
    }),
  ];
}

/** A running study's config path or key: from the argument, else the only one running, else ask. */
async function pickRunning(arg: unknown, runs: StudyRuns): Promise<string | undefined> {
  if (arg instanceof vscode.Uri) return arg.fsPath;
  if (typeof arg === 'string') return arg;
  if (typeof arg === 'object' && arg !== null && typeof (arg as { key?: unknown }).key === 'string') return (arg as { key: string }).key;
  const active = runs.active;
  if (active.length === 0) {
    void vscode.window.showInformationMessage('No study is running.');
    return undefined;
  }
  if (active.length === 1) return active[0]?.configPath;
  const pick = await vscode.window.showQuickPick(
    active.map((run) => ({ label: run.study, description: vscode.workspace.asRelativePath(run.configPath), run })),
    { title: 'Stop which study?' },
  );
  return pick?.run.configPath;
}
