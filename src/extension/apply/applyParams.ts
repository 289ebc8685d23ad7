/**
 * Apply Best (or any trial's) Params: one WorkspaceEdit over the config's `apply:` targets and,
 * optionally, the config itself (pinning the values), shown in the refactor preview — the apply:
 * edits ticked, the pin edits offered unticked — and undoable in one step. The text edits themselves are planned by src/core/apply, which knows YAML, JSON, Python and JS/TS.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { type MissingParam, type ParamValue, parseConfig, pinSpaceInConfig, planParamEdits, type TextEditPlan } from '../../core';

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
  const targets = await readTargets(request);
  if (!targets) return false;
  const edit = new vscode.WorkspaceEdit();
  const missing: { file: string; param: MissingParam }[] = [];
  const warnings: string[] = [];
  let toApply = 0;
  let toPin = 0;
  let alreadySet = 0;
  for (const target of targets) {
    const document = await openDocument(target.uri);
    if (!document) continue;
    if (document.isDirty && !(await confirmDirty(document))) continue;
    const text = document.getText();
    const file = vscode.workspace.asRelativePath(target.uri);
    const planned = target.kind === 'pin' ? pinSpaceInConfig(text, document.fileName, request.params) : planParamEdits(text, document.fileName, request.params, target.map);
    const edits: readonly TextEditPlan[] = 'placed' in planned ? planned.placed.flatMap((placement) => placement.edits) : planned.edits;
    // Pinning is optional and the config's own business: its misses are not worth a warning.
    if (target.kind === 'apply') for (const item of planned.missing) missing.push({ file, param: item });
    if ('warnings' in planned) warnings.push(...planned.warnings.map((w) => `${file}: ${w}`));
    for (const change of edits) {
      // A value that already holds needs no edit, but it was found, so it is not reported missing.
      if (change.unchanged) {
        if (target.kind === 'apply') alreadySet += 1;
        continue;
      }
      const range = new vscode.Range(document.positionAt(change.start), document.positionAt(change.end));
      // The refactor preview ticks the apply: edits and leaves pinning the config to the user's choice.
      edit.replace(target.uri, range, change.newText, {
        label: target.kind === 'apply' ? `Apply trial #${request.trialNumber}` : `Optional: pin the values in ${path.basename(request.configPath)} (the space becomes fixed)`,
        description: `${change.param} = ${change.newText}, line ${change.line}`,
        needsConfirmation: target.kind === 'pin',
      });
      if (target.kind === 'apply') toApply += 1;
      else toPin += 1;
    }
  }
  reportMissing(missing, request, output);
  for (const warning of warnings) output.appendLine(`  ${warning}`);
  if (toApply === 0 && toPin === 0) {
    const message = alreadySet > 0 ? `the files already hold the params of trial #${request.trialNumber}` : `found no place to write the params of trial #${request.trialNumber}`;
    void vscode.window.showInformationMessage(`Tuneboard: ${message}.`);
    return false;
  }
  if (toApply === 0) {
    void vscode.window.showInformationMessage(
      `Tuneboard: ${targets.some((t) => t.kind === 'apply') ? 'no apply: target holds these params' : `${path.basename(request.configPath)} lists no files under apply:`}; the preview offers to pin the values in the config.`,
    );
  }
  // Edits that need confirmation open the refactor preview; applying it is one undoable step.
  const applied = await vscode.workspace.applyEdit(edit, { isRefactoring: true });
  if (applied) output.appendLine(`✔ applied the params of ${request.study} trial #${request.trialNumber} (${toApply} edit(s) in apply: targets, ${toPin} pin edit(s) offered)`);
  return applied;
}

/** The config's `apply:` files, then the config itself for optional pinning. */
async function readTargets(request: ParamsToApply): Promise<Target[] | undefined> {
  const configUri = vscode.Uri.file(request.configPath);
  const document = await openDocument(configUri);
  if (!document) return undefined;
  const { config } = parseConfig(document.getText(), request.configPath);
  const dir = path.dirname(request.configPath);
  const applyTargets: Target[] = (config?.apply ?? []).map((target) => ({ uri: vscode.Uri.file(path.resolve(dir, target.file)), kind: 'apply', map: target.map }));
  return [...applyTargets, { uri: configUri, kind: 'pin', map: {} }];
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
