/** Several study processes on one journal, as `search.parallel` and remote workers run them. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createStudy } from '../../../src/core';
import { GRID_SPACE } from '../../fixtures/spaces';

function runWorker(storage: string, seed: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'gridWorker.ts'), storage, String(seed)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (err += chunk));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(Number(out.trim())) : reject(new Error(`worker exited ${code}: ${err}`))));
  });
}

describe('parallel study processes on one journal', () => {
  it('share a grid without ever handing out a point twice, and stop when it is exhausted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tuneboard-grid-'));
    try {
      const storage = join(dir, 'grid.jsonl');
      const asked = await Promise.all([1, 2, 3].map((seed) => runWorker(storage, seed)));
      assert.equal(asked.reduce((a, b) => a + b, 0), 18, `workers asked ${asked.join(' + ')} trials for an 18-point grid`);
      const study = await createStudy({ name: 'shared-grid', space: GRID_SPACE, sampler: 'grid', storage });
      const points = study.trials.map((t) => JSON.stringify(t.params));
      assert.equal(points.length, 18);
      assert.equal(new Set(points).size, 18);
      assert.ok(study.trials.every((t) => t.state === 'complete'));
      assert.equal(study.exhausted, true);
      await study.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
