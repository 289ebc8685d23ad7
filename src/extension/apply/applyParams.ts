/**
 * Apply Best (or any trial's) Params: one WorkspaceEdit over the config's `apply:` targets and,
 * optionally, the config itself (pinning the values), shown in the refactor preview — the apply:
 * edits ticked, the pin edits offered unticked — and undoable in one step. The text edits are planned
 * by src/core/apply (planApplyFiles, as `tuneboard apply` plans them), and the targets are checked by
 * src/configChecks/applyTargets.ts first: one outside the workspace folder, missing, or a folder
 * refuses the whole Apply (the editor has no --allow-outside; the CLI does). A config without
 * targets gets an offer to add one instead of an empty preview (noApplyTargets.ts); once the preview
 * closes, applyOutcome.ts says what really changed and offers to save it.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { type ApplyFileInput, describeStale, type Distribution, explainMissing, type InactiveParams, inactiveParamsForApply, NO_INACTIVE_PARAMS, staleLines, formatProblem, type MissingParam, paramsAsWritten, paramsNotPlaced, type ParamValue, parseConfig, planApplyFiles, type SkippedMatch } from '../../core';
import { checkApplyTargets, workspaceFolderOf } from '../../configChecks/applyTargets';
import { type EditedFile, reportOutcome } from './applyOutcome';
import { staleNote } from './applySummary';
import { offerApplyTargets } from './noApplyTargets';

export interface ParamsToApply {
  readonly study: string;
  /** The study index's key, so Insert at Cursor can insert this very trial. */
  readonly studyKey?: string;
  readonly trialNumber: number;
  readonly params: Readonly<Record<string, ParamValue>>;
  /** The trial's distributions: float params are written with the precision their range calls for (paramsAsWritten). */
  readonly distributions: Readonly<Record<string, Distribution>>;
  readonly configPath: string;
}

interface Target {
  readonly uri: vscode.Uri;
  readonly kind: 'apply' | 'pin';
  readonly map: Readonly<Record<string, string>>;
}

interface Found {
  readonly file: string;
  readonly param: string;
}

/** True when the user confirmed and some file changed. */
export async function applyParams(request: ParamsToApply, output: vscode.OutputChannel): Promise<boolean> {
  const read = await readTargets(request, output);
  if (!read) return false;
  const { targets, inactive } = read;
  // Pinning alone is not what Apply is for: an empty preview said nothing, so say why and offer a way on.
  if (!targets.some((target) => target.kind === 'apply')) return offerApplyTargets(request, output, () => applyParams(request, output));
  const documents: vscode.TextDocument[] = [];
  const inputs: ApplyFileInput[] = [];
  for (const target of targets) {
    const document = await openDocument(target.uri);
    if (!document) continue;
    if (document.isDirty && !(await confirmDirty(document))) continue;
    documents.push(document);
    inputs.push({ file: vscode.workspace.asRelativePath(target.uri), text: document.getText(), kind: target.kind, map: target.map });
  }
  const edit = new vscode.WorkspaceEdit();
  const missing: (Found & { item: MissingParam })[] = [];
  const skipped: (Found & { site: SkippedMatch })[] = [];
  const warnings: string[] = [];
  let toApply = 0;
  let toPin = 0;
  let alreadySet = 0;
  const edited: EditedFile[] = documents.map((document, i) => ({ document, before: inputs[i]?.text ?? '', kind: inputs[i]?.kind ?? 'apply', planned: [] }));
  const plans = planApplyFiles(inputs, paramsAsWritten(request.params, request.distributions), inactive);
  const stale = plans.flatMap((plan) => plan.stale.map(describeStale));
  for (const line of staleLines(plans)) output.appendLine(`  ${line}`);
  // Pinning is optional and the config's own business: its misses are not worth a warning.
  for (const { file, kind, missing: item } of paramsNotPlaced(plans)) if (kind === 'apply') missing.push({ file, param: item.param, item });
  plans.forEach((planned, i) => {
    const document = documents[i];
    if (!document) return;
    const { file, kind } = planned;
    for (const item of [...planned.placed, ...planned.missing]) for (const site of item.skipped) skipped.push({ file, param: item.param, site });
    warnings.push(...planned.warnings.map((w) => `${file}: ${w}`));
    for (const change of planned.edits) {
      // A value that already holds needs no edit, but it was found, so it is not reported missing.
      if (change.unchanged) {
        if (kind === 'apply') alreadySet += 1;
        continue;
      }
      edited[i]?.planned.push(change);
      const range = new vscode.Range(document.positionAt(change.start), document.positionAt(change.end));
      // The refactor preview ticks the apply: edits and leaves pinning the config to the user's choice.
      edit.replace(document.uri, range, change.newText, {
        label: kind === 'apply' ? `Apply trial #${request.trialNumber}` : `Optional: pin the values in ${path.basename(request.configPath)} (the space becomes fixed)`,
        description: `${change.param} = ${change.newText}, line ${change.line}`,
        needsConfirmation: kind === 'pin',
      });
      if (kind === 'apply') toApply += 1;
      else toPin += 1;
    }
  });
  reportMissing(missing, skipped, request, output);
  for (const warning of warnings) output.appendLine(`  ${warning}`);
  if (toApply === 0 && toPin === 0) {
    const message = alreadySet > 0 ? `the files already hold the params of trial #${request.trialNumber}` : `found no place to write the params of trial #${request.trialNumber}`;
    void vscode.window.showInformationMessage(`Tuneboard: ${message}${staleNote({ ...request, stale })}.`);
    return false;
  }
  if (toApply === 0) void vscode.window.showInformationMessage('Tuneboard: no apply: target holds these params; the preview offers to pin the values in the config.');
  // Edits that need confirmation open the refactor preview; it resolves once the user applied or
  // cancelled it (applying is one undoable step), and only the texts tell which edits were kept.
  await vscode.workspace.applyEdit(edit, { isRefactoring: true });
  return reportOutcome({ ...request, stale }, edited, output);
}

/**
 * The config's `apply:` files, then the config itself for optional pinning; undefined (after an
 * error message naming each refused target and the workspace folder) when any target is refused.
 */
async function readTargets(request: ParamsToApply, output: vscode.OutputChannel): Promise<{ targets: Target[]; inactive: InactiveParams } | undefined> {
  const configUri = vscode.Uri.file(request.configPath);
  const document = await openDocument(configUri);
  if (!document) return undefined;
  const text = document.getText();
  const { config } = parseConfig(text, request.configPath);
  const folder = vscode.workspace.getWorkspaceFolder(configUri)?.uri.fsPath ?? workspaceFolderOf(request.configPath);
  const check = config ? checkApplyTargets(config, request.configPath, text, folder, { allowOutside: false }) : { destinations: [], refusals: [] };
  const [first] = check.refusals;
  if (first) {
    output.appendLine(`Apply params of ${request.study} trial #${request.trialNumber}: refused, nothing was written`);
    for (const refusal of check.refusals) output.appendLine(`  ${formatProblem(refusal.problem)}`);
    const outside = check.refusals.some((r) => r.reason === 'outside');
    const advice = outside ? ' Move the file into the workspace folder, or run `tuneboard apply --allow-outside` in a terminal to write it anyway.' : '';
    const where = `${path.basename(request.configPath)} line ${first.problem.start?.line ?? 1}`;
    void vscode.window.showErrorMessage(`Tuneboard: Apply refused (${where}): ${first.problem.message}.${advice}`, 'Show Output').then((pick) => pick && output.show(true));
    return undefined;
  }
  const dir = path.dirname(request.configPath);
  const applyTargets: Target[] = check.destinations.map((target) => ({ uri: vscode.Uri.file(path.resolve(dir, target.written)), kind: 'apply', map: target.map }));
  // Apply takes finished trials only, so a param of the space the trial lacks is inactive in it.
  const inactive = config ? inactiveParamsForApply({ number: request.trialNumber, state: 'complete', params: request.params }, Object.keys(config.space), config.conditions) : NO_INACTIVE_PARAMS;
  return { targets: [...applyTargets, { uri: configUri, kind: 'pin', map: {} }], inactive };
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

function reportMissing(missing: readonly (Found & { item: MissingParam })[], skipped: readonly (Found & { site: SkippedMatch })[], request: ParamsToApply, output: vscode.OutputChannel): void {
  if (missing.length === 0 && skipped.length === 0) return;
  output.appendLine(`Apply params of ${request.study} trial #${request.trialNumber}: ${missing.length} param(s) not placed, ${skipped.length} place(s) skipped`);
  for (const { file, item } of missing) output.appendLine(`  ${file}: ${item.param}${item.name !== item.param ? ` (as ${item.name})` : ''}: looked for ${explainMissing(item)}`);
  // Places left alone beside a value that was written (a nested key, a function's default) are listed too.
  for (const { file, param, site } of skipped) if (!missing.some((m) => m.file === file && m.param === param)) output.appendLine(`  ${file}:${site.line}: ${param}: left \`${site.found}\` alone: ${site.why}`);
  if (missing.length === 0) return;
  const names = [...new Set(missing.map((m) => m.param))].join(', ');
  void vscode.window.showWarningMessage(`Tuneboard: could not place ${names}. The Tuneboard output says where it looked.`, 'Show Output').then((pick) => pick && output.show(true));
}
