/**
 * An in-memory StudyView for sampler tests: holds frozen trials and asks a sampler the way Optuna's
 * study does (the new trial is listed as running while it is sampled; relative space first, then each
 * remaining parameter of the space independently, in declaration order).
 */
import type { Distribution, ParamValue } from '../../../src/core/distributions';
import type { Sampler, SearchSpace, StudyView } from '../../../src/core/samplers/sampler';
import type { Direction, FrozenTrial, TrialState } from '../../../src/core/trial';

export interface TrialInput {
  readonly params: Readonly<Record<string, ParamValue>>;
  /** Defaults to 'complete'. */
  readonly state?: TrialState;
  readonly value?: number | null;
  /** step → value; a pruned trial's value defaults to its last intermediate value. */
  readonly intermediateValues?: ReadonlyMap<number, number> | Readonly<Record<number, number>>;
  /** Defaults to the study space's distributions of the given params. */
  readonly distributions?: Readonly<Record<string, Distribution>>;
}

export type Objective = (params: Readonly<Record<string, ParamValue>>, trial: FrozenTrial) => number;

export class FakeStudy implements StudyView {
  private readonly trials: FrozenTrial[] = [];

  constructor(
    readonly searchSpace: SearchSpace,
    readonly direction: Direction = 'minimize',
    readonly name: string = 'fake-study',
  ) {}

  get directions(): readonly Direction[] {
    return [this.direction];
  }

  getTrials(states?: readonly TrialState[]): readonly FrozenTrial[] {
    return states ? this.trials.filter((t) => states.includes(t.state)) : [...this.trials];
  }

  /** Appends a trial as given (complete unless a state is given) and returns it. */
  addTrial(input: TrialInput): FrozenTrial {
    const state = input.state ?? 'complete';
    const intermediate = toMap(input.intermediateValues);
    let value = input.value ?? null;
    if (value === null && state === 'pruned' && intermediate.size > 0) value = intermediate.get(Math.max(...intermediate.keys())) ?? null;
    const distributions: Record<string, Distribution> = {};
    for (const name of Object.keys(input.params)) {
      const d = input.distributions?.[name] ?? this.searchSpace[name];
      if (!d) throw new Error(`no distribution for param ${name}`);
      distributions[name] = d;
    }
    const trial = frozen(this.trials.length, state, value, { ...input.params }, distributions, intermediate);
    this.trials.push(trial);
    return trial;
  }

  /** Creates a running trial and fills every parameter of the space through the sampler. */
  ask(sampler: Sampler): FrozenTrial {
    let trial = this.addTrial({ params: {}, state: 'running' });
    const relativeSpace = sampler.inferRelativeSearchSpace(this, trial);
    const relative = sampler.sampleRelative(this, trial, relativeSpace);
    for (const [name, distribution] of Object.entries(this.searchSpace)) {
      const value = name in relative && name in relativeSpace ? (relative[name] as ParamValue) : sampler.sampleIndependent(this, trial, name, distribution);
      trial = frozen(trial.number, 'running', null, { ...trial.params, [name]: value }, { ...trial.distributions, [name]: distribution }, trial.intermediateValues);
      this.trials[trial.number] = trial;
    }
    return trial;
  }

  /** Finishes a running trial: complete with a value, or another final state. */
  tell(trial: FrozenTrial, value: number | null, state: TrialState = 'complete'): FrozenTrial {
    const current = this.trials[trial.number];
    if (!current || current.state !== 'running') throw new Error(`trial ${trial.number} is not running`);
    const done = frozen(current.number, state, value, current.params, current.distributions, current.intermediateValues);
    this.trials[current.number] = done;
    return done;
  }

  /** Asks and tells `nTrials` times, sequentially. */
  run(sampler: Sampler, objective: Objective, nTrials: number): this {
    for (let i = 0; i < nTrials; i++) {
      const trial = this.ask(sampler);
      const done = this.tell(trial, objective(trial.params, trial));
      sampler.afterTrial?.(this, done);
    }
    return this;
  }

  /** The best complete trial, or null. */
  get bestTrial(): FrozenTrial | null {
    let best: FrozenTrial | null = null;
    for (const t of this.trials) {
      if (t.state !== 'complete' || t.value === null) continue;
      if (!best || (this.direction === 'minimize' ? t.value < (best.value as number) : t.value > (best.value as number))) best = t;
    }
    return best;
  }
}

function toMap(values: TrialInput['intermediateValues']): Map<number, number> {
  if (!values) return new Map();
  if (values instanceof Map) return new Map(values);
  return new Map(Object.entries(values).map(([step, v]) => [Number(step), v as number]));
}

function frozen(
  number: number,
  state: TrialState,
  value: number | null,
  params: Record<string, ParamValue>,
  distributions: Record<string, Distribution>,
  intermediateValues: ReadonlyMap<number, number>,
): FrozenTrial {
  return { id: number, number, state, value, values: value === null ? null : [value], params, distributions, intermediateValues, userAttrs: {}, systemAttrs: {}, datetimeStart: null, datetimeComplete: null };
}
