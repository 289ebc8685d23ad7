#!/usr/bin/env node
// A real study through the public API: TPE minimises the Branin function (optimum 0.397887) in 60
// trials, stored in an Optuna-compatible journal. Run with `npm run demo` (which builds dist/ first).
import { createRequire } from 'node:module';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const { createStudy } = require('../../dist/core.js');

function branin(x1, x2) {
  const b = 5.1 / (4 * Math.PI ** 2);
  const c = 5 / Math.PI;
  const t = 1 / (8 * Math.PI);
  return (x2 - b * x1 ** 2 + c * x1 - 6) ** 2 + 10 * (1 - t) * Math.cos(x1) + 10;
}

const journal = join(mkdtempSync(join(tmpdir(), 'tuneboard-demo-')), 'branin.jsonl');
const study = await createStudy({
  name: 'branin-demo',
  space: { x1: { float: [-5, 10] }, x2: { float: [0, 15] } },
  direction: 'minimize',
  sampler: 'tpe',
  seed: 1,
  storage: journal,
});

const trials = 60;
for (let i = 0; i < trials; i++) {
  const trial = await study.ask();
  const value = branin(trial.params.x1, trial.params.x2);
  await study.tell(trial, value);
  const best = study.bestTrial;
  const mark = best.number === trial.number ? '  ← new best' : '';
  console.log(`trial ${String(trial.number).padStart(2)}  x1=${trial.params.x1.toFixed(4).padStart(8)}  x2=${trial.params.x2.toFixed(4).padStart(8)}  value=${value.toFixed(5)}${mark}`);
}

const best = study.bestTrial;
console.log(`\nbest of ${trials} trials: value ${best.value.toFixed(6)} (optimum 0.397887, regret ${(best.value - 0.397887).toFixed(6)})`);
console.log(`best params: ${JSON.stringify(best.params)}`);
console.log(`journal (Optuna JournalFileStorage format): ${journal}`);
await study.close();
