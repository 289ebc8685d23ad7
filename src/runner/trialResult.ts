/**
 * What a completed trial tells the study: one value per objective, taken from its final metrics (the
 * first objective's is the executor's own value, which early stopping kept), and the constraint values
 * of the config's `constraints:`. A metric an objective or constraint needs but the trial never
 * reported fails the trial, saying which.
 */
import { constraintValuesOf, type StudyConfig, type TellOptions, type TrialResult } from '../core';
import type { TrialOutcome } from './executor';

export function completedTrialResult(config: Pick<StudyConfig, 'objectives' | 'constraints'>, outcome: Extract<TrialOutcome, { kind: 'complete' }>): { result: TrialResult; options: TellOptions } {
  const values = [outcome.value];
  for (const { metric } of config.objectives.slice(1)) {
    const value = outcome.metrics[metric];
    if (value === undefined) return { result: { state: 'fail', error: notReported(metric, 'objective', outcome) }, options: {} };
    values.push(value);
  }
  const constraints = constraintValuesOf(config.constraints, outcome.metrics);
  if ('missing' in constraints) return { result: { state: 'fail', error: notReported(constraints.missing, 'constraint', outcome) }, options: {} };
  return {
    result: values.length === 1 ? (values[0] as number) : values,
    options: config.constraints.length > 0 ? { constraints: constraints.values } : {},
  };
}

function notReported(metric: string, role: 'objective' | 'constraint', outcome: Extract<TrialOutcome, { kind: 'complete' }>): string {
  const seen = Object.keys(outcome.metrics);
  return `the trial did not report ${metric} as a number (${role === 'objective' ? 'an' : 'a'} ${role} of the study)${seen.length > 0 ? `; it reported ${seen.join(', ')}` : ''}`;
}
