/**
 * Tuneboard's views of a conditional study Python Optuna 3.1 wrote with a define-by-run objective:
 * make_journal.py writes a fresh journal here, Optuna dumps what it sees, and every trial reads the
 * same in Tuneboard (state, params, distributions), a param is inactive exactly where Optuna's trial
 * lacks it, and `tuneboard export --csv` leaves exactly those cells empty. The checked-in fixture is
 * held to the same rule.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { trialsToCsv } from '../../src/cli/exportCommand';
import { openStorage } from '../../src/core/storage';
import { inactiveParamsOf, paramNamesOf } from '../../src/core/studyView';
import type { FrozenTrial } from '../../src/core/trial';
import { CONDITIONAL_DIR, CONDITIONAL_JOURNAL, CONDITIONAL_STUDY } from '../fixtures/conditional';
import { optunaSkip as skip, PYTHON } from './pythonPeers';

interface OptunaTrial {
  readonly number: number;
  readonly state: string;
  readonly params: Record<string, unknown>;
  readonly distributions: Record<string, unknown>;
}

function optunaDump(journal: string): OptunaTrial[] {
  const dump = spawnSync(PYTHON, [join(__dirname, 'optuna_journal.py'), 'dump', journal, CONDITIONAL_STUDY], { encoding: 'utf8' });
  assert.equal(dump.status, 0, dump.stderr);
  return (JSON.parse(dump.stdout) as { trials: OptunaTrial[] }).trials;
}

async function ourTrials(journal: string): Promise<readonly FrozenTrial[]> {
  const storage = await openStorage(journal);
  try {
    const study = storage.findStudy(CONDITIONAL_STUDY);
    assert.ok(study, `study ${CONDITIONAL_STUDY} in ${journal}`);
    return storage.getTrials(study.id);
  } finally {
    await storage.close();
  }
}

/** CSV rows as objects by column; no field of this study holds a comma or a quote. */
function csvRecords(csv: string): Record<string, string>[] {
  const [header = '', ...rows] = csv.trimEnd().split('\r\n');
  const columns = header.split(',');
  return rows.map((row) => Object.fromEntries(row.split(',').map((cell, i) => [columns[i] ?? '', cell])));
}

function assertSameStudy(ours: readonly FrozenTrial[], optuna: readonly OptunaTrial[]): void {
  assert.equal(ours.length, optuna.length);
  const known = paramNamesOf(ours);
  const csv = csvRecords(trialsToCsv(ours));
  optuna.forEach((theirs, i) => {
    const trial = ours[i]!;
    assert.equal(trial.number, theirs.number);
    assert.equal(trial.state, theirs.state, `#${trial.number} state`);
    assert.deepEqual(trial.params, theirs.params, `#${trial.number} params`);
    assert.deepEqual(Object.keys(trial.distributions).sort(), Object.keys(theirs.distributions).sort(), `#${trial.number} distributions`);
    const absent = known.filter((name) => !Object.hasOwn(theirs.params, name));
    assert.deepEqual(inactiveParamsOf(trial, known), absent, `#${trial.number} inactive`);
    for (const name of known) assert.equal(csv[i]?.[`params_${name}`] === '', absent.includes(name), `#${trial.number} CSV params_${name}`);
  });
}

describe('a conditional study Python Optuna 3.1 wrote, in Tuneboard\'s views', { skip }, () => {
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'tuneboard-conditional-interop-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('a fresh journal from make_journal.py reads as Optuna reads it, inactive where Optuna\'s trial lacks the param', async () => {
    const journal = join(dir, 'fresh.jsonl');
    const made = spawnSync(PYTHON, [join(CONDITIONAL_DIR, 'make_journal.py'), journal], { encoding: 'utf8' });
    assert.equal(made.status, 0, made.stderr);
    const optuna = optunaDump(journal);
    assert.ok(optuna.some((t) => t.state === 'pruned') && optuna.some((t) => t.state === 'fail'), 'a pruned and a failed trial');
    assertSameStudy(await ourTrials(journal), optuna);
  });

  it('the checked-in fixture says the same', async () => {
    const journal = join(dir, 'fixture.jsonl');
    copyFileSync(CONDITIONAL_JOURNAL, journal); // opening a journal may lock beside it: never in the repo
    assertSameStudy(await ourTrials(journal), optunaDump(journal));
  });
});
