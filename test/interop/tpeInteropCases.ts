/**
 * Random studies for tpe.test.ts, built alike on both sides: as JSON for optuna_tpe.py and as a
 * StudyView for Tuneboard's sampler. Values and constraint values are tie-prone on purpose.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { categoricalDistribution, floatDistribution, intDistribution, type Distribution, type ParamValue } from '../../src/core/distributions';
import type { Rng } from '../../src/core/rng';
import { sampleUniform } from '../../src/core/samplers/random';
import type { SearchSpace, StudyView } from '../../src/core/samplers/sampler';
import { CONSTRAINTS_ATTR } from '../../src/core/studyView/trialAttrs';
import type { Direction, FrozenTrial, JsonValue, TrialState } from '../../src/core/trial';
import { optunaSkip, PYTHON } from './pythonPeers';

export const skip = optunaSkip;

/** Runs a peer script of this folder (optuna_tpe.py unless told) with `input` on stdin; its JSON answer. */
export function optuna<T>(mode: string, input: unknown, script = 'optuna_tpe.py'): T {
  const output = execFileSync(PYTHON, [join(__dirname, script), mode], { input: toPythonJson(input), encoding: 'utf8', maxBuffer: 1 << 28 });
  // Python writes infinities as bare tokens, which JSON.parse reads as 1e999.
  return JSON.parse(output.replace(/\bInfinity\b/g, '1e999')) as T;
}

/** JSON has no infinities or NaN; Python's json reads the bare tokens. */
function toPythonJson(value: unknown): string {
  const tokens: Record<string, string> = { __inf__: 'Infinity', '__-inf__': '-Infinity', __nan__: 'NaN' };
  return JSON.stringify(value, (_, v: unknown) => (v === Infinity ? '__inf__' : v === -Infinity ? '__-inf__' : Number.isNaN(v) ? '__nan__' : v)).replace(
    /"(__inf__|__-inf__|__nan__)"/g,
    (_, token: string) => tokens[token] as string,
  );
}

export function close(a: number, b: number): boolean {
  return a === b || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

export interface TrialCase {
  state: TrialState;
  values: number[] | null;
  constraints: number[] | null;
  intermediate: [number, number][];
  params: Record<string, ParamValue>;
}

/** Every kind of range the Parzen estimator treats apart. */
export const PARAMS: readonly [string, Distribution][] = [
  ['x', floatDistribution(-2, 3)],
  ['lr', floatDistribution(1e-4, 1, { log: true })],
  ['drop', floatDistribution(0, 0.5, { step: 0.1 })],
  ['n', intDistribution(0, 10)],
  ['batch', intDistribution(8, 64, { step: 8 })],
  ['units', intDistribution(1, 200, { log: true })],
  ['act', categoricalDistribution(['relu', 'tanh', 'elu'])],
  ['opt', categoricalDistribution(['adam', 'sgd'])],
];

export const randomDirections = (rng: Rng, count: number): Direction[] => Array.from({ length: count }, () => (rng.random() < 0.5 ? 'minimize' : 'maximize'));
/** Tie-prone: small integers, or two decimals. */
const tieProne = (rng: Rng): number => (rng.random() < 0.5 ? rng.int(-2, 4) : Math.round(rng.random() * 1000) / 100);
const STATES: TrialState[] = ['complete', 'complete', 'complete', 'complete', 'complete', 'complete', 'complete', 'complete', 'pruned', 'pruned', 'running', 'fail'];

/** A trial count: mostly small, now and then large enough for gamma's cap of 25. */
export const randomTrialCount = (rng: Rng): number => (rng.random() < 0.2 ? rng.int(100, 260) : rng.int(0, 60));

export interface TrialOptions {
  readonly constrained: boolean;
  readonly constraintCount: number;
  /** Params of these names, each present unless `partial` drops it now and then. */
  readonly space: readonly [string, Distribution][];
  readonly partial: boolean;
}

export function randomTrials(rng: Rng, directions: readonly Direction[], count: number, options: TrialOptions): TrialCase[] {
  return Array.from({ length: count }, () => {
    const state = STATES[rng.int(0, STATES.length - 1)] as TrialState;
    const steps = state === 'pruned' ? rng.int(0, 3) : 0;
    const intermediate = Array.from({ length: steps }, (_, k): [number, number] => [k * 2 + rng.int(0, 1), rng.random() < 0.05 ? NaN : tieProne(rng)]);
    const finished = state === 'complete' || state === 'pruned';
    const constraints = options.constrained && finished && rng.random() > 0.15 ? Array.from({ length: options.constraintCount }, () => rng.int(-2, 2) / 2) : null;
    // A running trial has all its params or none (Optuna's multivariate mask reads only the first).
    const none = state === 'running' && rng.random() < 0.5;
    const dropped = (): boolean => none || (options.partial && state !== 'running' && rng.random() < 0.1);
    const params = Object.fromEntries(options.space.filter(() => !dropped()).map(([name, d]) => [name, sampleUniform(rng, d)]));
    return { state, values: state === 'complete' ? directions.map(() => tieProne(rng)) : null, constraints, intermediate, params };
  });
}

/** The trials as a StudyView, the trial being sampled last (running, no params), as Optuna's storage holds it. */
export function studyOf(directions: readonly Direction[], space: SearchSpace, trials: readonly TrialCase[]): { study: StudyView; current: FrozenTrial } {
  const frozen = trials.map((t, number) => frozenTrial(number, t, space));
  const current = frozenTrial(trials.length, { state: 'running', values: null, constraints: null, intermediate: [], params: {} }, space);
  const all = [...frozen, current];
  const study: StudyView = {
    name: 'interop',
    direction: directions[0] as Direction,
    directions,
    searchSpace: space,
    getTrials: (states) => (states ? all.filter((t) => states.includes(t.state)) : all),
  };
  return { study, current };
}

function frozenTrial(number: number, t: TrialCase, space: SearchSpace): FrozenTrial {
  const intermediateValues = new Map(t.intermediate);
  const last = t.intermediate.length > 0 ? Math.max(...t.intermediate.map(([step]) => step)) : null;
  const prunedValue = last === null ? null : (intermediateValues.get(last) ?? null);
  const values = t.state === 'complete' ? t.values : t.state === 'pruned' && prunedValue !== null && Number.isFinite(prunedValue) ? [prunedValue] : null;
  const systemAttrs: Record<string, JsonValue> = t.constraints ? { [CONSTRAINTS_ATTR]: t.constraints } : {};
  return {
    id: number,
    number,
    state: t.state,
    value: values?.[0] ?? null,
    values,
    params: t.params,
    distributions: Object.fromEntries(Object.keys(t.params).map((name) => [name, space[name] as Distribution])),
    intermediateValues,
    userAttrs: {},
    systemAttrs,
    datetimeStart: null,
    datetimeComplete: null,
  };
}

/** `count` points of each distribution as the estimators take them: numbers, categorical as choice index. */
export function candidatesFor(rng: Rng, space: readonly [string, Distribution][], count: number): Record<string, number[]> {
  return Object.fromEntries(
    space.map(([name, d]) => [name, Array.from({ length: count }, () => (d.type === 'categorical' ? rng.int(0, d.choices.length - 1) : (sampleUniform(rng, d) as number)))]),
  );
}
