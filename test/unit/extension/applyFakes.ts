/**
 * The editor as Apply sees it, on top of the shared fake: documents that stay open (one object per
 * file, as VS Code keeps them), a refactor preview the test confirms, cancels or unticks edits in,
 * notifications answered from a queue, the files.autoSave setting, a workspace file search and a quick
 * pick. Each test file runs in its own process, so installing this changes no other test's fake.
 */
import './fakeVscode';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';

export interface FakeUri {
  readonly fsPath: string;
}

interface Replacement {
  readonly uri: FakeUri;
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly needsConfirmation: boolean;
}

export interface FakeDocument {
  readonly uri: FakeUri;
  readonly fileName: string;
  text: string;
  isDirty: boolean;
  getText(): string;
  positionAt(offset: number): number;
  save(): Promise<boolean>;
}

/** What the preview does with an edit: the test's choice (default: as VS Code ticks them, confirmations unticked). */
export type PreviewChoice = (edit: { readonly file: string; readonly text: string; readonly needsConfirmation: boolean }) => boolean;

export const editor = {
  ws: '',
  messages: [] as { readonly text: string; readonly items: readonly string[] }[],
  answers: [] as (string | undefined)[],
  autoSave: 'off',
  preview: ((edit) => !edit.needsConfirmation) as PreviewChoice,
  /** Output lines at the moment each preview opened (the log must come after). */
  outputAtPreview: [] as number[],
  previews: 0,
  commands: [] as { readonly id: string; readonly arg: unknown }[],
  quickPick: undefined as string | undefined,
  documents: new Map<string, FakeDocument>(),
  output: [] as string[],
};

class Range {
  constructor(readonly start: number, readonly end: number) {}
}

class WorkspaceEdit {
  readonly replacements: Replacement[] = [];
  replace(uri: FakeUri, range: Range, text: string, metadata?: { readonly needsConfirmation?: boolean }): void {
    this.replacements.push({ uri, start: range.start, end: range.end, text, needsConfirmation: metadata?.needsConfirmation === true });
  }
}

function documentOf(uri: FakeUri): FakeDocument {
  const known = editor.documents.get(uri.fsPath);
  if (known) return known;
  const document: FakeDocument = {
    uri,
    fileName: uri.fsPath,
    text: readFileSync(uri.fsPath, 'utf8'),
    isDirty: false,
    getText: () => document.text,
    positionAt: (offset) => offset,
    save: () => {
      writeFileSync(uri.fsPath, document.text);
      document.isDirty = false;
      return Promise.resolve(true);
    },
  };
  editor.documents.set(uri.fsPath, document);
  return document;
}

function applyEdit(edit: WorkspaceEdit): Promise<boolean> {
  const previewed = edit.replacements.some((r) => r.needsConfirmation);
  if (previewed) editor.outputAtPreview.push(editor.output.length);
  editor.previews += previewed ? 1 : 0;
  const kept = edit.replacements.filter((r) => !previewed || editor.preview({ file: relative(editor.ws, r.uri.fsPath), text: r.text, needsConfirmation: r.needsConfirmation }));
  for (const r of [...kept].sort((a, b) => b.start - a.start)) {
    const document = documentOf(r.uri);
    document.text = document.text.slice(0, r.start) + r.text + document.text.slice(r.end);
    document.isDirty = true;
  }
  return Promise.resolve(kept.length > 0);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? filesUnder(join(dir, name)) : [join(dir, name)]));
}

/** Installs the fakes; call before loading the module under test. */
export function installEditorFakes(): void {
  const vscode = createRequire(__filename)('vscode') as Record<string, unknown> & { workspace: Record<string, unknown>; Uri: { file(path: string): FakeUri } };
  const say = (text: string, ...rest: unknown[]): Promise<string | undefined> => {
    const items = rest.filter((item): item is string => typeof item === 'string');
    editor.messages.push({ text, items });
    return Promise.resolve(items.length > 0 ? editor.answers.shift() : undefined);
  };
  const pick = (items: readonly { readonly description?: string }[]) => Promise.resolve(items.find((item) => item.description === editor.quickPick));
  const executeCommand = (id: string, arg?: unknown): Promise<undefined> => {
    editor.commands.push({ id, arg });
    return Promise.resolve(undefined);
  };
  Object.assign(vscode, { Range, WorkspaceEdit, commands: { executeCommand }, window: { showErrorMessage: say, showWarningMessage: say, showInformationMessage: say, showQuickPick: pick } });
  Object.assign(vscode.workspace, {
    openTextDocument: (uri: FakeUri) => Promise.resolve(documentOf(uri)),
    asRelativePath: (uri: FakeUri) => relative(editor.ws, uri.fsPath),
    getWorkspaceFolder: (uri: FakeUri) => (uri.fsPath.startsWith(`${editor.ws}/`) ? { uri: vscode.Uri.file(editor.ws) } : undefined),
    getConfiguration: () => ({ get: <T>(key: string, fallback: T): T => (key === 'autoSave' ? (editor.autoSave as T) : fallback) }),
    findFiles: () => Promise.resolve(filesUnder(editor.ws).map((file) => vscode.Uri.file(file))),
    applyEdit,
  });
}

/** A fresh editor for each test: no documents open, nothing said, the preview ticking as VS Code does. */
export function resetEditor(ws: string): void {
  Object.assign(editor, { ws, autoSave: 'off', preview: ((edit) => !edit.needsConfirmation) as PreviewChoice, previews: 0, quickPick: undefined });
  for (const list of [editor.messages, editor.answers, editor.outputAtPreview, editor.commands, editor.output]) list.length = 0;
  editor.documents.clear();
}
