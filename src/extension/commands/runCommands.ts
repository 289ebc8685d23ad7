/** Tune, Resume and Stop: starting and stopping study processes. Tune on a finished study offers more trials. */
import * as vscode from 'vscode';
import { trialRunner } from '../../core';
import { isOrphaned } from '../studies/orphanedTrials';
import type { StudyIndex, StudySummary } from '../studies/studyIndex';
import { studyState } from '../studies/studyPresentation';
import type { StudyRuns } from '../running/studyRuns';
import { resumeConfig, tuneConfig } from '../running/tuneMore';
import { pickConfig } from './studyTargets';

export function registerRunCommands(index: StudyIndex, runs: StudyRuns): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('tuneboard.tune', async (arg: unknown) => {
      const config = await pickConfig(arg, index, 'tuned');
      if (config) await tuneConfig(runs, runs, config);
    }),
    vscode.commands.registerCommand('tuneboard.resume', async (arg: unknown) => {
      const config = await pickConfig(arg, index, 'resumed');
      if (config) await resumeConfig(runs, runs, config);
    }),
    vscode.commands.registerCommand('tuneboard.stop', async (arg: unknown) => {
      const target = await pickRunning(arg, index, runs);
      if (target) await runs.stop(target);
    }),
  ];
}

/**
 * A running study's config path or key: from the argument, else the only one running, else ask. Studies
 * other processes run (a terminal, another host on a shared Redis) count too: Stop offers to stop them
 * everywhere.
 */
async function pickRunning(arg: unknown, index: StudyIndex, runs: StudyRuns): Promise<string | undefined> {
  if (arg instanceof vscode.Uri) return arg.fsPath;
  if (typeof arg === 'string') return arg;
  if (typeof arg === 'object' && arg !== null && typeof (arg as { key?: unknown }).key === 'string') return (arg as { key: string }).key;
  const ours = runs.active.map((run) => ({ label: run.study, description: vscode.workspace.asRelativePath(run.configPath), target: run.configPath }));
  const elsewhere = index.studies()
    .filter((study) => !runs.isRunning(study.key) && studyState(study, false, isOrphaned) === 'running')
    .map((study) => ({ label: study.name, description: `elsewhere: ${runnerHosts(study)}`, target: study.key }));
  const candidates = [...ours, ...elsewhere];
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage('No study is running.');
    return undefined;
  }
  if (candidates.length === 1) return candidates[0]?.target;
  return (await vscode.window.showQuickPick(candidates, { title: 'Stop which study?' }))?.target;
}

/** `gpu-box-2, gpu-box-3`: the hosts a study's running trials say they run on. */
function runnerHosts(study: StudySummary): string {
  const hosts = new Set(study.trials.filter((t) => t.state === 'running').map((t) => trialRunner(t)?.host ?? 'unknown host'));
  return [...hosts].join(', ');
}
