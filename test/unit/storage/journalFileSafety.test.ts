// What a journal file may be turned into: a file that is not a journal is refused and left as it was,
// a whole last record lacking "\n" is kept (and gets its "\n"), only a torn last line is dropped, loudly.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { floatDistribution } from '../../../src/core/distributions';
import { openStorage } from '../../../src/core/storage';
import { parseJson } from '../../../src/core/storage/journalOps';

const root = mkdtempSync(join(tmpdir(), 'tuneboard-journal-safety-'));
after(() => rmSync(root, { recursive: true, force: true }));
let caseCount = 0;
function newDir(): string {
  const dir = join(root, `case${++caseCount}`);
  mkdirSync(dir);
  return dir;
}

const draft = (x: number) => ({ params: { x }, distributions: { x: floatDistribution(0, 1) } });

/** Every line parses on its own, as Optuna reads the file; no blank line, and the file ends with "\n". */
function jsonLines(path: string): Record<string, unknown>[] {
  const text = readFileSync(path, 'utf8');
  assert.ok(text.endsWith('\n'), 'the file ends with a complete line');
  return text.slice(0, -1).split('\n').map((line) => {
    assert.notEqual(line.trim(), '', 'no blank line');
    return parseJson(line) as Record<string, unknown>;
  });
}

const STUDY = '{"op_code": 0, "worker_id": "py", "study_name": "s", "directions": [1]}\n';
const TRIAL_0 = '{"op_code": 4, "worker_id": "py", "study_id": 0, "datetime_start": "2026-01-01T10:00:00.000000"}\n'
  + '{"op_code": 5, "worker_id": "py", "trial_id": 0, "param_name": "x", "param_value_internal": 0.5, "distribution": "{\\"name\\": \\"FloatDistribution\\", \\"attributes\\": {\\"step\\": null, \\"low\\": 0.0, \\"high\\": 1.0, \\"log\\": false}}"}\n';
const COMPLETE_0 = '{"op_code": 6, "worker_id": "py", "trial_id": 0, "state": 1, "values": [0.25], "datetime_complete": "2026-01-01T10:00:01.000000"}';

for (const [name, content] of [
  ['notes.txt', 'remember to buy milk'],
  ['settings.json', '{"editor.fontSize": 14}'],
  ['data.csv', 'a,b\n1,2\n'],
  ['list.json', '[{"op_code": 0}]\n'],
] as const) {
  test(`${name} given as storage is refused, naming it, and left untouched`, async () => {
    const path = join(newDir(), name);
    writeFileSync(path, content);
    const warnings: string[] = [];
    await assert.rejects(() => openStorage(path, { onWarning: (w) => warnings.push(w) }), (error: Error) => {
      assert.ok(error.message.startsWith(`${path} is not a Tuneboard/Optuna journal`), error.message);
      assert.ok(!error.message.includes(content.slice(0, 8)), 'the file content is not echoed');
      return true;
    });
    assert.equal(readFileSync(path, 'utf8'), content);
    await assert.rejects(() => openStorage(path, { readOnly: true }), /is not a Tuneboard\/Optuna journal/);
    assert.deepEqual(warnings, []);
  });
}

test('a whole last record without "\\n" is read, kept, and gets its "\\n" before the next append', async () => {
  const path = join(newDir(), 'study.jsonl');
  writeFileSync(path, STUDY + TRIAL_0 + COMPLETE_0);
  const warnings: string[] = [];
  const storage = await openStorage(path, { onWarning: (w) => warnings.push(w) });
  const reader = await openStorage(path, { readOnly: true });
  const study = storage.findStudy('s');
  assert.ok(study);
  assert.deepEqual(storage.getTrials(study.id).map((t) => [t.state, t.value]), [['complete', 0.25]], 'the completed trial is there');
  await storage.createTrial(study.id, draft(0.75));
  const records = jsonLines(path);
  assert.equal(records.length, 5);
  assert.deepEqual(records[3], parseJson(COMPLETE_0), 'the completed trial is still in the file');
  await storage.refresh();
  await reader.refresh();
  for (const s of [storage, reader]) {
    assert.deepEqual(s.getTrials(study.id).map((t) => t.state), ['complete', 'running']);
    assert.deepEqual(s.warnings, [], 'the added "\\n" is not taken for a blank line');
  }
  assert.deepEqual(warnings, []);
  await Promise.all([storage.close(), reader.close()]);
});

test('a single record without "\\n" is a journal, not a foreign file', async () => {
  const path = join(newDir(), 'study.jsonl');
  writeFileSync(path, STUDY.trimEnd());
  const storage = await openStorage(path);
  assert.deepEqual(storage.getStudies().map((s) => s.name), ['s']);
  await storage.createStudy('t', ['maximize']);
  assert.equal(jsonLines(path).length, 2);
  await storage.close();
});

test('a torn last record is dropped with a warning the caller hears at once', async () => {
  const path = join(newDir(), 'study.jsonl');
  writeFileSync(path, STUDY + TRIAL_0);
  appendFileSync(path, COMPLETE_0.slice(0, 40));
  const warnings: string[] = [];
  const storage = await openStorage(path, { onWarning: (w) => warnings.push(w) });
  assert.deepEqual(warnings, [], 'reading drops nothing');
  await storage.createTrial(0, draft(0.5));
  assert.deepEqual(warnings, [`${path}: dropped 40 bytes of an incomplete last line left by a writer that stopped mid-write`]);
  assert.equal(jsonLines(path).length, 4);
  await storage.close();
});

test('a journal whose only content is a torn first record is taken, and the torn bytes dropped', async () => {
  const path = join(newDir(), 'study.jsonl');
  writeFileSync(path, STUDY.slice(0, 30));
  const warnings: string[] = [];
  const storage = await openStorage(path, { onWarning: (w) => warnings.push(w) });
  await storage.createStudy('s', ['minimize']);
  assert.equal(warnings.length, 1);
  assert.equal(jsonLines(path).length, 1);
  await storage.close();
});

test('a blank line is replayed past, with a warning that Optuna cannot read it; our writes add none', async () => {
  const path = join(newDir(), 'study.jsonl');
  writeFileSync(path, `${STUDY}\n${TRIAL_0}\n`);
  const warnings: string[] = [];
  const storage = await openStorage(path, { onWarning: (w) => warnings.push(w) });
  assert.equal(storage.getTrials(0).length, 1);
  assert.deepEqual(warnings, [`${path}:2: blank line; Python Optuna cannot read a journal with blank lines, so delete it`]);
  writeFileSync(path, STUDY);
  const fresh = await openStorage(path);
  await fresh.createTrial(0, draft(0.1));
  jsonLines(path);
  await Promise.all([storage.close().catch(() => undefined), fresh.close()]);
});
