/**
 * Enqueued trials cross between Tuneboard and Python Optuna 3.1 (Debian's python3-optuna): Optuna's
 * `optimize` runs a trial Tuneboard enqueued, and Tuneboard's ask() runs one `study.enqueue_trial` wrote.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createStudy } from '../../src/core';

const SCRIPT = join(__dirname, 'optuna_journal.py');

/** The space optuna_journal.py's objective suggests. */
const SPACE = { x: { float: [-5, 5] }, k: { int: [1, 8], log: true }, act: ['relu', 'tanh'] };

const ENQUEUE_PY = `
import json, sys, warnings, optuna
from optuna_storages import journal_file
optuna.logging.set_verbosity(optuna.logging.WARNING)
warnings.filterwarnings("ignore", category=optuna.exceptions.ExperimentalWarning)
study = optuna.load_study(study_name=sys.argv[2], storage=journal_file(sys.argv[1]))
for params in json.loads(sys.argv[3]):
    study.enqueue_trial(params, user_attrs={"from": "python"})
`;
import { optunaSkip as skip, PYTHON } from './pythonPeers';

interface PyTrial {
  number: number;
  state: string;
  value: number | null;
  params: Record<string, unknown>;
  user_attrs: Record<string, unknown>;
  system_attrs: Record<string, unknown>;
  has_start: boolean;
}

function dump(path: string, name: string): PyTrial[] {
  return (JSON.parse(execFileSync(PYTHON, [SCRIPT, 'dump', path, name], { encoding: 'utf8' })) as { trials: PyTrial[] }).trials;
}

describe('enqueued trials shared with Python Optuna 3.1', { skip }, () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'tuneboard-interop-enqueue-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('study.optimize(n_trials=1) runs the trial Tuneboard enqueued, with its params', async () => {
    const path = join(dir, 'tuneboard-enqueued.jsonl');
    const study = await createStudy({ name: 'queue', space: SPACE, sampler: 'random', seed: 5, storage: path });
    for (let i = 0; i < 2; i++) await study.tell(await study.ask(), i);
    const waiting = await study.enqueue({ x: 2.5, act: 'tanh' }, { userAttrs: { from: 'tuneboard' } });
    await study.close();

    execFileSync(PYTHON, [SCRIPT, 'optimize', path, 'queue', '1'], { encoding: 'utf8' });
    const trials = dump(path, 'queue');
    assert.equal(trials.length, 3, 'Optuna ran the waiting trial instead of creating one');
    const ran = trials[waiting.number] as PyTrial;
    assert.equal(ran.state, 'complete');
    assert.equal(ran.params.x, 2.5);
    assert.equal(ran.params.act, 'tanh');
    assert.ok(Number.isInteger(ran.params.k) && (ran.params.k as number) >= 1 && (ran.params.k as number) <= 8, 'the param left out was sampled');
    assert.equal(ran.value, (2.5 - 1) ** 2 + (ran.params.k as number) + 1);
    assert.deepEqual(ran.user_attrs, { from: 'tuneboard' });
    assert.deepEqual(ran.system_attrs.fixed_params, { x: 2.5, act: 'tanh' });

    const reopened = await createStudy({ name: 'queue', space: SPACE, sampler: 'random', seed: 5, storage: path });
    assert.deepEqual(reopened.trials[waiting.number]?.params, ran.params);
    assert.equal(reopened.trials[waiting.number]?.state, 'complete');
    await reopened.close();
  });

  it("Tuneboard's ask() runs the trials study.enqueue_trial wrote, oldest first, and Optuna sees them done", async () => {
    const path = join(dir, 'python-enqueued.jsonl');
    const created = await createStudy({ name: 'queue', space: SPACE, sampler: 'tpe', seed: 5, storage: path });
    await created.close();
    execFileSync(PYTHON, ['-c', ENQUEUE_PY, path, 'queue', JSON.stringify([{ x: -1.5, act: 'relu' }, { x: 4.0, k: 8, act: 'tanh' }])]);

    const study = await createStudy({ name: 'queue', space: SPACE, sampler: 'tpe', seed: 5, storage: path });
    assert.deepEqual(study.trials.map((t) => t.state), ['waiting', 'waiting']);
    const first = await study.ask();
    assert.equal(first.number, 0);
    assert.equal(first.params.x, -1.5);
    assert.equal(first.params.act, 'relu');
    const second = await study.ask();
    assert.deepEqual(second.params, { x: 4, k: 8, act: 'tanh' });
    await study.tell(first, 1);
    await study.tell(second, 2);
    await study.close();

    const trials = dump(path, 'queue');
    assert.deepEqual(trials.map((t) => [t.state, t.value, t.has_start]), [['complete', 1, true], ['complete', 2, true]]);
    assert.deepEqual(trials[0]?.params, first.params);
    assert.deepEqual(trials[1]?.params, { x: 4, k: 8, act: 'tanh' });
    assert.deepEqual(trials[0]?.user_attrs, { from: 'python' });

    execFileSync(PYTHON, [SCRIPT, 'optimize', path, 'queue', '1'], { encoding: 'utf8' });
    assert.equal(dump(path, 'queue').length, 3, 'Optuna finds nothing left waiting and creates a new trial');
  });
});
