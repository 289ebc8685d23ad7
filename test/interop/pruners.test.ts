/**
 * The median and percentile pruners decide exactly as Optuna 3.1's do, on random histories with
 * gaps, NaNs, warm-up and interval settings, in both directions.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createPruner } from '../../src/core/pruners';
import type { PrunerSpec } from '../../src/core/pruners/spec';
import { Rng } from '../../src/core/rng';
import type { StudyView } from '../../src/core/samplers/sampler';
import type { Direction, FrozenTrial, TrialState } from '../../src/core/trial';

const PYTHON = '/usr/bin/python3';
const hasOptuna = spawnSync(PYTHON, ['-c', 'import optuna'], { stdio: 'ignore' }).status === 0;
const skip = !hasOptuna && !process.env.CI ? 'python3-optuna is not installed (apt-get install python3-optuna)' : false;

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

function frozen(number: number, state: TrialState, history: Record<string, number>): FrozenTrial {
  return {
    id: number,
    number,
    state,
    value: null,
    params: {},
    distributions: {},
    intermediateValues: new Map(Object.entries(history).map(([step, value]) => [Number(step), value])),
    userAttrs: {},
    systemAttrs: {},
    datetimeStart: null,
    datetimeComplete: null,
  };
}

function ourDecision(c: Case): boolean {
  const completed = c.completed.map((h, i) => frozen(i, 'complete', h));
  const trial = frozen(completed.length, 'running', c.trial);
  const all = [...completed, trial];
  const study: StudyView = {
    name: 'pruner-check',
    direction: c.direction,
    searchSpace: {},
    getTrials: (states) => (states ? all.filter((t) => states.includes(t.state)) : all),
  };
  return createPruner(c.pruner).prune(study, trial);
}

describe('median and percentile pruners against Optuna 3.1', { skip }, () => {
  it('make the same decision on 600 random histories', () => {
    const rng = new Rng(2024);
    const cases = Array.from({ length: 600 }, () => randomCase(rng));
    // JSON has no NaN: send it as Python's json reads it.
    const input = JSON.stringify(cases, (_, v: unknown) => (typeof v === 'number' && Number.isNaN(v) ? '__NaN__' : v)).replace(/"__NaN__"/g, 'NaN');
    const optuna = JSON.parse(execFileSync(PYTHON, [join(__dirname, 'optuna_pruner.py')], { input, encoding: 'utf8' })) as boolean[];
    const ours = cases.map(ourDecision);
    const mismatches = cases.map((c, i) => ({ c, optuna: optuna[i], ours: ours[i] })).filter((m) => m.optuna !== m.ours);
    assert.deepEqual(mismatches.slice(0, 3), [], `${mismatches.length} of ${cases.length} decisions differ: ${JSON.stringify(mismatches[0])}`);
    assert.ok(ours.filter(Boolean).length > 40, `enough cases prune to make the comparison meaningful (${ours.filter(Boolean).length})`);
    assert.ok(ours.filter((x) => !x).length > 40, 'and enough do not');
  });
});
