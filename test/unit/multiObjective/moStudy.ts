/**
 * An in-memory multi-objective StudyView for sampler tests: asks a sampler the way the study does
 * (beforeTrial's system attrs on the new trial, the relative space sampled jointly, the rest one by
 * one in space order) and records values and constraint values on tell.
 */
import type { Distribution, ParamValue } from '../../../src/core/distributions';
import { CONSTRAINTS_ATTR } from '../../../src/core/studyView/trialAttrs';
import type { Sampler, SearchSpace, StudyView } from '../../../src/core/samplers/sampler';
import type { Direction, FrozenTrial, JsonValue, TrialState } from '../../../src/core/trial';

export type MoObjective = (params: Readonly<Record<string, ParamValue>>) => { values: number[]; constraints?: number[] };

export class MoStudy implements StudyView {
  private readonly trials: FrozenTrial[] = [];

  constructor(
    readonly searchSpace: SearchSpace,
    readonly directions: readonly Direction[],
    readonly name: string = 'mo-study',
  ) {}

  get direction(): Direction {
    return this.directions[0] as Direction;
  }

  getTrials(states?: readonly TrialState[]): readonly FrozenTrial[] {
    return states ? this.trials.filter((t) => states.includes(t.state)) : [...this.trials];
  }

  /** A new running trial with every param sampled. */
  ask(sampler: Sampler): FrozenTrial {
    const number = this.trials.length;
    const params: Record<string, ParamValue> = {};
    const draft: FrozenTrial = { ...blank(number), systemAttrs: {}, params, distributions: this.searchSpace };
    const systemAttrs = { ...(sampler.beforeTrial?.(this, draft) ?? {}) };
    const trial: FrozenTrial = { ...draft, systemAttrs };
    const relativeSpace = sampler.inferRelativeSearchSpace(this, trial);
    const relative = Object.keys(relativeSpace).length > 0 ? sampler.sampleRelative(this, trial, relativeSpace) : {};
    for (const [name, distribution] of Object.entries(this.searchSpace)) {
      params[name] = name in relative ? (relative[name] as ParamValue) : sampler.sampleIndependent(this, trial, name, distribution);
    }
    this.trials.push(trial);
    return trial;
  }

  tell(trial: FrozenTrial, values: number[] | null, state: TrialState = 'complete', constraints?: number[]): FrozenTrial {
    const systemAttrs: Record<string, JsonValue> = { ...trial.systemAttrs };
    if (constraints) systemAttrs[CONSTRAINTS_ATTR] = constraints;
    const done: FrozenTrial = { ...trial, state, values, value: values?.[0] ?? null, systemAttrs };
    this.trials[trial.number] = done;
    return done;
  }

  run(sampler: Sampler, objective: MoObjective, nTrials: number): this {
    for (let i = 0; i < nTrials; i++) {
      const trial = this.ask(sampler);
      const { values, constraints } = objective(trial.params);
      const done = this.tell(trial, values, 'complete', constraints);
      sampler.afterTrial?.(this, done);
    }
    return this;
  }

  /** Appends a finished trial as given. */
  add(input: { params: Record<string, ParamValue>; values: number[] | null; state?: TrialState; systemAttrs?: Record<string, JsonValue>; distributions?: Record<string, Distribution> }): FrozenTrial {
    const trial: FrozenTrial = {
      ...blank(this.trials.length),
      state: input.state ?? 'complete',
      values: input.values,
      value: input.values?.[0] ?? null,
      params: input.params,
      distributions: input.distributions ?? this.searchSpace,
      systemAttrs: input.systemAttrs ?? {},
    };
    this.trials.push(trial);
    return trial;
  }
}

function blank(number: number): FrozenTrial {
  return {
    id: number,
    number,
    state: 'running',
    value: null,
    values: null,
    params: {},
    distributions: {},
    intermediateValues: new Map(),
    userAttrs: {},
    systemAttrs: {},
    datetimeStart: null,
    datetimeComplete: null,
  };
}
