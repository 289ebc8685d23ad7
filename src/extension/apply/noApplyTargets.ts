/**
 * Apply on a config that lists no `apply:` files: rather than a preview with nothing ticked, say so
 * and offer the two ways on: add a file to `apply:` (picked from the workspace, written into the
 * config as one undoable edit, then Apply runs again), or insert the params at the cursor.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { applyEntryInsertion } from './applyTargetEntry';

const ADD_TARGET = 'Add apply: Target…';
const INSERT = 'Insert at Cursor';
/** Files Apply can write into (src/core/apply's languages). */
const TARGET_GLOB = '**/*.{py,yaml,yml,json,js,mjs,cjs,ts,mts,cts}';
const NOT_TARGETS = '**/{node_modules,.git,.tuneboard,.venv,venv,__pycache__,dist,out}/**';

export interface NoTargetsRequest {
  readonly study: string;
  readonly studyKey?: string;
  readonly trialNumber: number;
  readonly configPath: string;
}

/** True when Apply, run again after a target was added, changed a file (an insertion is the Insert command's own business). */
export async function offerApplyTargets(request: NoTargetsRequest, output: vscode.OutputChannel, applyAgain: () => Promise<boolean>): Promise<boolean> {
  const config = path.basename(request.configPath);
  const pick = await vscode.window.showInformationMessage(
    `Tuneboard: ${config} has no apply: targets, so there is nowhere to write the params of trial #${request.trialNumber}. Add a file to apply:, or insert the params at the cursor.`,
    ADD_TARGET,
    INSERT,
  );
  if (pick === INSERT) {
    // A known study inserts this very trial; without its key, Insert Best Params asks which study.
    if (request.studyKey === undefined) await vscode.commands.executeCommand('tuneboard.insertBestParams');
    else await vscode.commands.executeCommand('tuneboard.insertTrialParams', { key: request.studyKey, number: request.trialNumber });
    return false;
  }
  if (pick !== ADD_TARGET) return false;
  const file = await pickTargetFile(request.configPath);
  if (!file) return false;
  if (!(await addApplyTarget(request.configPath, file, output))) return false;
  return applyAgain();
}

/** A workspace file Apply could write, those beside the config first. */
async function pickTargetFile(configPath: string): Promise<string | undefined> {
  const folder = path.dirname(configPath);
  const found = await vscode.workspace.findFiles(TARGET_GLOB, NOT_TARGETS, 2000);
  const files = found
    .map((uri) => uri.fsPath)
    .filter((file) => !/\.tune\.ya?ml$/i.test(file))
    .map((file) => ({ file, relative: path.relative(folder, file).split(path.sep).join('/') }))
    .sort((a, b) => Number(a.relative.startsWith('..')) - Number(b.relative.startsWith('..')) || a.relative.split('/').length - b.relative.split('/').length || a.relative.localeCompare(b.relative));
  if (files.length === 0) {
    void vscode.window.showInformationMessage('Tuneboard: the workspace has no Python, YAML, JSON, JavaScript or TypeScript file for Apply to write into.');
    return undefined;
  }
  const pick = await vscode.window.showQuickPick(
    files.map(({ file, relative }) => ({ label: path.basename(file), description: relative, relative })),
    { title: `Add an apply: target to ${path.basename(configPath)}`, placeHolder: 'The file whose assignments, keys or argparse defaults are named like the params', matchOnDescription: true },
  );
  return pick?.relative;
}

/** Writes `{ file: <relative> }` into the config's apply: list as one edit; false (after saying why) when it cannot. */
async function addApplyTarget(configPath: string, relative: string, output: vscode.OutputChannel): Promise<boolean> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(configPath));
  const insertion = applyEntryInsertion(document.getText(), relative);
  if ('error' in insertion) {
    void vscode.window.showWarningMessage(`Tuneboard: cannot add ${relative} to ${path.basename(configPath)}: ${insertion.error}.`);
    return false;
  }
  const wasClean = !document.isDirty;
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(document.positionAt(insertion.start), document.positionAt(insertion.end)), insertion.text);
  if (!(await vscode.workspace.applyEdit(edit))) return false;
  // Saved, so runs and `tuneboard apply` see the target too; a config with the user's own unsaved
  // changes is left for them to save (Apply then asks before writing into its unsaved text).
  if (wasClean) await document.save();
  output.appendLine(`✔ added ${relative} to the apply: targets of ${vscode.workspace.asRelativePath(document.uri)}`);
  return true;
}
