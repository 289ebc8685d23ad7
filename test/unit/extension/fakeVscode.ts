/**
 * Just enough of the `vscode` module for the Studies tree provider, the leaderboard panel and the
 * editor's completion, hover and inlay hint providers to run in Node: import this file before the code
 * under test. The real module exists only inside the editor. Settings read through
 * workspace.getConfiguration are package.json's defaults until a test sets them (`setSetting`).
 */
import Module from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

type Listener<T> = (value: T) => void;

class EventEmitter<T> {
  private listeners = new Set<Listener<T>>();
  readonly event = (listener: Listener<T>): { dispose(): void } => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };
  fire(value: T): void {
    for (const listener of [...this.listeners]) listener(value);
  }
  dispose(): void {
    this.listeners.clear();
  }
}

enum TreeItemCollapsibleState { None = 0, Collapsed = 1, Expanded = 2 }

class TreeItem {
  id?: string;
  description?: string;
  iconPath?: unknown;
  contextValue?: string;
  tooltip?: unknown;
  constructor(readonly label: string, readonly collapsibleState: TreeItemCollapsibleState = TreeItemCollapsibleState.None) {}
}

class ThemeColor {
  constructor(readonly id: string) {}
}

class ThemeIcon {
  constructor(readonly id: string, readonly color?: ThemeColor) {}
}

class MarkdownString {
  isTrusted: boolean | { readonly enabledCommands: readonly string[] } = false;
  constructor(
    public value = '',
    readonly supportThemeIcons = false,
  ) {}
  appendMarkdown(value: string): this {
    this.value += value;
    return this;
  }
  /** As VS Code writes it: a fenced block on lines of its own. */
  appendCodeblock(code: string, language = ''): this {
    this.value += `\n\`\`\`${language}\n${code}\n\`\`\`\n`;
    return this;
  }
}

class Position {
  constructor(
    readonly line: number,
    readonly character: number,
  ) {}
  compareTo(other: Position): number {
    return this.line === other.line ? this.character - other.character : this.line - other.line;
  }
  isEqual(other: Position): boolean {
    return this.compareTo(other) === 0;
  }
  isBefore(other: Position): boolean {
    return this.compareTo(other) < 0;
  }
  isAfter(other: Position): boolean {
    return this.compareTo(other) > 0;
  }
}

class Range {
  readonly start: Position;
  readonly end: Position;
  constructor(start: Position, end: Position) {
    [this.start, this.end] = start.isAfter(end) ? [end, start] : [start, end];
  }
  get isEmpty(): boolean {
    return this.start.isEqual(this.end);
  }
  /** Ends included, as in VS Code. */
  contains(value: Position | Range): boolean {
    if (value instanceof Range) return this.contains(value.start) && this.contains(value.end);
    return !value.isBefore(this.start) && !value.isAfter(this.end);
  }
}

enum CompletionItemKind { Value = 11, Snippet = 14 }

class CompletionItem {
  kind?: CompletionItemKind;
  detail?: string;
  documentation?: string | MarkdownString;
  insertText?: string;
  filterText?: string;
  range?: Range;
  constructor(public label: string | { label: string; description?: string }) {}
}

class Hover {
  readonly contents: MarkdownString[];
  constructor(
    contents: MarkdownString | MarkdownString[],
    readonly range?: Range,
  ) {
    this.contents = Array.isArray(contents) ? contents : [contents];
  }
}

class InlayHint {
  tooltip?: string | MarkdownString;
  paddingLeft?: boolean;
  paddingRight?: boolean;
  constructor(
    readonly position: Position,
    readonly label: string,
  ) {}
}

class Uri {
  private constructor(readonly scheme: string, readonly fsPath: string) {}
  static file(path: string): Uri {
    return new Uri('file', path);
  }
  static joinPath(base: Uri, ...segments: string[]): Uri {
    return new Uri(base.scheme, [base.fsPath, ...segments].join('/'));
  }
  toString(): string {
    return `${this.scheme}://${this.fsPath}`;
  }
}

/** Every provider registered so far, with its document selector; dispose() takes it out again. */
export const registeredProviders: { readonly kind: 'completion' | 'hover' | 'inlayHints'; readonly selector: unknown; readonly provider: unknown }[] = [];
function registerProvider(kind: 'completion' | 'hover' | 'inlayHints') {
  return (selector: unknown, provider: unknown): { dispose(): void } => {
    const entry = { kind, selector, provider };
    registeredProviders.push(entry);
    return {
      dispose: () => {
        const at = registeredProviders.indexOf(entry);
        if (at >= 0) registeredProviders.splice(at, 1);
      },
    };
  };
}
const languages = {
  registerCompletionItemProvider: registerProvider('completion'),
  registerHoverProvider: registerProvider('hover'),
  registerInlayHintsProvider: registerProvider('inlayHints'),
};

/** Command handlers by id, as registerCommand got them, so a test can run one. */
export const registeredCommands = new Map<string, (...args: unknown[]) => unknown>();
const commands = {
  registerCommand(id: string, handler: (...args: unknown[]) => unknown): { dispose(): void } {
    registeredCommands.set(id, handler);
    return { dispose: () => void registeredCommands.delete(id) };
  },
};

/** What the window was asked to say, oldest first. */
export const shownMessages: { readonly level: 'info' | 'warning' | 'error'; readonly text: string }[] = [];
const say = (level: 'info' | 'warning' | 'error') => (text: string): Promise<undefined> => {
  shownMessages.push({ level, text });
  return Promise.resolve(undefined);
};
const window = { showInformationMessage: say('info'), showWarningMessage: say('warning'), showErrorMessage: say('error') };

class WorkspaceEdit {
  readonly replacements: { readonly uri: Uri; readonly range: Range; readonly text: string }[] = [];
  replace(uri: Uri, range: Range, text: string): void {
    this.replacements.push({ uri, range, text });
  }
}
/** The edits workspace.applyEdit was given (each one taken), oldest first. */
export const appliedEdits: WorkspaceEdit[] = [];

// Settings: package.json's defaults, overridden by what a test set.
interface SettingSchema {
  readonly default?: unknown;
}
const manifest = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, SettingSchema> } } };
const settings = new Map<string, unknown>();
const configurationChanged = new EventEmitter<{ affectsConfiguration(section: string): boolean }>();
const documentClosed = new EventEmitter<unknown>();

/** Sets (or, with undefined, resets) a setting such as `tuneboard.codeHints`, and tells the listeners as VS Code would. */
export function setSetting(key: string, value: unknown): void {
  if (value === undefined) settings.delete(key);
  else settings.set(key, value);
  configurationChanged.fire({ affectsConfiguration: (section) => key === section || key.startsWith(`${section}.`) });
}

/** Tests may flip `isTrusted`. */
const workspace = {
  isTrusted: true,
  getConfiguration(section = '') {
    return {
      get<T>(key: string, fallback?: T): T | undefined {
        const full = section ? `${section}.${key}` : key;
        if (settings.has(full)) return settings.get(full) as T;
        const declared = manifest.contributes.configuration.properties[full];
        return declared && 'default' in declared ? (declared.default as T) : fallback;
      },
    };
  },
  onDidChangeConfiguration: configurationChanged.event,
  onDidCloseTextDocument: documentClosed.event,
  /** The open documents: a test puts its fakes here. */
  textDocuments: [] as unknown[],
  applyEdit(edit: WorkspaceEdit): Promise<boolean> {
    appliedEdits.push(edit);
    return Promise.resolve(true);
  },
  asRelativePath: (uri: Uri): string => uri.fsPath,
};

const fake = { EventEmitter, TreeItem, TreeItemCollapsibleState, ThemeColor, ThemeIcon, MarkdownString, Uri, Position, Range, CompletionItem, CompletionItemKind, Hover, InlayHint, languages, commands, window, WorkspaceEdit, workspace };
const FAKE_PATH = '/fake/vscode.js';

interface ModuleInternals {
  _resolveFilename(request: string, ...rest: unknown[]): string;
  _cache: Record<string, unknown>;
}
const internals = Module as unknown as ModuleInternals;
const resolve = internals._resolveFilename.bind(Module);
internals._resolveFilename = (request: string, ...rest: unknown[]): string => (request === 'vscode' ? FAKE_PATH : resolve(request, ...rest));
internals._cache[FAKE_PATH] = { id: FAKE_PATH, filename: FAKE_PATH, loaded: true, exports: fake };
