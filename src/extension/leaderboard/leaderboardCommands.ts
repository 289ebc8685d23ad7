/** Open Leaderboard (tree, CodeLens, status bar, palette), and Show in Leaderboard and Rerun for a trial node. */
import * as vscode from 'vscode';
import { pickStudy, trialOfNode } from '../commands/studyTargets';
import type { StudyIndex } from '../studies/studyIndex';
import type { LeaderboardActions } from './leaderboardActions';
import type { LeaderboardPanels } from './leaderboardPanels';

export function registerLeaderboardCommands(index: StudyIndex, leaderboards: LeaderboardPanels, actions: LeaderboardActions, output: vscode.OutputChannel): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('tuneboard.openLeaderboard', async (arg: unknown) => {
      const study = await pickStudy(arg, index, 'Open the leaderboard of which study?', (s) => s.trials.length > 0 || s.problem === null);
      if (study) leaderboards.open(study.key);
    }),
    vscode.commands.registerCommand('tuneboard.showInLeaderboard', (arg: unknown) => {
      const found = trialOfNode(arg, index);
      if (found) leaderboards.open(found.study.key, found.trial.number);
    }),
    vscode.commands.registerCommand('tuneboard.rerunTrial', async (arg: unknown) => {
      const found = trialOfNode(arg, index);
      if (!found) return;
      try {
        vscode.window.setStatusBarMessage(`$(debug-restart) ${await actions.rerunParams(found.study, found.trial)}`, 6000);
      } catch (error) {
        output.appendLine(String(error instanceof Error ? error.message : error));
        void vscode.window.showErrorMessage(error instanceof Error ? error.message : String(error));
      }
    }),
  ];
}
