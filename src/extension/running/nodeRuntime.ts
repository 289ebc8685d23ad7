/**
 * Which Node runs the study process (docs/design.md §5): the `tuneboard.nodePath` setting, else `node` on
 * the PATH (a real Node can load native TensorFlow.js addons), else the editor's own runtime in Node
 * mode, which always exists but can only use the wasm and cpu backends.
 */
import { accessSync, constants } from 'node:fs';
import * as path from 'node:path';

export interface NodeRuntime {
  readonly command: string;
  /** Extra environment, e.g. ELECTRON_RUN_AS_NODE for the editor's own runtime. */
  readonly env: Readonly<Record<string, string>>;
  readonly source: 'setting' | 'path' | 'editor';
}

export function resolveNodeRuntime(setting: string, env: NodeJS.ProcessEnv = process.env): NodeRuntime {
  if (setting.trim() !== '') return { command: setting.trim(), env: {}, source: 'setting' };
  const onPath = findOnPath(process.platform === 'win32' ? 'node.exe' : 'node', env.PATH ?? '');
  if (onPath) return { command: onPath, env: {}, source: 'path' };
  return { command: process.execPath, env: { ELECTRON_RUN_AS_NODE: '1' }, source: 'editor' };
}

function findOnPath(name: string, searchPath: string): string | null {
  for (const dir of searchPath.split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}
