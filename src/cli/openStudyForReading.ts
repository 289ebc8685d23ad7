/**
 * Opening a study to look at it (`show`, `best`, `export`, `importance`): from a `*.tune.yaml` config,
 * whose journal sits at its `storage:` path (or `--storage`), from a journal file, or from a storage
 * URL (see studyLocation.ts). Never writes: no journal, study or lock is created (a read-only journal
 * can be read), and a study that has not run yet is an error that says how to start it.
 */
import { type Direction, type FrozenTrial, metricNamesOf, type StudyRecord } from '../core';
import { openJournalStorage } from '../redis/openJournal';
import { RedisUnreachableError } from '../redis/redisJournalBackend';
import { CliError } from './cliError';
import { printStorageWarning } from './storageHooks';
import { locateStudy, type StudyLocationFlags, type StudyTarget } from './studyLocation';

/** A snapshot of one study, read from its journal. */
export interface StudyForReading {
  readonly name: string;
  /** The first objective's direction and name (a single-objective study's only ones). */
  readonly direction: Direction;
  /** The objective's name: from the config, or Optuna's metric names in the journal, else `value`. */
  readonly metric: string;
  /** One per objective, in order. */
  readonly directions: readonly Direction[];
  readonly metrics: readonly string[];
  /** The journal as messages show it (a URL's password masked). */
  readonly journal: string;
  readonly config: string | null;
  readonly trials: readonly FrozenTrial[];
}

export async function openStudyForReading(argument: string | undefined, flags: StudyLocationFlags = {}): Promise<StudyForReading> {
  const target = locateStudy(argument, flags);
  // Read-only: opened `r` only, never created, locked or repaired, so a read-only journal can be shown.
  const storage = await openJournalStorage(target.journal, { readOnly: true, onWarning: printStorageWarning }).catch((error: unknown) => {
    if (error instanceof RedisUnreachableError) throw error; // its message names the server and what to check
    throw new CliError(`cannot read ${target.shown}: ${error instanceof Error ? error.message : String(error)}`);
  });
  try {
    const record = pickStudy(storage.getStudies(), target);
    const metrics = target.metrics !== null && target.metrics.length === record.directions.length ? target.metrics : metricNamesOf(record.systemAttrs, record.directions.length);
    return {
      name: record.name,
      direction: record.direction,
      metric: metrics[0] ?? 'value',
      directions: record.directions,
      metrics,
      journal: target.shown,
      config: target.config,
      trials: storage.getTrials(record.id),
    };
  } finally {
    await storage.close();
  }
}

/**
 * The study the target names among a journal's studies: the one asked for (by `--study` or the
 * config), else the only one. A journal holding several asks for `--study`, naming them.
 */
export function pickStudy(studies: readonly StudyRecord[], target: StudyTarget): StudyRecord {
  const listed = studies.map((s) => `'${s.name}'`).join(', ');
  const wanted = target.study;
  if (wanted !== undefined) {
    const found = studies.find((s) => s.name === wanted);
    if (found) return found;
    if (studies.length === 0 && target.startCommand !== null) {
      throw new CliError(`${target.shown} holds no studies yet: study '${wanted}' has no trials; start it with: ${target.startCommand}`);
    }
    const start = target.startCommand === null ? '' : `; start it with: ${target.startCommand}`;
    throw new CliError(`${target.shown} holds no study '${wanted}' (it holds ${listed || 'none'})${start}`);
  }
  const [only, ...rest] = studies;
  if (!only) throw new CliError(`${target.shown} holds no studies yet: no trials have run`);
  if (rest.length > 0) throw new CliError(`${target.shown} holds ${studies.length} studies: ${listed}; pick one with --study <name>`);
  return only;
}
