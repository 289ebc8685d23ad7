/**
 * A running trial's reports, as the study loop records them: every metric kept for the learning
 * curves, the first objective journaled as the intermediate value (as Optuna's `trial.report`), and
 * the pruner asked after each step. In a multi-objective study the pruner is also given the step's
 * value of every objective (pareto_asha ranks them); it journals only what it keeps at its rungs,
 * so a step costs one journal record however many objectives there are.
 */
import { INTERRUPTED, primaryObjective, type Study, type StudyConfig, type TrialHandle } from '../core';
import type { StudyEvent } from '../protocol/studyEvents';
import type { RunningTrial, TrialReport } from './executor';
import { finishedElsewhere } from './staleTrialRetry';

/** What recording a report needs of a running trial. */
export interface ReportedTrial {
  readonly handle: TrialHandle;
  readonly run: Pick<RunningTrial, 'stop' | 'kill'>;
  /** The step the pruner stopped it at; reports after it are dropped. */
  prunedAtStep: number | null;
  /** Every metric reported, by name, as [step, value] pairs: the learning curves, kept when the trial ends. */
  readonly history: Record<string, [number, number][]>;
}

export interface ReportRecorderOptions {
  readonly config: StudyConfig;
  readonly study: Study;
  readonly emit: (event: StudyEvent) => void;
  /** True once the study is being stopped: reports are dropped then. */
  readonly interrupted: () => boolean;
}

/** Records one report of a running trial (call it inside the journal's write queue, in order). */
export function reportRecorder({ config, study, emit, interrupted }: ReportRecorderOptions): (trial: ReportedTrial, report: TrialReport) => Promise<void> {
  const primary = primaryObjective(config).metric;
  return async (trial, report) => {
    const value = report.metrics[primary];
    if (value === undefined || trial.prunedAtStep !== null || interrupted()) return;
    // Another run failed it as stale (this host was cut off or frozen): stop it, its reports are refused.
    if (finishedElsewhere(study, trial.handle)) return void trial.run.kill(`${INTERRUPTED}: failed by another run`);
    for (const [name, metric] of Object.entries(report.metrics)) (trial.history[name] ??= []).push([report.step, metric]);
    await study.report(trial.handle, report.step, value);
    emit({ type: 'trial-reported', study: config.name, number: trial.handle.number, step: report.step, value, metrics: report.metrics, time: new Date().toISOString() });
    // Records the pruner's attrs on the trial (ASHA's completed_rung_{k}) before acting on its decision.
    if (await study.shouldPrune(trial.handle, objectiveValues(config, report))) {
      trial.prunedAtStep = report.step;
      trial.run.stop();
    }
  };
}

/** Every objective's value at the report's step, in the config's order; undefined with one objective or when the step lacks one. */
function objectiveValues(config: StudyConfig, report: TrialReport): readonly number[] | undefined {
  if (config.objectives.length < 2) return undefined;
  const values: number[] = [];
  for (const { metric } of config.objectives) {
    const value = report.metrics[metric];
    if (typeof value !== 'number') return undefined;
    values.push(value);
  }
  return values;
}
