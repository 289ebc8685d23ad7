/**
 * One StudySummary per study the workspace knows of: every study in every journal, matched with the
 * config whose `storage:` and `name:` point at it, plus configs that have not run yet (and broken
 * ones) so the user sees them before tuning. Pure: the index feeds it files already read.
 */
import * as path from 'node:path';
import { type BudgetProgress, type Direction, type FrozenTrial, isMultiObjective, isStorageUrl, metricNameOf, metricNamesOf, overviewOf, paretoRankingOfTrials, type ParetoRanking, recordedBudget, type StateCounts, type StudyRecord } from '../../core';
import type { ConfigEntry } from './studyFiles';

export interface StudySummary {
  /** `<journal path>#<study name>`; for a broken or duplicate config, `<config path>#<study name>`. */
  readonly key: string;
  readonly name: string;
  /** Absolute; may not exist yet (a config not tuned yet). */
  readonly journalPath: string;
  /** The config whose storage and name match, or null for a study started elsewhere. */
  readonly configPath: string | null;
  /** The first objective's direction (the only one of a single-objective study). */
  readonly direction: Direction;
  /** The config's objective metric, else the journal's `study:metric_names`, else `value`. */
  readonly metric: string;
  /** One per objective (Optuna's `directions`): several make a multi-objective study. */
  readonly directions: readonly Direction[];
  /** The objectives' names, one per direction: the config's, else the journal's `study:metric_names`, else `values_<i>`. */
  readonly metrics: readonly string[];
  /** A multi-objective study's ranking and Pareto front (studyView's paretoRanking); null for a single objective. */
  readonly pareto: ParetoRanking<FrozenTrial> | null;
  /** The budget of the study's latest run (journal), else its config's `search.trials`, else null. */
  readonly budget: number | null;
  readonly counts: StateCounts;
  /** The best complete trial, by the read model's (Optuna's) rule. */
  readonly best: FrozenTrial | null;
  /** n/N: see studyView's budgetProgress; `progressLabel` is how every view prints it. */
  readonly progress: BudgetProgress;
  readonly progressLabel: string;
  /** In number order. */
  readonly trials: readonly FrozenTrial[];
  /** The newest trial timestamp, else when the journal (or config) was last written. */
  readonly lastUpdated: Date;
  /** Why this study cannot be read or run (a broken config or journal), with file:line. */
  readonly problem: string | null;
}

/** What the index read from one journal. */
export interface JournalSnapshot {
  readonly path: string;
  readonly studies: readonly StudyRecord[];
  trialsOf(studyId: number): readonly FrozenTrial[];
  /** A JournalError (`file:line: …`) or a read failure; the studies replayed before it are still listed. */
  readonly problem: string | null;
  readonly modified: Date;
}

const NO_TRIALS: readonly FrozenTrial[] = Object.freeze([]);

export function summaryKey(file: string, studyName: string): string {
  return `${file}#${studyName}`;
}

/** Every study, sorted by name (then key, so equal names keep a stable order). */
export function buildSummaries(configs: Iterable<ConfigEntry>, journals: Iterable<JournalSnapshot>): StudySummary[] {
  const summaries = new Map<string, StudySummary>();
  const configsByKey = new Map<string, ConfigEntry>();
  const journalsByPath = new Map<string, JournalSnapshot>();
  for (const journal of journals) journalsByPath.set(journal.path, journal);
  const sortedConfigs = [...configs].sort((a, b) => a.path.localeCompare(b.path));

  for (const config of sortedConfigs) {
    const key = summaryKey(config.journalPath, config.name);
    if (config.problem !== null) {
      summaries.set(summaryKey(config.path, config.name), configOnly(config, summaryKey(config.path, config.name), config.problem));
    } else if (configsByKey.has(key)) {
      const first = path.basename(configsByKey.get(key)?.path ?? '');
      const problem = `${config.path}: study '${config.name}' in ${config.journalPath} is already the study of ${first}; give this config another name or storage`;
      summaries.set(summaryKey(config.path, config.name), configOnly(config, summaryKey(config.path, config.name), problem));
    } else {
      configsByKey.set(key, config);
    }
  }

  for (const journal of journalsByPath.values()) {
    for (const record of journal.studies) {
      const key = summaryKey(journal.path, record.name);
      summaries.set(key, journalStudy(journal, record, configsByKey.get(key) ?? null));
    }
  }
  for (const [key, config] of configsByKey) {
    if (summaries.has(key)) continue;
    // A config not tuned yet; if its journal exists but cannot be read, that is why its study is missing.
    summaries.set(key, configOnly(config, key, journalsByPath.get(config.journalPath)?.problem ?? null));
  }
  for (const journal of journalsByPath.values()) {
    const key = summaryKey(journal.path, '');
    const covered = journal.studies.length > 0 || [...configsByKey.values()].some((c) => c.journalPath === journal.path);
    if (journal.problem !== null && !covered) summaries.set(key, unreadableJournal(journal, key));
  }
  return [...summaries.values()].sort((a, b) => a.name.localeCompare(b.name) || a.key.localeCompare(b.key));
}

/** Whether a view showing `previous` must redraw for `next`: cheap, since the storage reuses frozen trial lists until they change. */
export function sameSummary(previous: StudySummary, next: StudySummary): boolean {
  return previous.trials === next.trials && previous.problem === next.problem && previous.configPath === next.configPath
    && previous.metric === next.metric && previous.metrics.join('\n') === next.metrics.join('\n') && previous.directions.join() === next.directions.join() && previous.budget === next.budget && previous.direction === next.direction
    && previous.name === next.name && previous.journalPath === next.journalPath
    && previous.lastUpdated.getTime() === next.lastUpdated.getTime();
}

function journalStudy(journal: JournalSnapshot, record: StudyRecord, config: ConfigEntry | null): StudySummary {
  const trials = journal.trialsOf(record.id);
  const budget = recordedBudget(record.systemAttrs) ?? config?.budget ?? null;
  const directions = record.directions.length > 0 ? record.directions : [record.direction];
  const journalMetrics = metricNamesOf(record.systemAttrs, directions.length);
  const metrics = config?.objectives?.length === directions.length ? config.objectives.map((o) => o.metric) : journalMetrics;
  return {
    key: summaryKey(journal.path, record.name),
    name: record.name,
    journalPath: journal.path,
    configPath: config?.path ?? null,
    direction: record.direction,
    metric: config?.metric ?? metricNameOf(record.systemAttrs) ?? 'value',
    directions,
    metrics,
    pareto: isMultiObjective(directions) ? paretoRankingOfTrials(trials, directions) : null,
    budget,
    ...overviewOf(trials, record.direction, budget),
    trials,
    lastUpdated: newestTimestamp(trials) ?? journal.modified,
    problem: journal.problem,
  };
}

function configOnly(config: ConfigEntry, key: string, problem: string | null): StudySummary {
  return {
    key,
    name: config.name,
    journalPath: config.journalPath,
    configPath: config.path,
    direction: config.direction ?? 'minimize',
    metric: config.metric ?? 'value',
    ...configObjectives(config),
    pareto: null,
    budget: config.budget,
    ...overviewOf(NO_TRIALS, config.direction ?? 'minimize', config.budget),
    trials: NO_TRIALS,
    lastUpdated: config.modified,
    problem,
  };
}

function unreadableJournal(journal: JournalSnapshot, key: string): StudySummary {
  return {
    key,
    // A server that could not be read is named by its address; a file by its name.
    name: isStorageUrl(journal.path) ? journal.path : path.basename(journal.path).replace(/\.jsonl$/i, ''),
    journalPath: journal.path,
    configPath: null,
    direction: 'minimize',
    metric: 'value',
    directions: ['minimize'],
    metrics: ['value'],
    pareto: null,
    budget: null,
    ...overviewOf(NO_TRIALS, 'minimize', null),
    trials: NO_TRIALS,
    lastUpdated: journal.modified,
    problem: journal.problem,
  };
}

/** A config not tuned yet: its objectives as written. */
function configObjectives(config: ConfigEntry): { directions: readonly Direction[]; metrics: readonly string[] } {
  if (config.objectives && config.objectives.length > 0) return { directions: config.objectives.map((o) => o.direction), metrics: config.objectives.map((o) => o.metric) };
  return { directions: [config.direction ?? 'minimize'], metrics: [config.metric ?? 'value'] };
}

function newestTimestamp(trials: readonly FrozenTrial[]): Date | null {
  let newest: Date | null = null;
  for (const trial of trials) {
    const time = trial.datetimeComplete ?? trial.datetimeStart;
    if (time && (newest === null || time > newest)) newest = time;
  }
  return newest;
}
