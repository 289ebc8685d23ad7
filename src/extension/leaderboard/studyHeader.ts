/**
 * The leaderboard header for a study: what the index knows (trials, budget, problem), what the
 * config says (sampler, pruner, trial kind) and whether the editor is running it. Pure (no vscode).
 */
import { readFile } from 'node:fs/promises';
import { parseConfig } from '../../core/config';
import { describePruner } from '../../core/pruners';
import type { FrozenTrial } from '../../core/trial';
import type { StudyHeader } from '../../protocol/leaderboard';
import type { StudySummary } from '../studies/studyIndex';

/** What the header needs from the study's config; null fields when there is no valid config. */
export interface ConfigFacts {
  readonly sampler: string | null;
  readonly pruner: string | null;
  /** Command trials run the workspace's programs: refused in an untrusted workspace. */
  readonly runsCommands: boolean;
  readonly valid: boolean;
}

export const NO_CONFIG: ConfigFacts = { sampler: null, pruner: null, runsCommands: false, valid: false };

/** The runner's fail reason for trials a stop interrupted (src/runner/staleTrials.ts): they do not use budget. */
const INTERRUPTED_PREFIX = 'interrupted';

export async function readConfigFacts(configPath: string | null): Promise<ConfigFacts> {
  if (configPath === null) return NO_CONFIG;
  try {
    const { config } = parseConfig(await readFile(configPath, 'utf8'), configPath);
    if (!config) return NO_CONFIG;
    return { sampler: config.sampler.type, pruner: describePruner(config.pruner), runsCommands: config.trial.kind === 'command', valid: true };
  } catch {
    return NO_CONFIG;
  }
}

export interface HeaderContext {
  readonly running: boolean;
  readonly trusted: boolean;
  /** The backend a running study's workers reported, if any. */
  readonly liveBackend: string | null;
}

export function buildHeader(study: StudySummary, facts: ConfigFacts, context: HeaderContext): StudyHeader {
  return {
    key: study.key,
    name: study.name,
    direction: study.direction,
    metric: study.metric,
    state: context.running ? 'running' : study.problem !== null ? 'problem' : study.trials.length === 0 ? 'noTrials' : 'idle',
    sampler: facts.sampler,
    pruner: facts.pruner,
    backend: context.liveBackend ?? latestBackend(study.trials),
    budget: study.budget,
    counted: countedTrials(study.trials),
    startedAt: firstStart(study.trials),
    configPath: study.configPath,
    journalPath: study.journalPath,
    problem: study.problem,
    canRun: study.configPath !== null && facts.valid && (context.trusted || !facts.runsCommands),
  };
}

/** Trials that use the budget: all but those a stop interrupted. */
export function countedTrials(trials: readonly FrozenTrial[]): number {
  return trials.filter((trial) => !wasInterrupted(trial)).length;
}

function wasInterrupted(trial: FrozenTrial): boolean {
  const reason = trial.systemAttrs.fail_reason;
  return trial.state === 'fail' && typeof reason === 'string' && reason.startsWith(INTERRUPTED_PREFIX);
}

function latestBackend(trials: readonly FrozenTrial[]): string | null {
  for (let i = trials.length - 1; i >= 0; i--) {
    const backend = trials[i]?.userAttrs.backend;
    if (typeof backend === 'string') return backend;
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
