/**
 * What a run of a config starts with: the config as the editor has it (its open document, unsaved
 * edits included), refused with a message when it has problems or would run the workspace's programs
 * in an untrusted workspace; the Node that runs the CLI; and the flags the user's settings add.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { formatProblem, isStorageUrl, parseConfig, type StudyConfig } from '../../core';
import { resolveNodeRuntime, type NodeRuntime } from './nodeRuntime';

/** The Node that runs the CLI for a config: `tuneboard.nodePath` (ignored in an untrusted workspace), else found. */
export function runtimeFor(configUri: vscode.Uri): NodeRuntime {
  const nodePath = vscode.workspace.isTrusted ? vscode.workspace.getConfiguration('tuneboard', configUri).get<string>('nodePath', '') : '';
  return resolveNodeRuntime(nodePath);
}

/** The config, if it can run here; null after telling the user why not. */
export async function runnableConfig(uri: vscode.Uri): Promise<StudyConfig | null> {
  const config = await readConfig(uri);
  if (!config) return null;
  if (config.trial.kind === 'command' && !vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage(
      `Tuneboard does not run command trials in an untrusted workspace: ${config.name} would run \`${config.trial.command.join(' ')}\` from this folder. Trust the workspace to tune it.`,
      'Manage Workspace Trust',
    ).then((pick) => pick && vscode.commands.executeCommand('workbench.trust.manage'));
    return null;
  }
  return config;
}

async function readConfig(uri: vscode.Uri): Promise<StudyConfig | null> {
  const document = await vscode.workspace.openTextDocument(uri);
  const { config, problems } = parseConfig(document.getText(), vscode.workspace.asRelativePath(uri));
  if (config) return config;
  const first = problems.find((p) => p.severity === 'error');
  const pick = await vscode.window.showErrorMessage(`Cannot tune: ${first ? formatProblem(first) : 'the config has problems'}`, 'Show Problems');
  if (pick) void vscode.commands.executeCommand('workbench.actions.view.problems');
  return null;
}

/** `--backend`, `--parallel` and `--storage` from the `tuneboard.*` settings of the config's folder. */
export function settingFlags(uri: vscode.Uri, config: StudyConfig): string[] {
  const settings = vscode.workspace.getConfiguration('tuneboard', uri);
  const flags: string[] = [];
  const backend = settings.get<string>('backend', 'auto');
  if (config.trial.kind === 'model' && backend !== 'auto') flags.push('--backend', backend);
  const parallel = settings.get<number | null>('parallel', null);
  if (typeof parallel === 'number' && parallel >= 1) flags.push('--parallel', String(Math.floor(parallel)));
  const storageDir = settings.get<string>('storageDir', '');
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  // A config whose storage is a server shares it with other hosts: the folder setting is for files.
  if (storageDir.trim() && folder && !isStorageUrl(config.storage)) flags.push('--storage', path.join(path.resolve(folder.uri.fsPath, storageDir), `${config.name}.jsonl`));
  return flags;
}
