/**
 * Apply Best (or any trial's) Params: one WorkspaceEdit over the config's `apply:` targets and, on
 * request, the config itself (pinning the values), shown in the refactor preview and undoable in one
 * step. The text edits themselves are planned by src/core/apply, which knows YAML, JSON, Python and JS/TS.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parseConfig } from '../../core/config';
import type { ParamValue } from '../../core/distributions';
import { pinSpaceInConfig, planParamEdits, type MissingParam, type TextEditPlan } from '../../core/apply';

export interface ParamsToApply {
  readonly study: string;
  readonly trialNumber: number;
  readonly params: Readonly<Record<string, ParamValue>>;
  readonly configPath: string;
}

interface Target {
  readonly uri: vscode.Uri;
  readonly kind: 'apply' | 'pin';
  readonly map: Readonly<Record<string, string>>;
}

export async function applyParams(request: ParamsToApply, output: vscode.OutputChannel): Promise<boolean> {
  const targets = await chooseTargets(request);
  if (!targets) return false;
  const edit = new vscode.WorkspaceEdit();
  const missing: { file: string; param: MissingParam }[] = [];
  const warnings: string[] = [];
  let count = 0;
  let alreadySet = 0;
  for (const target of targets) {
    const document = await openDocument(target.uri);
    if (!document) continue;
    if (document.isDirty && !(await confirmDirty(document))) continue;
    const text = document.getText();
    const planned = target.kind === 'pin' ? pinSpaceInConfig(text, document.fileName, request.params) : planParamEdits(text, document.fileName, request.params, target.map);
    const edits: readonly TextEditPlan[] = 'placed' in planned ? planned.placed.flatMap((placement) => placement.edits) : planned.edits;
    if ('warnings' in planned) warnings.push(...planned.warnings.map((w) => `${vscode.workspace.asRelativePath(target.uri)}: ${w}`));
    for (const item of planned.missing) missing.push({ file: vscode.workspace.asRelativePath(target.uri), param: item });
    for (const change of edits) {
      // A value that already holds needs no edit, but it was found, so it is not reported missing.
      if (change.unchanged) {
        alreadySet += 1;
        continue;
      }
      const range = new vscode.Range(document.positionAt(change.start), document.positionAt(change.end));
      edit.replace(target.uri, range, change.newText, {
        label: `${change.param} = ${change.newText}`,
        description: `line ${change.line}`,
        needsConfirmation: true,
      });
      count += 1;
    }
  }
  reportMissing(missing, request, output);
  for (const warning of warnings) output.appendLine(`  ${warning}`);
  if (count === 0 && alreadySet > 0) {
    void vscode.window.showInformationMessage(`Tuneboard: the files already hold the params of trial #${request.trialNumber}.`);
    return false;
  }
  if (count === 0) {
    void vscode.window.showWarningMessage(`Tuneboard: found no place to write the params of trial #${request.trialNumber}${missing.length ? ' (see the Tuneboard output for where it looked)' : ''}.`);
    return false;
  }
  // needsConfirmation opens the refactor preview; applying it is one undoable step.
  const applied = await vscode.workspace.applyEdit(edit, { isRefactoring: true });
  if (applied) {
    output.appendLine(`✔ applied ${count} value(s) of ${request.study} trial #${request.trialNumber}`);
    if (warnings.length > 0) void vscode.window.showWarningMessage(`Tuneboard: ${warnings.join(' ')}`);
  }
  return applied;
}

async function chooseTargets(request: ParamsToApply): Promise<Target[] | undefined> {
  const configUri = vscode.Uri.file(request.configPath);
  const document = await openDocument(configUri);
  if (!document) return undefined;
  const { config } = parseConfig(document.getText(), request.configPath);
  const dir = path.dirname(request.configPath);
  const applyTargets: Target[] = (config?.apply ?? []).map((target) => ({ uri: vscode.Uri.file(path.resolve(dir, target.file)), kind: 'apply', map: target.map }));
  const pin: Target = { uri: configUri, kind: 'pin', map: {} };
  const items = [
    ...applyTargets.map((target) => ({ label: vscode.workspace.asRelativePath(target.uri), description: 'listed under apply:', picked: true, target })),
    { label: `Pin in ${path.basename(request.configPath)}`, description: 'replace the search space with these fixed values', picked: applyTargets.length === 0, target: pin },
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: `Apply the params of ${request.study} trial #${request.trialNumber} to…`,
    canPickMany: true,
  });
  return picked && picked.length > 0 ? picked.map((item) => item.target) : undefined;
}

async function openDocument(uri: vscode.Uri): Promise<vscode.TextDocument | undefined> {
  try {
    return await vscode.workspace.openTextDocument(uri);
  } catch (error) {
    void vscode.window.showErrorMessage(`Tuneboard: cannot open ${vscode.workspace.asRelativePath(uri)}: ${(error as Error).message}`);
    return undefined;
  }
}

async function confirmDirty(document: vscode.TextDocument): Promise<boolean> {
  const answer = await vscode.window.showWarningMessage(
    `${vscode.workspace.asRelativePath(document.uri)} has unsaved changes.`,
    { modal: true, detail: 'Tuneboard can write the params into the unsaved text (you save it afterwards), or leave this file alone.' },
    'Apply to Unsaved Text',
    'Skip This File',
  );
  return answer === 'Apply to Unsaved Text';
}

function reportMissing(missing: readonly { file: string; param: MissingParam }[], request: ParamsToApply, output: vscode.OutputChannel): void {
  if (missing.length === 0) return;
  output.appendLine(`Apply params of ${request.study} trial #${request.trialNumber}: ${missing.length} param(s) not placed`);
  for (const { file, param } of missing) output.appendLine(`  ${file}: ${param.param}${param.name !== param.param ? ` (as ${param.name})` : ''}: looked for ${param.lookedFor}`);
  const names = [...new Set(missing.map((m) => m.param.param))].join(', ');
  void vscode.window.showWarningMessage(`Tuneboard: could not place ${names}. The Tuneboard output says where it looked.`, 'Show Output').then((pick) => pick && output.show(true));
}
