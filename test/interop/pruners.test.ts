/**
 * The pruners decide exactly as Optuna 3.1's do. Median and percentile: on random histories with
 * gaps, NaNs, warm-up and interval settings, in both directions. ASHA and Hyperband keep state on
 * the trials (`completed_rung_k`), so whole studies are replayed on both sides, trials reporting in
 * an interleaved order, and every decision, rung attr, bracket and sampler view is compared.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { trial as trialFromHistory } from '../unit/pruners/pruneFixtures';
import { createStudy } from '../../src/core';
import { createPruner, HyperbandPruner } from '../../src/core/pruners';
import type { PrunerSpec } from '../../src/core/pruners/spec';
import { Rng } from '../../src/core/rng';
import type { StudyView } from '../../src/core/samplers/sampler';
import type { Direction, FrozenTrial, TrialState } from '../../src/core/trial';
import { optunaSkip as skip, PYTHON } from './pythonPeers';


interface Case {
  direction: Direction;
  pruner: PrunerSpec;
  completed: Record<string, number>[];
  trial: Record<string, number>;
}

function randomHistory(rng: Rng, steps: number, nanChance: number): Record<string, number> {
  const history: Record<string, number> = {};
  for (let step = 0; step < steps; step++) {
    if (rng.random() < 0.2) continue; // a step this trial did not report
    history[String(step)] = rng.random() < nanChance ? NaN : Math.round(rng.normal() * 1000) / 1000;
  }
  return history;
}

function randomCase(rng: Rng): Case {
  const pruner: PrunerSpec =
    rng.random() < 0.5
      ? { type: 'median', n_startup_trials: rng.int(0, 4), n_warmup_steps: rng.int(0, 3), interval_steps: rng.int(1, 3), n_min_trials: rng.int(1, 3) }
      : { type: 'percentile', percentile: [10, 25, 75, 90][rng.int(0, 3)] ?? 25, n_startup_trials: rng.int(0, 3), n_warmup_steps: rng.int(0, 2) };
  return {
    direction: rng.random() < 0.5 ? 'minimize' : 'maximize',
    pruner,
    completed: Array.from({ length: rng.int(0, 9) }, () => randomHistory(rng, rng.int(1, 8), 0.05)),
    trial: randomHistory(rng, rng.int(1, 8), 0.03),
  };
}

/** A trial from its `{ step: value }` history (steps arrive as JSON keys). */
function frozen(number: number, state: TrialState, history: Record<string, number>): FrozenTrial {
  return trialFromHistory(number, state, history);
}

/** JSON has no NaN: send it as Python's json reads it. */
function toPythonJson(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) => (typeof v === 'number' && Number.isNaN(v) ? '__NaN__' : v)).replace(/"__NaN__"/g, 'NaN');
}

function optuna<T>(mode: string, input: unknown): T {
  return JSON.parse(execFileSync(PYTHON, [join(__dirname, 'optuna_pruner.py'), mode], { input: toPythonJson(input), encoding: 'utf8', maxBuffer: 1 << 28 })) as T;
}

function ourDecision(c: Case): boolean {
  const completed = c.completed.map((h, i) => frozen(i, 'complete', h));
  const trial = frozen(completed.length, 'running', c.trial);
  const all = [...completed, trial];
  const study: StudyView = {
    name: 'pruner-check',
    direction: c.direction,
    directions: [c.direction],
    searchSpace: {},
    getTrials: (states) => (states ? all.filter((t) => states.includes(t.state)) : all),
  };
  return createPruner(c.pruner).prune(study, trial).prune;
}

describe('median and percentile pruners against Optuna 3.1', { skip }, () => {
  it('make the same decision on 600 random histories', () => {
    const rng = new Rng(2024);
    const cases = Array.from({ length: 600 }, () => randomCase(rng));
    const theirs = optuna<boolean[]>('decide', cases);
    const ours = cases.map(ourDecision);
    const mismatches = cases.map((c, i) => ({ c, optuna: theirs[i], ours: ours[i] })).filter((m) => m.optuna !== m.ours);
    assert.deepEqual(mismatches.slice(0, 3), [], `${mismatches.length} of ${cases.length} decisions differ: ${JSON.stringify(mismatches[0])}`);
    assert.ok(ours.filter(Boolean).length > 40, `enough cases prune to make the comparison meaningful (${ours.filter(Boolean).length})`);
    assert.ok(ours.filter((x) => !x).length > 40, 'and enough do not');
  });
});

/** A study replayed on both sides: see optuna_pruner.py's `simulate`. */
interface SimulatedStudy {
  name: string;
  direction: Direction;
  pruner: PrunerSpec;
  parallel: number;
  trials: [number, number][][];
  picks: number[];
}

interface TrialRecord {
  decisions: boolean[];
  seen: number[] | null;
  state?: TrialState;
  rungs?: Record<string, number>;
  bracket?: number | null;
}

/** Reported steps with gaps (long strides make one report cross several rungs) and tie-prone values. */
function randomCurve(rng: Rng, length: number, stride: number): [number, number][] {
  const curve: [number, number][] = [];
  let step = rng.int(0, 2);
  for (let i = 0; i < length; i++) {
    curve.push([step, rng.random() < 0.03 ? NaN : Math.round(rng.normal() * 10) / 10]);
    step += 1 + (rng.random() < 0.25 ? rng.int(1, stride) : 0);
  }
  return curve;
}

function randomStudy(rng: Rng, type: 'asha' | 'hyperband'): SimulatedStudy {
  let pruner: PrunerSpec;
  if (type === 'asha') {
    const auto = rng.random() < 0.3;
    const bootstrap = auto || rng.random() < 0.7 ? 0 : rng.int(1, 3);
    pruner = { type, min_resource: auto ? 'auto' : rng.int(1, 3), reduction_factor: rng.int(2, 4), min_early_stopping_rate: rng.random() < 0.7 ? 0 : rng.int(1, 2), bootstrap_count: bootstrap };
  } else {
    const auto = rng.random() < 0.4;
    const minResource = rng.int(1, 3);
    const bootstrap = auto || rng.random() < 0.7 ? 0 : rng.int(1, 2);
    pruner = { type, min_resource: minResource, max_resource: auto ? 'auto' : rng.int(minResource, 60), reduction_factor: rng.int(2, 4), bootstrap_count: bootstrap };
  }
  const stride = rng.random() < 0.3 ? 60 : 3;
  return {
    name: rng.random() < 0.1 ? `étude-日本-${rng.int(0, 99)}` : `study-${rng.int(0, 1e6)}`,
    direction: rng.random() < 0.5 ? 'minimize' : 'maximize',
    pruner,
    parallel: rng.int(1, 4),
    trials: Array.from({ length: rng.int(3, 24) }, () => randomCurve(rng, rng.int(1, 16), stride)),
    picks: Array.from({ length: 16 }, () => rng.random()),
  };
}

/** The same replay as optuna_pruner.py's, through the engine's Study (ask, report, shouldPrune, tell). */
async function simulate(c: SimulatedStudy): Promise<TrialRecord[]> {
  const pruner = createPruner(c.pruner);
  const study = await createStudy({ name: c.name, direction: c.direction, space: { x: { float: [0, 1] } }, sampler: 'random', seed: 0, pruner });
  const records: TrialRecord[] = c.trials.map(() => ({ decisions: [], seen: null }));
  const running: { handle: Awaited<ReturnType<typeof study.ask>>; reported: number }[] = [];
  let asked = 0;
  for (let turn = 0; asked < c.trials.length || running.length > 0; turn++) {
    while (running.length < c.parallel && asked < c.trials.length) {
      const handle = await study.ask();
      const view = pruner.filterStudy?.(study, study.trials[handle.number] as FrozenTrial) ?? study;
      (records[handle.number] as TrialRecord).seen = view.getTrials().map((t) => t.number);
      running.push({ handle, reported: 0 });
      asked += 1;
    }
    const slot = running[Math.floor((c.picks[turn % c.picks.length] as number) * running.length)];
    if (!slot) throw new Error('no running trial picked');
    const curve = c.trials[slot.handle.number] as [number, number][];
    const [step, value] = curve[slot.reported] as [number, number];
    await study.report(slot.handle, step, value);
    slot.reported += 1;
    const prune = await study.shouldPrune(slot.handle);
    (records[slot.handle.number] as TrialRecord).decisions.push(prune);
    if (prune) await study.tell(slot.handle, { state: 'pruned' });
    else if (slot.reported === curve.length) await study.tell(slot.handle, value);
    else continue;
    running.splice(running.indexOf(slot), 1);
  }
  for (const trial of study.trials) {
    const record = records[trial.number] as TrialRecord;
    record.state = trial.state;
    record.rungs = Object.fromEntries(Object.entries(trial.systemAttrs).filter(([key]) => key.startsWith('completed_rung_'))) as Record<string, number>;
    record.bracket = pruner instanceof HyperbandPruner ? pruner.bracketOf(study.name, trial.number) : null;
  }
  return records;
}

describe('ASHA and Hyperband against Optuna 3.1', { skip }, () => {
  for (const type of ['asha', 'hyperband'] as const) {
    it(`${type}: the same decisions, rung attrs${type === 'hyperband' ? ', brackets and sampler views' : ''} on 100 replayed studies`, async (t) => {
      const rng = new Rng(type === 'asha' ? 31 : 32);
      const studies = Array.from({ length: 100 }, () => randomStudy(rng, type));
      const theirs = optuna<TrialRecord[][]>('simulate', studies);
      const ours: TrialRecord[][] = [];
      for (const study of studies) ours.push(await simulate(study));
      const mismatches = studies.map((c, i) => ({ c, optuna: theirs[i], ours: ours[i] })).filter((m) => JSON.stringify(m.optuna) !== JSON.stringify(m.ours));
      assert.deepEqual(mismatches.slice(0, 1), [], `${mismatches.length} of ${studies.length} studies differ`);
      const trials = ours.flat();
      const decisions = trials.flatMap((trial) => trial.decisions);
      const multiRung = trials.filter((trial) => Object.keys(trial.rungs ?? {}).length >= 2).length;
      t.diagnostic(`${type}: ${studies.length} studies, ${trials.length} trials, ${decisions.length} decisions (${decisions.filter(Boolean).length} prune), ${multiRung} trials past ≥ 2 rungs: identical`);
      assert.ok(decisions.filter(Boolean).length > 150, 'enough prunes to make the comparison meaningful');
      assert.ok(multiRung > 50, 'and enough promotions');
      if (type === 'hyperband') {
        // At its ask, trial n exists beside trials 0…n-1: a shorter view left other brackets out.
        const narrowed = ours.flatMap((records) => records.filter((trial, n) => trial.seen !== null && trial.seen.length < n + 1)).length;
        assert.ok(new Set(trials.map((trial) => trial.bracket)).size >= 4, 'trials spread over several brackets');
        assert.ok(narrowed > 200, `the sampler saw only its bracket often enough (${narrowed})`);
      }
    });
  }

  it('hyperband: the same bracket counts, budgets and crc32 bracket ids', () => {
    const items: { min_resource: number; max_resource: number; reduction_factor: number; names: string[]; numbers: number[] }[] = [];
    for (let min = 1; min <= 4; min++) {
      for (let max = min; max <= 800; max++) {
        for (let factor = 2; factor <= 6; factor++) items.push({ min_resource: min, max_resource: max, reduction_factor: factor, names: [], numbers: [] });
      }
    }
    const numbers = Array.from({ length: 300 }, (_, i) => i);
    const names = ['iris-mlp', 'diabetes-mlp', 'étude-日本', ''];
    items.push({ min_resource: 1, max_resource: 100, reduction_factor: 3, names, numbers }, { min_resource: 2, max_resource: 40, reduction_factor: 2, names, numbers });
    const theirs = optuna<{ n_brackets: number; budgets: number[]; ids: number[][] }[]>('brackets', items);
    const ours = items.map((item) => {
      const pruner = new HyperbandPruner(item);
      const noTrials: StudyView = { name: '', direction: 'minimize', directions: ['minimize'], searchSpace: {}, getTrials: () => [] };
      pruner.prune(noTrials, frozen(0, 'running', {})); // builds the brackets: max_resource is known
      return { n_brackets: pruner.bracketCount, budgets: pruner.trialAllocationBudgets, ids: item.names.map((name) => item.numbers.map((n) => pruner.bracketOf(name, n))) };
    });
    const mismatches = items.filter((_, i) => JSON.stringify(theirs[i]) !== JSON.stringify(ours[i]));
    assert.deepEqual(mismatches.slice(0, 3), [], `${mismatches.length} of ${items.length} differ`);
    assert.deepEqual(ours.at(-2)?.budgets, [81, 34, 15, 8, 5], "docs/algorithms.md's worked example");
  });
});
