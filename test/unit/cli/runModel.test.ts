// `tuneboard run` on a real TensorFlow.js model: forked workers train iris; a worker killed mid-trial
// fails only that trial and is replaced, and the study finishes its budget.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { REPO_ROOT } from '../../fixtures/configs';
import type { StudyEvent } from '../../../src/protocol/studyEvents';

const CLI = join(REPO_ROOT, 'dist', 'cli.js');
const IRIS = join(REPO_ROOT, 'examples', 'iris', 'data', 'iris.csv');
let dir = '';

/** Pids of a process's children, from /proc (Linux). */
function childPids(pid: number): number[] {
  const found: number[] = [];
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    const text = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
    if (text) found.push(...text.split(/\s+/).map(Number));
  }
  return found;
}

describe('tuneboard run with model trials', { skip: process.platform !== 'linux' ? 'reads /proc' : false }, () => {
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'tuneboard-model-'));
    if (spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: REPO_ROOT }).status !== 0) throw new Error('build failed');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('trains iris in 2 workers, survives a worker killed mid-trial, and stores the backend per trial', async () => {
    const config = join(dir, 'iris.tune.yaml');
    writeFileSync(
      config,
      `name: iris-kill
objective: { metric: val_accuracy, direction: maximize }
search: { sampler: random, trials: 5, parallel: 2, seed: 3 }
space:
  learning_rate: { float: [0.01, 0.1], log: true }
  units: 16
  epochs: 150
trial:
  model: mlp
  data: { path: ${JSON.stringify(IRIS)}, target: species, validation: 0.3 }
`,
    );
    const child = spawn(process.execPath, [CLI, 'run', config, '--json'], { cwd: dir });
    let out = '';
    let killed: number | null = null;
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      // Once the first trial has reported an epoch, its worker is mid-training: kill one worker.
      if (killed === null && out.includes('"trial-reported"')) {
        const workers = childPids(child.pid as number);
        killed = workers[0] ?? null;
        if (killed !== null) process.kill(killed, 'SIGKILL');
      }
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    assert.equal(code, 0, stderr);
    assert.notEqual(killed, null, 'a worker was killed');
    const events = out.trim().split('\n').map((line) => JSON.parse(line) as StudyEvent);
    const finished = events.filter((e): e is Extract<StudyEvent, { type: 'trial-finished' }> => e.type === 'trial-finished');
    assert.equal(finished.length, 5);
    const failed = finished.filter((e) => e.state === 'fail');
    assert.equal(failed.length, 1, 'only the killed worker\'s trial fails');
    assert.match(failed[0]?.reason ?? '', /worker died during the trial \(killed by SIGKILL/);
    const complete = finished.filter((e) => e.state === 'complete');
    assert.equal(complete.length, 4);
    for (const e of complete) assert.ok((e.value ?? 0) > 0.8, `iris trial ${e.number} learned: val_accuracy ${e.value}`);
    assert.ok(events.filter((e) => e.type === 'worker-ready').length >= 3, 'the dead worker was replaced');

    const journal = readFileSync(join(dir, '.tuneboard', 'iris-kill.jsonl'), 'utf8');
    assert.ok(/"backend":\s*"(wasm|cpu|tensorflow|tensorflow-gpu)"/.test(journal), 'each trial records its TensorFlow.js backend');
    assert.ok(journal.includes('"fold_values"'), 'and its per-fold values');
  });
});
