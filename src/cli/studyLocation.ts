/**
 * Where a command finds its study: the `[config|journal|url]` argument, `--storage <journal|url>` and
 * `--study <name>`, defined and applied here for every command that opens a study, so they mean the
 * same everywhere. `--storage` takes the place of a config's `storage:` (the config still names the
 * study and its objective), or, with no config, names the journal on its own; `--study` picks one
 * study of a journal that holds several. A malformed URL is refused here, before anything is opened.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import { describeStorageLocation, formatProblem, isStorageUrl, parseConfig, parseStorageLocation, StorageLocationError, type StudyConfig } from '../core';
import { CliError } from './cliError';
import { cliCommand } from './invocation';
import { EXIT } from './validateCommand';

const STORAGE_FLAGS = '--storage <journal|url>';
const REDIS_URL = 'redis://[user:password@]host:port[/db][?prefix=name] (rediss:// for TLS)';

/** The options a command was given that say where its study is (commander's parsed options). */
export interface StudyLocationFlags {
  readonly storage?: string;
  readonly study?: string;
}

/** `run`, `resume`, `enqueue`: the config names the study; `--storage` only moves its journal. */
export function addStorageOption(command: Command): Command {
  return command.option(STORAGE_FLAGS, `journal file, or ${REDIS_URL}, used instead of the config's storage: (default: .tuneboard/<study>.jsonl beside the config)`);
}

/**
 * `show`, `best`, `export`, `importance`, `stop`: the study is a config's, a journal's or a URL's, given
 * as the argument or, with no config, by `--storage` alone; `--study` when the journal holds several.
 */
export function addStudyLocation(command: Command): Command {
  return command
    .argument('[config|journal|url]', 'a *.tune.yaml config (its journal is read), a journal *.jsonl, or a redis:// URL (or leave it out and give --storage)')
    .option(STORAGE_FLAGS, `journal file, or ${REDIS_URL}: used instead of the config's storage: (the config still names the study), or on its own without a config`)
    .option('--study <name>', 'which study, when the journal holds several');
}

/** A study to open: where its journal is, which study of it, and what a config says about it. */
export interface StudyTarget {
  /** Where to open the journal: a path (relative to the working folder) or a storage URL. */
  readonly journal: string;
  /** The journal as messages show it (a URL's password masked). */
  readonly shown: string;
  /** The study to pick; undefined: the journal's only one. */
  readonly study: string | undefined;
  /** The objectives' names, from the config. */
  readonly metrics: readonly string[] | null;
  readonly config: string | null;
  /** The command that starts this study, for hints; null without a config. */
  readonly startCommand: string | null;
}

/** Where the study named by a command's argument and flags lives; its journal must exist (a URL is checked when opened). */
export function locateStudy(argument: string | undefined, flags: StudyLocationFlags = {}): StudyTarget {
  const storage = flags.storage === undefined ? undefined : checkedStorage(flags.storage);
  if (argument === undefined) {
    if (storage === undefined) throw new CliError('name the study: a *.tune.yaml config, a journal or a storage URL, or --storage <journal|url>');
    return existingJournal(journalTarget(storage, flags));
  }
  const isConfig = !isStorageUrl(argument) && /\.ya?ml$/i.test(argument);
  if (!isConfig) {
    if (storage !== undefined) throw new CliError(`${shownStorage(argument)} and --storage ${shownStorage(storage)} both name a journal: give one of them`);
    return existingJournal(journalTarget(checkedStorage(argument), flags));
  }
  return existingJournal(configTarget(argument, loadConfigFile(argument, 'read its study'), storage, flags));
}

/** A journal named on its own: no config says which study or what its objective is called. */
function journalTarget(journal: string, flags: StudyLocationFlags): StudyTarget {
  return { journal, shown: shownStorage(journal), study: flags.study, metrics: null, config: null, startCommand: null };
}

function configTarget(file: string, config: StudyConfig, storage: string | undefined, flags: StudyLocationFlags): StudyTarget {
  // As the study process does: `storage:` is relative to the config's folder. Shown relative to cwd.
  const fromConfig = isStorageUrl(config.storage) ? config.storage : path.relative(process.cwd(), path.resolve(path.dirname(file), config.storage)) || config.storage;
  const journal = storage ?? fromConfig;
  return {
    journal,
    shown: shownStorage(journal),
    study: flags.study ?? config.name,
    metrics: config.objectives.map((objective) => objective.metric),
    config: file,
    startCommand: cliCommand(['run', file, ...(storage === undefined ? [] : ['--storage', storage])]),
  };
}

function existingJournal(target: StudyTarget): StudyTarget {
  if (isStorageUrl(target.journal) || existsSync(target.journal)) return target;
  if (target.startCommand === null) throw new CliError(`cannot read ${target.shown}: no such file`);
  throw new CliError(`${target.shown} does not exist: study '${target.study ?? '?'}' has no trials yet; start it with: ${target.startCommand}`);
}

/**
 * The journal a config's study process opens: `--storage` (a path relative to the working folder)
 * over the config's `storage:` (relative to the config's folder); URLs as they are.
 */
export function resolveStorage(flag: string | undefined, configStorage: string, configDir: string): string {
  if (flag !== undefined) {
    const storage = checkedStorage(flag);
    return isStorageUrl(storage) ? storage : path.resolve(storage);
  }
  return isStorageUrl(configStorage) ? configStorage : path.resolve(configDir, configStorage);
}

/** A storage text that can be opened: a path, or a URL of a kind Tuneboard reads (a CliError naming it otherwise). */
export function checkedStorage(text: string): string {
  if (!isStorageUrl(text)) return text;
  try {
    parseStorageLocation(text);
  } catch (error) {
    if (!(error instanceof StorageLocationError)) throw error;
    throw new CliError(`cannot use ${shownStorage(text)}: ${error.message}`);
  }
  return text;
}

/**
 * A storage text as messages show it: a path as it is; a URL as the read model describes it (no
 * password), or, malformed, as written with its password as ***.
 */
export function shownStorage(text: string): string {
  if (!isStorageUrl(text)) return text;
  try {
    return describeStorageLocation(parseStorageLocation(text));
  } catch {
    return text.replace(/^([^:/]+:\/\/[^:@/]*):[^@/]*@/, '$1:***@');
  }
}

/** A config, or a CliError: exit 2 when it cannot be read, 1 with each problem at its line when it is not valid. */
export function loadConfigFile(file: string, purpose: string): StudyConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : error instanceof Error ? error.message : String(error);
    throw new CliError(`cannot read ${file}: ${reason}`);
  }
  const { config, problems } = parseConfig(text, file);
  if (!config) {
    const errors = problems.filter((p) => p.severity === 'error').map(formatProblem);
    throw new CliError(`${file} has problems; fix them to ${purpose}`, EXIT.problems, errors);
  }
  return config;
}
