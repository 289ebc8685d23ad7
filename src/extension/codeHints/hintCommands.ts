/**
 * The commands a param's hover links to: write the best value over the literal it points at, and open
 * the study's leaderboard at the param's slice plot. Their arguments come from a command link in a
 * hover, so each is checked before anything is done.
 */
import * as vscode from 'vscode';
import type { LeaderboardPanels } from '../leaderboard/leaderboardPanels';
import type { StudyIndex } from '../studies/studyIndex';

export function registerHintCommands(index: StudyIndex, leaderboards: LeaderboardPanels): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('tuneboard.applyHintValue', async (uri: unknown, version: unknown, start: unknown, end: unknown, text: unknown) => {
      if (typeof uri !== 'string' || typeof version !== 'number' || !isOffset(start) || !isOffset(end) || end < start || typeof text !== 'string') return;
      const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
      // The hover was for that version: a literal that moved since must not be overwritten blindly.
      if (!document || document.version !== version) {
        void vscode.window.showInformationMessage('Tuneboard: the file changed since that hover; hover the value again.');
        return;
      }
      const edit = new vscode.WorkspaceEdit();
      edit.replace(document.uri, new vscode.Range(document.positionAt(start), document.positionAt(end)), text);
      if (!(await vscode.workspace.applyEdit(edit))) void vscode.window.showWarningMessage(`Tuneboard: ${vscode.workspace.asRelativePath(document.uri)} did not take the edit.`);
    }),
    vscode.commands.registerCommand('tuneboard.showParamInLeaderboard', (key: unknown, param: unknown) => {
      if (typeof key !== 'string' || typeof param !== 'string' || !index.get(key)) return;
      leaderboards.open(key, undefined, param);
    }),
  ];
}

function isOffset(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
