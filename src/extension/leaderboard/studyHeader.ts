/**
 * The leaderboard header for a study: what the index knows (trials, budget, problem), what its config
 * says (sampler, pruner, trial kind; as the index read it) and whether the editor is running it.
 * Pure (no vscode).
 */
import { type FrozenTrial, trialBackend } from '../../core';
import type { StudyHeader } from '../../protocol/leaderboard';
import { isOrphaned } from '../studies/orphanedTrials';
import type { ConfigEntry } from '../studies/studyFiles';
import { studyState } from '../studies/studyPresentation';
import type { StudySummary } from '../studies/studyIndex';

export interface HeaderContext {
  readonly running: boolean;
  readonly trusted: boolean;
  /** The backend a running study's workers reported, if any. */
  readonly liveBackend: string | null;
}

/** `config`: the index's entry for the study's config, if it has one. */
export function buildHeader(study: StudySummary, config: ConfigEntry | undefined, context: HeaderContext): StudyHeader {
  const valid = config !== undefined && config.problem === null;
  return {
    key: study.key,
    name: study.name,
    direction: study.direction,
    metric: study.metric,
    ...(study.directions.length > 1 ? { objectives: study.directions.map((direction, i) => ({ metric: study.metrics[i] ?? `values_${i}`, direction })) } : {}),
    // The tree's rule: also running while another process (a terminal, another machine) runs its trials.
    state: studyState(study, context.running, isOrphaned),
    sampler: config?.sampler ?? null,
    pruner: config?.pruner ?? null,
    backend: context.liveBackend ?? latestBackend(study.trials),
    budget: study.budget,
    counted: study.progress.used,
    done: study.progress.done,
    startedAt: firstStart(study.trials),
    configPath: study.configPath,
    journalPath: study.journalPath,
    problem: study.problem,
    canRun: study.configPath !== null && valid && (context.trusted || !config.runsCommands),
  };
}

function latestBackend(trials: readonly FrozenTrial[]): string | null {
  for (let i = trials.length - 1; i >= 0; i--) {
    const trial = trials[i];
    const backend = trial === undefined ? null : trialBackend(trial);
    if (backend !== null) return backend;
  }
  return null;
}

function firstStart(trials: readonly FrozenTrial[]): number | null {
  let first: number | null = null;
  for (const trial of trials) {
    const start = trial.datetimeStart?.getTime();
    if (start !== undefined && (first === null || start < first)) first = start;
  }
  return first;
}
