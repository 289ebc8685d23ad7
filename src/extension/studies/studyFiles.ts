/** Which files the Studies index cares about, and what a `*.tune.yaml` config tells it. */
import { readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { defaultStoragePath, defaultStudyName, describePruner, describeStorageLocation, type Direction, formatProblem, isStorageUrl, parseConfig, parseStorageLocation, primaryObjective, type Objective, type SpaceConditions } from '../../core';

/**
 * Folders never searched: installed packages (npm's and Python's), VCS data, caches and build output
 * can be huge, hold no studies, and would each cost a native watch.
 */
export const SKIPPED_FOLDERS: ReadonlySet<string> = new Set(['node_modules', '.git', 'dist', 'out', '.venv', 'venv', '__pycache__', '.mypy_cache', '.pytest_cache', '.tox']);

/** The folder the study process writes journals into by default (docs/design.md §4). */
export const JOURNAL_FOLDER = '.tuneboard';

export function isConfigFile(file: string): boolean {
  return /\.tune\.ya?ml$/i.test(file);
}

export function isJsonLinesFile(file: string): boolean {
  return /\.jsonl$/i.test(file);
}

/** True when `file` is `folder` itself or somewhere below it. */
export function isInside(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** True when a path below `base` passes through a skipped folder (the base itself may be called anything). */
export function passesSkippedFolder(file: string, base: string): boolean {
  return path.relative(base, file).split(path.sep).some((segment) => SKIPPED_FOLDERS.has(segment));
}

/** Per-trial logs beside the journals (`.tuneboard/logs/`): written all through training, never a study. */
export function isTrialLogFolder(folder: string, storageDirs: readonly string[]): boolean {
  if (path.basename(folder) !== 'logs') return false;
  const parent = path.dirname(folder);
  return path.basename(parent) === JOURNAL_FOLDER || storageDirs.includes(parent);
}

/**
 * Is this `*.jsonl` a study journal? Only where journals are put: directly in a `.tuneboard/` folder or
 * a configured storage folder (not in their `logs/`), or where a config's `storage:` points.
 */
export function isJournalLocation(file: string, storageDirs: readonly string[], referenced: ReadonlySet<string>): boolean {
  if (!isJsonLinesFile(file)) return false;
  if (referenced.has(file)) return true;
  const folder = path.dirname(file);
  return path.basename(folder) === JOURNAL_FOLDER || storageDirs.some((dir) => path.resolve(dir) === folder);
}

export interface ApplyTargetEntry {
  /** Absolute path. */
  readonly file: string;
  readonly map: Readonly<Record<string, string>>;
}

/** What the index knows of one config file. */
export interface ConfigEntry {
  /** Absolute path of the `*.tune.yaml`. */
  readonly path: string;
  /** The study name (the file name when the config is too broken to say). */
  readonly name: string;
  /**
   * `storage:` resolved against the config's folder (for a broken config, where it would default to);
   * a server's URL in its shown form (storageLocationKey), which is how the index keys its journal.
   */
  readonly journalPath: string;
  /** A server's URL as written (it may hold a password: connect with it, never show it); null for a file. */
  readonly storageUrl: string | null;
  readonly metric: string | null;
  readonly direction: Direction | null;
  /** Every objective (`objective:` as a list), in order; null for a broken config. */
  readonly objectives?: readonly Objective[] | null;
  readonly budget: number | null;
  /** The sampler's type and the pruner as `describePruner` words it; null for a broken config. */
  readonly sampler: string | null;
  readonly pruner: string | null;
  /** Command trials run the workspace's programs: refused in an untrusted workspace. */
  readonly runsCommands: boolean;
  /** The `apply:` targets, resolved against the config's folder, with their param → name maps. */
  readonly applyTargets: readonly ApplyTargetEntry[];
  /** When each conditional param of the space is active (empty for a flat space or a broken config): hints say why a param is inactive. */
  readonly conditions?: SpaceConditions;
  /** The first error, as `file:line:col: message (key)`; null when the config is valid. */
  readonly problem: string | null;
  readonly modified: Date;
}

/** Reads and checks a config; null when the file is gone. Never throws. */
export async function readConfigEntry(file: string): Promise<ConfigEntry | null> {
  let text: string;
  let modified: Date;
  try {
    [text, modified] = await Promise.all([readFile(file, 'utf8'), stat(file).then((s) => s.mtime)]);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null;
    return brokenConfig(file, `${file}: cannot read: ${describeError(error)}`, new Date());
  }
  const { config, problems } = parseConfig(text, file);
  if (!config) {
    const first = problems.find((problem) => problem.severity === 'error');
    return brokenConfig(file, first ? formatProblem(first) : `${file}: invalid config`, modified);
  }
  return {
    path: file,
    name: config.name,
    journalPath: isStorageUrl(config.storage) ? storageLocationKey(config.storage) : path.resolve(path.dirname(file), config.storage),
    storageUrl: isStorageUrl(config.storage) ? config.storage : null,
    metric: primaryObjective(config).metric,
    direction: primaryObjective(config).direction,
    objectives: config.objectives,
    budget: config.trials ?? null,
    sampler: config.sampler.type,
    pruner: describePruner(config.pruner),
    runsCommands: config.trial.kind === 'command',
    applyTargets: config.apply.map((target) => ({ file: path.resolve(path.dirname(file), target.file), map: target.map })),
    conditions: config.conditions,
    problem: null,
    modified,
  };
}

function brokenConfig(file: string, problem: string, modified: Date): ConfigEntry {
  const name = defaultStudyName(file);
  const journalPath = path.resolve(path.dirname(file), defaultStoragePath(name));
  return { path: file, name, journalPath, storageUrl: null, metric: null, direction: null, objectives: null, budget: null, sampler: null, pruner: null, runsCommands: false, applyTargets: [], problem, modified };
}

/**
 * How a journal's location is shown and keyed: a path as is; a server's URL in one canonical form
 * (default port and database spelled out) without its password, so two spellings of one storage meet.
 */
export function storageLocationKey(text: string): string {
  return isStorageUrl(text) ? describeStorageLocation(parseStorageLocation(text)) : text;
}

export function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
