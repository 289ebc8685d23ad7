/** Opens a trial's log file (the tree's Reveal Trial Log and the leaderboard's Open log). */
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import { type FrozenTrial, LOG_ATTR } from '../../core';

/** Shows the log in a preview editor; throws, saying why, when the trial has none. */
export async function openTrialLog(trial: FrozenTrial): Promise<void> {
  const log = trial.systemAttrs[LOG_ATTR];
  if (typeof log === 'string' && existsSync(log)) await vscode.window.showTextDocument(vscode.Uri.file(log), { preview: true });
  else throw new Error(`Trial #${trial.number} has no log file${typeof log === 'string' ? ` (${log} is gone)` : ''}.`);
}
