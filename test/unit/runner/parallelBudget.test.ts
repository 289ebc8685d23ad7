/** Several `tuneboard run` processes on one journal share its budget and never sample one point twice. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { usesBudget } from '../../../src/core/studyView';
import { journalTrials, tempDir } from './runnerFixtures';

function runWorker(dir: string, body: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'budgetWorker.ts'), join(dir, 'study.jsonl'), body, dir], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`worker exited ${code}: ${stderr}`))));
  });
}

describe('parallel runs of one study', () => {
  for (const sampler of ['random', 'tpe']) {
    it(`stop at exactly search.trials between them, with no point sampled twice (${sampler}, one seed)`, async () => {
      const { dir, cleanup } = tempDir();
      try {
        const body = `search: { sampler: ${sampler}, trials: 12, seed: 7 }
space:
  x: { float: [0, 1] }
  y: { float: [0, 1] }`;
        let failed = false;
        const workers = Promise.all([1, 2, 3].map(() => runWorker(dir, body))).catch((error: unknown) => {
          failed = true;
          throw error;
        });
        // Every process opens the study on the same (empty) history before any of them asks.
        while (!failed && readdirSync(dir).filter((name) => name.startsWith('ready-')).length < 3) await new Promise((resolve) => setTimeout(resolve, 10));
        writeFileSync(join(dir, 'go'), '');
        await workers;
        const trials = await journalTrials(dir);
        assert.equal(trials.filter(usesBudget).length, 12, `${trials.length} trials: ${trials.map((t) => t.state).join(' ')}`);
        assert.ok(trials.every((t) => t.state === 'complete'));
        const points = trials.map((t) => JSON.stringify(t.params));
        assert.equal(new Set(points).size, points.length, `repeated points:\n${points.join('\n')}`);
      } finally {
        cleanup();
      }
    });
  }
});
