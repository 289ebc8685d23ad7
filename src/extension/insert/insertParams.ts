/**
 * Insert Best Params / Insert These Params: a trial's params written at the cursor in the file's
 * language and the cursor's context (a call's keyword arguments, a dict, `name = value` lines, JSON
 * members, a YAML mapping, shell flags, a Markdown table; see src/core/insert). The exact text is
 * shown before it goes in (unless `tuneboard.insert.preview` is off), and it goes in as one edit, so
 * one Undo takes it out.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { type FrozenTrial, leftOutNote, paramsAsWritten, paramsByPlainName, paramsInsertion, plainNameOf } from '../../core';
import type { StudyIndex, StudySummary } from '../studies/studyIndex';
import type { EditorTracker } from './editorTracker';
import { pickFrontTrial } from '../commands/frontPick';
import { insertSourceOf, noParamsMessage, studyChoices, trialChoices } from './insertChoices';

/** What the commands receive: a tree node or `{ key, number }` from the leaderboard; nothing from the palette. */
interface TargetArg {
  readonly key?: unknown;
  readonly number?: unknown;
}

export function registerInsertCommands(index: StudyIndex, editors: EditorTracker): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('tuneboard.insertBestParams', async (arg: unknown) => {
      const editor = targetEditor(editors);
      if (!editor) return;
      const study = await chooseStudy(arg, index);
      if (!study) return;
      const trial = await chooseTrial(study);
      if (trial) await insertParams(editor, study, trial);
    }),
    vscode.commands.registerCommand('tuneboard.insertTrialParams', async (arg: unknown) => {
      const editor = targetEditor(editors);
      if (!editor) return;
      const { key, number } = (typeof arg === 'object' && arg !== null ? arg : {}) as TargetArg;
      const study = typeof key === 'string' ? index.get(key) : undefined;
      const trial = study?.trials.find((t) => t.number === number);
      if (!study || !trial) {
        void vscode.window.showInformationMessage('Insert These Params works on a trial: right-click one in the Studies view or select one in the leaderboard.');
        return;
      }
      await insertParams(editor, study, trial);
    }),
  ];
}

/** Float params are written as floats (`1.0`, not `1`) where the language tells them from ints. */
export function floatParamsOf(trial: FrozenTrial): string[] {
  return Object.entries(trial.distributions).filter(([, distribution]) => distribution.type === 'float').map(([name]) => plainNameOf(name, trial.params) ?? name);
}

/** The editor's indent unit (its tab size in spaces, or a tab). */
function indentUnitOf(editor: vscode.TextEditor): string {
  const { insertSpaces, tabSize } = editor.options;
  return insertSpaces === false ? '\t' : ' '.repeat(typeof tabSize === 'number' ? tabSize : 4);
}

function targetEditor(editors: EditorTracker): vscode.TextEditor | undefined {
  const editor = editors.target;
  if (!editor) void vscode.window.showInformationMessage('Tuneboard: open a file and put the cursor where the params should go, then run Insert Best Params.');
  return editor;
}

/** The study of a node or key, else the only study with a best trial, else the user's pick (most recent first). */
async function chooseStudy(arg: unknown, index: StudyIndex): Promise<StudySummary | undefined> {
  const key = typeof arg === 'string' ? arg : typeof arg === 'object' && arg !== null ? (arg as TargetArg).key : undefined;
  if (typeof key === 'string' && index.get(key)) return index.get(key);
  const choices = studyChoices(index.studies(), new Date());
  if (choices.length === 0) {
    void vscode.window.showInformationMessage('Tuneboard: no study in this workspace has a complete trial yet (or, with several objectives, a Pareto front), so there are no best params to insert.');
    return undefined;
  }
  if (choices.length === 1) return index.get(choices[0]?.key ?? '');
  const pick = await vscode.window.showQuickPick(choices, { title: 'Insert the params of which study?', matchOnDescription: true, matchOnDetail: true });
  return pick ? index.get(pick.key) : undefined;
}

/** The best trial, or another of the top 10 when the user picks one; a multi-objective study's, one of its Pareto front. */
async function chooseTrial(study: StudySummary): Promise<FrozenTrial | undefined> {
  if (study.pareto !== null) return pickFrontTrial(study, `Insert the params of which trial on the Pareto front of ${study.name}?`);
  const choices = trialChoices(study);
  if (choices.length === 0) void vscode.window.showInformationMessage(`Tuneboard: ${noParamsMessage(study)}`);
  if (choices.length <= 1) return study.best ?? undefined;
  const pick = await vscode.window.showQuickPick(choices, { title: `Insert the params of which trial of ${study.name}?`, matchOnDescription: true });
  return pick ? study.trials.find((t) => t.number === pick.number) : undefined;
}

/** Writes the trial's params at the editor's cursor (replacing a selection), after showing the exact text. */
export async function insertParams(editor: vscode.TextEditor, study: StudySummary, trial: FrozenTrial): Promise<boolean> {
  const { document, selection } = editor;
  const version = document.version;
  const offset = document.offsetAt(selection.start);
  const insertion = paramsInsertion({
    languageId: document.languageId,
    text: document.getText(),
    offset,
    // Code names a branch variant plainly (`lr` for adam.lr), as Apply finds it.
    params: paramsByPlainName(paramsAsWritten(trial.params, trial.distributions)),
    source: insertSourceOf(study, trial),
    floatParams: floatParamsOf(trial),
    editorIndent: indentUnitOf(editor),
  });
  const where = `${path.basename(document.fileName)}:${selection.start.line + 1}`;
  if ('error' in insertion) {
    void vscode.window.showWarningMessage(`Tuneboard: cannot insert the params of ${study.name} #${trial.number} at ${where}: ${insertion.error}`);
    return false;
  }
  if (vscode.workspace.getConfiguration('tuneboard', document.uri).get<boolean>('insert.preview', true)) {
    const answer = await vscode.window.showInformationMessage(
      `Insert the params of ${study.name} #${trial.number} at ${where} as ${insertion.description}${leftOutNote(trial, study.trials)}?`,
      { modal: true, detail: insertion.text },
      'Insert',
    );
    if (answer !== 'Insert') return false;
  }
  if (document.version !== version) {
    void vscode.window.showWarningMessage(`Tuneboard: ${path.basename(document.fileName)} changed while the preview was open; nothing was inserted. Run the command again.`);
    return false;
  }
  // A plain insertion at the cursor takes the place of a selection, as typing would.
  const plain = insertion.start === offset && insertion.end === offset;
  const range = plain ? new vscode.Range(selection.start, selection.end) : new vscode.Range(document.positionAt(insertion.start), document.positionAt(insertion.end));
  const done = await editor.edit((edit) => edit.replace(range, insertion.text), { undoStopBefore: true, undoStopAfter: true });
  if (!done) void vscode.window.showWarningMessage(`Tuneboard: ${path.basename(document.fileName)} did not take the edit (is it read-only?).`);
  else vscode.window.setStatusBarMessage(`$(check) Inserted the params of ${study.name} #${trial.number} as ${insertion.description}${leftOutNote(trial, study.trials)}`, 4000);
  return done;
}
