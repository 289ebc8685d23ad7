/**
 * Where Apply may write, and writing there safely. Each `apply:` file is resolved against the
 * config's folder and followed through symlinks (fs.realpath); it must be an existing file whose
 * real path lies inside the workspace folder, else it is refused with a problem at its `apply:`
 * line. Without this a config (perhaps one checked out from someone else's repository) could point
 * Apply at any file on the machine, editor settings or shell profiles included. `tuneboard apply` and
 * the editor's Apply both call checkApplyTargets; only the CLI can accept targets outside
 * (`--allow-outside`). The CLI then reads and rewrites the files with readApplyText and
 * rewriteAllOrNothing (the editor goes through its documents instead).
 */
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fchmodSync, fsyncSync, lstatSync, openSync, readFileSync, readlinkSync, realpathSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { locateProblems, type Problem, type StudyConfig } from '../core';

/** What marks a project's root for the CLI, which has no editor workspace to go by. */
export const WORKSPACE_MARKERS: readonly string[] = ['.git', 'package.json', 'pyproject.toml', '.vscode'];

/** An `apply:` file that may be written. */
export interface ApplyDestination {
  /** Its entry's index under `apply:`. */
  readonly index: number;
  /** As the config writes it. */
  readonly written: string;
  /** The file itself, symlinks followed: what is read, and what is replaced when written. */
  readonly realPath: string;
  readonly map: Readonly<Record<string, string>>;
}

export type RefusalReason = 'outside' | 'missing' | 'folder';

export interface ApplyTargetRefusal {
  readonly index: number;
  readonly written: string;
  readonly reason: RefusalReason;
  /** Positioned at the entry's `file:` in the config (formatProblem prints config:line:col). */
  readonly problem: Problem;
}

export interface ApplyTargetCheck {
  readonly destinations: readonly ApplyDestination[];
  readonly refusals: readonly ApplyTargetRefusal[];
  /** The folder targets must lie in, symlinks followed. */
  readonly workspaceFolder: string;
}

/**
 * The CLI's workspace folder for a config: the nearest folder at or above the config's that holds
 * `.git`, `package.json`, `pyproject.toml` or `.vscode`, else the config's own folder. (The editor
 * passes the VS Code workspace folder that holds the config instead.)
 */
export function workspaceFolderOf(configPath: string): string {
  const own = dirname(resolve(configPath));
  for (let folder = own; ; folder = dirname(folder)) {
    if (WORKSPACE_MARKERS.some((marker) => existsSync(join(folder, marker)))) return folder;
    if (dirname(folder) === folder) return own;
  }
}

/** The config's `apply:` files, each either a destination or refused with a positioned problem. */
export function checkApplyTargets(config: StudyConfig, configPath: string, configText: string, workspaceFolder: string, options: { allowOutside: boolean }): ApplyTargetCheck {
  const folder = realOrResolved(workspaceFolder);
  const destinations: ApplyDestination[] = [];
  const refusals: ApplyTargetRefusal[] = [];
  config.apply.forEach((target, index) => {
    const path = resolve(dirname(configPath), target.file);
    const refuse = (reason: RefusalReason, message: string): void => {
      const [problem] = locateProblems(configText, configPath, [{ severity: 'error', path: ['apply', index, 'file'], message }]);
      if (problem) refusals.push({ index, written: target.file, reason, problem });
    };
    const real = realOrNull(path);
    if (real === null) {
      const link = symlinkTarget(path);
      refuse('missing', `apply target ${target.file} does not exist (${link === null ? `looked for ${path}` : `a symlink to ${link}, which does not exist`}; paths are relative to the config's folder); Apply edits existing files only`);
    } else if (statSync(real).isDirectory()) {
      refuse('folder', `apply target ${target.file} is a folder (${real}), not a file`);
    } else if (!isInside(real, folder) && !options.allowOutside) {
      const via = real === path ? `it is ${real}` : `it leads through a symlink to ${real}`;
      refuse('outside', `apply target ${target.file} is outside the workspace folder ${folder} (${via}); Apply writes only inside it`);
    } else {
      destinations.push({ index, written: target.file, realPath: real, map: target.map });
    }
  });
  return { destinations, refusals, workspaceFolder: folder };
}

/** Whether `path` lies strictly inside `folder` (both absolute, symlinks already followed). */
export function isInside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

function realOrNull(path: string): string | null {
  try {
    return realpathSync(path);
  } catch {
    return null;
  }
}

/** A folder that does not exist (yet) is compared as written. */
function realOrResolved(path: string): string {
  return realOrNull(path) ?? resolve(path);
}

/** Where a symlink points, for a message about a dangling one; null for anything else. */
function symlinkTarget(path: string): string | null {
  try {
    return lstatSync(path).isSymbolicLink() ? resolve(dirname(path), readlinkSync(path)) : null;
  } catch {
    return null;
  }
}

/** A file's text, or an Error saying why it cannot be edited as text (unreadable, not UTF-8). */
export function readApplyText(path: string): string {
  // fatal: bytes that are not UTF-8 would come back as U+FFFD and be written so; ignoreBOM keeps a BOM.
  return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(readFileSync(path));
}

/** One file to replace: the text it was planned on, and its new text. */
export interface FileRewrite {
  readonly path: string;
  readonly before: string;
  readonly after: string;
}

/**
 * Every file rewritten, or none. Each new text is first written and flushed to a temp file beside its
 * file (the same folder, so the rename is atomic, with the file's mode); then each file is checked
 * to still hold the text the plan was made from; only then are the temp files renamed over the files.
 * A failure before the renames removes the temp files and leaves every file as it was.
 */
export function rewriteAllOrNothing(rewrites: readonly FileRewrite[]): void {
  const temps: string[] = [];
  try {
    for (const { path, after } of rewrites) {
      const temp = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.tuneboard-tmp`);
      const fd = openSync(temp, 'wx', 0o600);
      temps.push(temp);
      try {
        // The file's own mode, exactly: the umask would narrow one given to open.
        fchmodSync(fd, statSync(path).mode & 0o7777);
        writeSync(fd, after);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    }
    for (const { path, before } of rewrites) {
      if (readApplyText(path) !== before) throw new Error(`${path} changed while its edits were planned`);
    }
  } catch (error) {
    for (const temp of temps) rmSync(temp, { force: true });
    throw error;
  }
  // A rename within one folder does not fail short of the folder changing under us; if it does, say
  // exactly which files were replaced, as the promise of all or nothing no longer holds.
  rewrites.forEach(({ path }, i) => {
    try {
      renameSync(temps[i] ?? '', path);
    } catch (error) {
      for (const temp of temps.slice(i)) rmSync(temp, { force: true });
      throw new PartialRewriteError(rewrites.slice(0, i).map((r) => r.path), path, error);
    }
  });
}

/** A rewrite that replaced some files (`replaced`) and then failed on `failed`. */
export class PartialRewriteError extends Error {
  override name = 'PartialRewriteError';
  constructor(
    readonly replaced: readonly string[],
    readonly failed: string,
    cause: unknown,
  ) {
    super(`replaced ${replaced.join(', ') || 'no file'}, then could not replace ${failed} (${cause instanceof Error ? cause.message : String(cause)})`);
  }
}
