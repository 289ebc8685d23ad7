/**
 * After the refactor preview closes: what Apply really changed (the user may have unticked edits or
 * cancelled), said in one notification and one output line, written only now. With auto save off a
 * background tab would otherwise hold the change unsaved without a word, so the notification offers
 * to save exactly the documents Apply changed.
 */
import * as vscode from 'vscode';
import { type AppliedFile, appliedLogLine, appliedMessage, type ApplySubject, editsMade, type PlannedEdit, paramsMade } from './applySummary';

/** A document Apply planned edits in, with its text before the preview. */
export interface EditedFile {
  readonly document: vscode.TextDocument;
  readonly before: string;
  readonly kind: 'apply' | 'pin';
  /** The edits put in the preview (values that already held are not among them). */
  readonly planned: PlannedEdit[];
}

/** Reports what changed and offers Save; true when some file changed. */
export async function reportOutcome(subject: ApplySubject, files: readonly EditedFile[], output: vscode.OutputChannel): Promise<boolean> {
  // `afterDelay` saves on its own within a second; the other modes wait for a focus change a background tab never gets.
  const savesItself = vscode.workspace.getConfiguration('files').get<string>('autoSave', 'off') === 'afterDelay';
  const outcome = files
    .filter((file) => file.planned.length > 0)
    .map((file) => {
      const after = file.document.getText();
      const made = after === file.before ? [] : editsMade(file.before, after, file.planned);
      return { edited: file, applied: appliedFile(file, made, savesItself) };
    });
  const applied = outcome.map((entry) => entry.applied);
  output.appendLine(appliedLogLine(subject, applied));
  const message = appliedMessage(subject, applied);
  if (message === null) return false;
  const unsaved = outcome.filter((entry) => entry.applied.params.length > 0 && entry.edited.document.isDirty).map((entry) => entry.edited.document);
  const offerSave = unsaved.length > 0 && !savesItself;
  const pick = await vscode.window.showInformationMessage(`Tuneboard: ${message}.`, ...(offerSave ? ['Save'] : []));
  if (pick === 'Save') await saveDocuments(unsaved, output);
  return true;
}

function appliedFile(file: EditedFile, made: PlannedEdit[] | null, savesItself: boolean): AppliedFile {
  const { params, leftOut } = paramsMade(file.planned, made);
  return { file: vscode.workspace.asRelativePath(file.document.uri), kind: file.kind, params, leftOut, unsaved: file.document.isDirty && !savesItself };
}

async function saveDocuments(documents: readonly vscode.TextDocument[], output: vscode.OutputChannel): Promise<void> {
  const saved: string[] = [];
  const failed: string[] = [];
  for (const document of documents) {
    const name = vscode.workspace.asRelativePath(document.uri);
    // save() resolves false when the file could not be written (read-only, removed, a save participant failed).
    const ok = await document.save().then(
      (done) => done,
      () => false,
    );
    (ok ? saved : failed).push(name);
  }
  if (saved.length > 0) output.appendLine(`✔ saved ${saved.join(', ')}`);
  if (failed.length > 0) {
    output.appendLine(`could not save ${failed.join(', ')}`);
    void vscode.window.showErrorMessage(`Tuneboard: could not save ${failed.join(', ')}; the changes are still in the editor.`);
  }
}
