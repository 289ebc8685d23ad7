/**
 * A text document for the editor's providers in Node (with ./fakeVscode loaded first): the parts of
 * vscode.TextDocument they read, over a plain string. `edit` replaces the text and bumps the version,
 * as typing does; `getTextCalls` counts reads, so a test can tell that nothing was parsed.
 */
import * as vscode from 'vscode';

export interface FakeDocument extends vscode.TextDocument {
  /** How many times getText() was called. */
  readonly getTextCalls: number;
  edit(text: string): void;
}

export function fakeDocument(fsPath: string, text: string, languageId = 'python', version = 1): FakeDocument {
  let content = text;
  let currentVersion = version;
  let reads = 0;
  const uri = vscode.Uri.file(fsPath);
  const lineStarts = (): number[] => [0, ...[...content.matchAll(/\r?\n/g)].map((match) => (match.index ?? 0) + match[0].length)];
  const offsetAt = (position: vscode.Position): number => {
    const starts = lineStarts();
    if (position.line >= starts.length) return content.length;
    const start = starts[Math.max(0, position.line)] ?? 0;
    const next = starts[position.line + 1];
    const lineEnd = next === undefined ? content.length : content.slice(start, next).replace(/\r?\n$/, '').length + start;
    return Math.min(start + Math.max(0, position.character), lineEnd);
  };
  const positionAt = (offset: number): vscode.Position => {
    const clamped = Math.max(0, Math.min(offset, content.length));
    const starts = lineStarts();
    let line = 0;
    while (line + 1 < starts.length && (starts[line + 1] ?? Infinity) <= clamped) line++;
    return new vscode.Position(line, clamped - (starts[line] ?? 0));
  };
  const document = {
    uri,
    fileName: fsPath,
    languageId,
    get version() {
      return currentVersion;
    },
    get lineCount() {
      return lineStarts().length;
    },
    get getTextCalls() {
      return reads;
    },
    getText(range?: vscode.Range): string {
      reads++;
      return range ? content.slice(offsetAt(range.start), offsetAt(range.end)) : content;
    },
    offsetAt,
    positionAt,
    /** As VS Code: the match of `pattern` on the position's line that holds the position (its end included). */
    getWordRangeAtPosition(position: vscode.Position, pattern: RegExp = /\w+/): vscode.Range | undefined {
      const start = offsetAt(new vscode.Position(position.line, 0));
      const end = offsetAt(new vscode.Position(position.line, Number.MAX_SAFE_INTEGER));
      const line = content.slice(start, end);
      const global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
      for (const match of line.matchAll(global)) {
        const from = match.index ?? 0;
        const to = from + match[0].length;
        if (match[0].length > 0 && from <= position.character && position.character <= to) return new vscode.Range(new vscode.Position(position.line, from), new vscode.Position(position.line, to));
      }
      return undefined;
    },
    edit(next: string): void {
      content = next;
      currentVersion++;
    },
  };
  return document as unknown as FakeDocument;
}
