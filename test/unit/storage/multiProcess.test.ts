import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStorage } from '../../../src/core/storage';
import { parseJson } from '../../../src/core/storage/journalOps';

const CHILD = join(__dirname, 'journalChild.ts');
const REPO = join(__dirname, '../../..');

function runChild(args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], { cwd: REPO, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`child exited with ${code}: ${stderr}`))));
  });
}

test('three processes appending 50 trials each to one journal lose nothing and corrupt nothing', { timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tuneboard-multiprocess-'));
  try {
    const path = join(dir, 'study.jsonl');
    const storage = await openStorage(path);
    const { id } = await storage.createStudy('shared', ['minimize']);
    await Promise.all([1, 2, 3].map(() => runChild([path, 'shared', '50'])));

    const text = readFileSync(path, 'utf8');
    assert.ok(text.endsWith('\n'));
    const records = text.split('\n').slice(0, -1).map((line) => parseJson(line));
    assert.equal(records.length, 1 + 150 * 3);

    await storage.refresh();
    const trials = storage.getTrials(id);
    assert.equal(trials.length, 150);
    assert.equal(new Set(trials.map((t) => t.id)).size, 150);
    assert.deepEqual(trials.map((t) => t.number), Array.from({ length: 150 }, (_, i) => i));
    assert.ok(trials.every((t) => t.state === 'complete' && t.params.x === (t.value ?? NaN) / 100 && t.intermediateValues.get(0) === t.value));
    assert.equal(new Set(trials.map((t) => t.userAttrs.pid)).size, 3);
    await storage.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
