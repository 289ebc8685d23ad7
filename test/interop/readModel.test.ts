/**
 * The read model's "best" against Python Optuna 3.1 on the same journal: ±inf are values Optuna ranks
 * (a -inf trial is the best of a minimize study), and every Tuneboard view names the trial Optuna does.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { openStorage } from '../../src/core/storage';
import { bestTrial } from '../../src/core/studyView';
import type { Direction } from '../../src/core/trial';


const OPTUNA_BEST = `
import sys, optuna
optuna.logging.set_verbosity(optuna.logging.WARNING)
from optuna_storages import journal_file
study = optuna.load_study(study_name="s", storage=journal_file(sys.argv[1]))
print(study.best_trial.number)
`;
import { optunaSkip as skip, PYTHON } from './pythonPeers';

/** A journal with these complete values, written as Python writes non-finite ones (bare -Infinity, NaN). */
async function journalWith(path: string, direction: Direction, values: readonly number[]): Promise<void> {
  const storage = await openStorage(path);
  const study = await storage.createStudy('s', [direction]);
  const placeholders = values.map((_, i) => 1000 + i + 0.5);
  for (const placeholder of placeholders) {
    const trial = await storage.createTrial(study.id, { params: {}, distributions: {} });
    await storage.finishTrial(trial.id, 'complete', [placeholder]);
  }
  await storage.close();
  let text = readFileSync(path, 'utf8');
  values.forEach((value, i) => (text = text.replace(`[${placeholders[i]}]`, `[${Number.isNaN(value) ? 'NaN' : String(value)}]`)));
  writeFileSync(path, text);
}

describe('best trial: Tuneboard and Python Optuna 3.1 agree', { skip }, () => {
  const cases: [Direction, number[]][] = [
    ['minimize', [0.5, -Infinity, 0.2]],
    ['maximize', [0.5, Infinity, 0.9]],
    ['minimize', [0.3, NaN, 0.1, 0.1]],
    ['maximize', [NaN, 0.3, 0.7]],
  ];
  for (const [direction, values] of cases) {
    it(`${direction} [${values.join(', ')}]`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'tuneboard-best-interop-'));
      try {
        const path = join(dir, 'j.jsonl');
        await journalWith(path, direction, values);
        const optuna = spawnSync(PYTHON, ['-c', OPTUNA_BEST, path], { encoding: 'utf8' });
        assert.equal(optuna.status, 0, optuna.stderr);
        const storage = await openStorage(path);
        const ours = bestTrial(storage.getTrials(0), direction)?.number;
        await storage.close();
        assert.equal(ours, Number(optuna.stdout.trim()));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
