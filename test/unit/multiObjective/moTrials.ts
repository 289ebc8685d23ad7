/** Frozen trials with several objective values (and constraint values) for the multi-objective tests. */
import type { Distribution, ParamValue } from '../../../src/core/distributions';
import { CONSTRAINTS_ATTR } from '../../../src/core/studyView/trialAttrs';
import type { FrozenTrial, JsonValue, TrialState } from '../../../src/core/trial';

export interface MoTrialInput {
  readonly values: readonly number[] | null;
  readonly state?: TrialState;
  readonly constraints?: readonly number[];
  readonly params?: Readonly<Record<string, ParamValue>>;
  readonly distributions?: Readonly<Record<string, Distribution>>;
  readonly systemAttrs?: Readonly<Record<string, JsonValue>>;
}

export function moTrial(number: number, input: MoTrialInput): FrozenTrial {
  const systemAttrs: Record<string, JsonValue> = { ...input.systemAttrs };
  if (input.constraints) systemAttrs[CONSTRAINTS_ATTR] = [...input.constraints];
  return {
    id: number,
    number,
    state: input.state ?? 'complete',
    value: input.values?.[0] ?? null,
    values: input.values,
    params: input.params ?? {},
    distributions: input.distributions ?? {},
    intermediateValues: new Map(),
    userAttrs: {},
    systemAttrs,
    datetimeStart: null,
    datetimeComplete: null,
  };
}

/** Trials numbered 0… from value vectors. */
export function moTrials(values: readonly (readonly number[])[], constraints?: readonly (readonly number[])[]): FrozenTrial[] {
  return values.map((v, i) => moTrial(i, { values: v, constraints: constraints?.[i] }));
}
