/**
 * Just enough of the `vscode` module for the Studies tree provider and the leaderboard panel to run in
 * Node: import this file before the code under test. The real module exists only inside the editor.
 */
import Module from 'node:module';

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
  isTrusted = false;
  constructor(readonly value: string, readonly supportThemeIcons = false) {}
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

/** Tests may flip `isTrusted`. */
const workspace = { isTrusted: true };

const fake = { EventEmitter, TreeItem, TreeItemCollapsibleState, ThemeColor, ThemeIcon, MarkdownString, Uri, workspace };
const FAKE_PATH = '/fake/vscode.js';

interface ModuleInternals {
  _resolveFilename(request: string, ...rest: unknown[]): string;
  _cache: Record<string, unknown>;
}
const internals = Module as unknown as ModuleInternals;
const resolve = internals._resolveFilename.bind(Module);
internals._resolveFilename = (request: string, ...rest: unknown[]): string => (request === 'vscode' ? FAKE_PATH : resolve(request, ...rest));
internals._cache[FAKE_PATH] = { id: FAKE_PATH, filename: FAKE_PATH, loaded: true, exports: fake };
