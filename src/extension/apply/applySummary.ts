/**
 * What an Apply really did, told in words. The refactor preview lets the user untick any edit or
 * cancel the whole Apply, and `applyEdit` only says whether something was applied, so the outcome
 * is read from the texts themselves: which planned edits the document now holds. Pure (no vscode),
 * so the wording is tested as it is shown.
 */

/** One planned edit, with offsets into the text the plan was made from. */
export interface PlannedEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
  readonly param: string;
}

/** What one file holds after the preview closed. */
export interface AppliedFile {
  /** As the workspace names it. */
  readonly file: string;
  readonly kind: 'apply' | 'pin';
  /** Params whose edits were all made, in plan order. */
  readonly params: readonly string[];
  /** Params with an edit that the user left unticked. */
  readonly leftOut: readonly string[];
  readonly unsaved: boolean;
}

/**
 * The planned edits `after` holds, found by walking `before` and `after` together: between edits the
 * texts must agree, and at each edit `after` shows the new text or the old. Null when `after` differs
 * in some other way (typed into during the preview), so the caller can only say that the file changed.
 */
export function editsMade(before: string, after: string, edits: readonly PlannedEdit[]): PlannedEdit[] | null {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  const made: PlannedEdit[] = [];
  let delta = 0;
  let cursor = 0;
  for (const edit of sorted) {
    const gap = before.slice(cursor, edit.start);
    if (after.slice(cursor + delta, edit.start + delta) !== gap) return null;
    const old = before.slice(edit.start, edit.end);
    const at = edit.start + delta;
    // When both would fit, the new text wins only if the old does not: an unticked edit keeps the old.
    if (after.startsWith(edit.newText, at) && !(after.startsWith(old, at) && old.length >= edit.newText.length)) {
      made.push(edit);
      delta += edit.newText.length - old.length;
    } else if (!after.startsWith(old, at)) {
      return null;
    }
    cursor = edit.end;
  }
  return after.slice(cursor + delta) === before.slice(cursor) ? made : null;
}

/** Params of `planned` split into those fully made and those with an edit left out (null `made`: all of them, as the file changed). */
export function paramsMade(planned: readonly PlannedEdit[], made: readonly PlannedEdit[] | null): { params: string[]; leftOut: string[] } {
  const names = [...new Set(planned.map((edit) => edit.param))];
  if (made === null) return { params: names, leftOut: [] };
  const done = new Set(made);
  const leftOut = names.filter((name) => planned.some((edit) => edit.param === name && !done.has(edit)));
  return { params: names.filter((name) => !leftOut.includes(name) && made.some((edit) => edit.param === name)), leftOut };
}

export interface ApplySubject {
  readonly study: string;
  readonly trialNumber: number;
  /** Targets naming a param inactive in the trial, left as they are: `momentum not applied: inactive in trial #12 (optimizer = adam)`. */
  readonly stale?: readonly string[];
}

/** `Applied trial #41 of iris: lr, units in train.py (unsaved)`, or null when nothing was applied. */
export function appliedMessage(subject: ApplySubject, files: readonly AppliedFile[]): string | null {
  const changed = files.filter((file) => file.params.length > 0);
  if (changed.length === 0) return null;
  const parts = changed.map((file) => `${file.kind === 'pin' ? 'pinned ' : ''}${file.params.join(', ')} in ${file.file}${file.unsaved ? ' (unsaved)' : ''}`);
  // Pinning is optional, so only apply: edits count as left out; a param unticked in one target but
  // written in another was applied all the same.
  const targets = files.filter((file) => file.kind === 'apply');
  const written = new Set(targets.flatMap((file) => file.params));
  const leftOut = [...new Set(targets.flatMap((file) => file.leftOut))].filter((name) => !written.has(name));
  const rest = leftOut.length > 0 ? `; left out ${leftOut.join(', ')}` : '';
  return `Applied trial #${subject.trialNumber} of ${subject.study}: ${parts.join('; ')}${rest}${staleNote(subject)}`;
}

/** `; momentum not applied: inactive in trial #12 (optimizer = adam)`, or '' when no target names an inactive param. */
export function staleNote(subject: ApplySubject): string {
  return subject.stale?.length ? `; ${[...new Set(subject.stale)].join('; ')}` : '';
}

/** The output channel's line, written once the preview has closed: what was applied, or that nothing was. */
export function appliedLogLine(subject: ApplySubject, files: readonly AppliedFile[]): string {
  const message = appliedMessage(subject, files);
  return message === null ? `Apply of trial #${subject.trialNumber} of ${subject.study}: cancelled in the preview, nothing was written` : `✔ ${message}`;
}

/** The files a Save button would save: changed and still unsaved. */
export function filesToSave(files: readonly AppliedFile[]): string[] {
  return files.filter((file) => file.params.length > 0 && file.unsaved).map((file) => file.file);
}
