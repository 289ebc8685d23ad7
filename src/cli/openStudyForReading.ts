/**
 * Opening a study to look at it (`show`, `best`, `export`): from a `*.tune.yaml` config, whose
 * journal sits at its `storage:` path, or from a journal file directly. Never writes: no journal, study
 * or lock is created (a read-only journal can be read), and a study that has not run yet is an error
 * that says how to start it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { type Direction, formatProblem, type FrozenTrial, isStorageUrl, metricNameOf, parseConfig, type StudyRecord } from '../core';
import { openJournalStorage } from '../redis/openJournal';
import { RedisUnreachableError } from '../redis/redisJournalBackend';
import { printStorageWarning } from './storageHooks';
import { cliCommand } from './invocation';
import { EXIT } from './validateCommand';

/** A failure the user can act on: printed as `tuneboard: message`, then the process exits with `exitCode`. */
export class CliError extends Error {
  override name = 'CliError';
  constructor(
    message: string,
    readonly exitCode: number = EXIT.usage,
    /** Lines printed as they are before the message, e.g. `file:line:col: problem`. */
    readonly details: readonly string[] = [],
  ) {
    super(message);
  }
}

/** A snapshot of one study, read from its journal. */
export interface StudyForReading {
  readonly name: string;
  readonly direction: Direction;
  /** The objective's name: from the config, or Optuna's metric names in the journal, else `value`. */
  readonly metric: string;
  readonly journal: string;
  readonly config: string | null;
  readonly trials: readonly FrozenTrial[];
}

export interface ReadOptions {
  /** Which study of a journal holding several. */
  readonly study?: string;
}


/** Where the study named by a command's argument lives: a config's journal, a journal file or a storage URL. */
export function locateStudy(path: string, options: ReadOptions = {}): StudyTarget {
  const isUrl = isStorageUrl(path);
  if (!isUrl && !existsSync(path)) throw new CliError(`cannot read ${path}: no such file`);
  const isConfig = !isUrl && /\.ya?ml$/i.test(path);
  const target = isConfig ? readConfigTarget(path, options) : { journal: path, study: options.study, metric: null, config: null };
  if (!isStorageUrl(target.journal) && !existsSync(target.journal)) {
    throw new CliError(`${target.journal} does not exist: study '${target.study ?? '?'}' has no trials yet; start it with: ${cliCommand(['run', path])}`);
  }
  return target;
}

export async function openStudyForReading(path: string, options: ReadOptions = {}): Promise<StudyForReading> {
  const target = locateStudy(path, options);
  // Read-only: opened `r` only, never created, locked or repaired, so a read-only journal can be shown.
  const storage = await openJournalStorage(target.journal, { readOnly: true, onWarning: printStorageWarning }).catch((error: unknown) => {
    if (error instanceof RedisUnreachableError) throw new CliError(error.message, EXIT.usage);
    throw new CliError(`cannot read ${target.journal}: ${error instanceof Error ? error.message : String(error)}`);
  });
  try {
    const studies = storage.getStudies();
    const record = pickStudy(studies, target.study, target.journal, target.config);
    const journalMetric = metricNameOf(record.systemAttrs);
    return {
      name: record.name,
      direction: record.direction,
      metric: target.metric ?? journalMetric ?? 'value',
      journal: target.journal,
      config: target.config,
      trials: storage.getTrials(record.id),
    };
  } finally {
    await storage.close();
  }
}

export interface StudyTarget {
  readonly journal: string;
  readonly study: string | undefined;
  readonly metric: string | null;
  readonly config: string | null;
}

function readConfigTarget(file: string, options: ReadOptions): StudyTarget {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const { config, problems } = parseConfig(text, file);
  if (!config) {
    const errors = problems.filter((p) => p.severity === 'error').map(formatProblem);
    throw new CliError(`${file} has problems; fix them to read its study`, EXIT.problems, errors);
  }
  // As the study process does: `storage:` is relative to the config's folder. Shown relative to cwd.
  const journal = isStorageUrl(config.storage) ? config.storage : relative(process.cwd(), resolve(dirname(file), config.storage)) || config.storage;
  return { journal, study: options.study ?? config.name, metric: config.objective.metric, config: file };
}

export function pickStudy(studies: readonly StudyRecord[], wanted: string | undefined, journal: string, config: string | null): StudyRecord {
  const listed = studies.map((s) => `'${s.name}'`).join(', ');
  if (wanted !== undefined) {
    const found = studies.find((s) => s.name === wanted);
    if (found) return found;
    if (studies.length === 0 && config) {
      throw new CliError(`${journal} holds no studies yet: study '${wanted}' has no trials; start it with: ${cliCommand(['run', config])}`);
    }
    const start = config ? `; start it with: ${cliCommand(['run', config])}` : '';
    throw new CliError(`${journal} holds no study '${wanted}' (it holds ${listed || 'none'})${start}`);
  }
  const [only, ...rest] = studies;
  if (!only) throw new CliError(`${journal} holds no studies yet: no trials have run`);
  if (rest.length > 0) throw new CliError(`${journal} holds ${studies.length} studies: ${listed}; pick one with --study <name>`);
  return only;
}

/** The `--study <name>` option every reading command takes. */
export function addStudyOption(command: Command): Command {
  return command.option('--study <name>', 'the study to read, when the journal holds several');
}

/** Runs a command's action, turning a CliError into its message and exit code. */
export async function runReadingAction(action: () => Promise<number>): Promise<void> {
  // `tuneboard export --csv | head` closes the pipe early: that is the reader's choice, not a crash.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(EXIT.ok);
  });
  try {
    process.exitCode = await action();
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    for (const line of error.details) process.stderr.write(`${line}\n`);
    process.stderr.write(`tuneboard: ${error.message}\n`);
    process.exitCode = error.exitCode;
  }
}
