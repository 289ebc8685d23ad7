import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { floatDistribution } from '../../../src/core/distributions';
import { FileJournalBackend, JournalError, JournalStorage, openStorage } from '../../../src/core/storage';
import { parseJson } from '../../../src/core/storage/journalOps';

const root = mkdtempSync(join(tmpdir(), 'tuneboard-journal-'));
after(() => rmSync(root, { recursive: true, force: true }));
let fileCount = 0;
const newPath = (): string => join(root, `case${++fileCount}`, 'study.jsonl');

const SPACE = { x: floatDistribution(0, 1) };
const draft = (x: number) => ({ params: { x }, distributions: SPACE });
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

function lines(path: string): unknown[] {
  const text = readFileSync(path, 'utf8');
  assert.ok(text === '' || text.endsWith('\n'), 'the file ends with a complete line');
  return text.split('\n').slice(0, -1).map((line) => parseJson(line));
}

async function openWithBackend(path: string, staleLockMs?: number): Promise<{ storage: JournalStorage; backend: FileJournalBackend }> {
  const backend = await FileJournalBackend.open(path, { staleLockMs });
  return { storage: await JournalStorage.open(backend), backend };
}

test('creates the file and its folders, and writes compact lines Python can read', async () => {
  const path = newPath();
  const storage = await openStorage(path);
  assert.equal(storage.location, path);
  const { id } = await storage.createStudy('demo', ['minimize']);
  await storage.createTrial(id, draft(0.5));
  await storage.close();
  assert.deepEqual(lines(path).map((r) => (r as { op_code: number }).op_code), [0, 4], 'a trial and its params are one CREATE_TRIAL record');
  assert.match(readFileSync(path, 'utf8'), /^\{"op_code":0,"worker_id":"[^"]+","study_name":"demo","directions":\[1\]\}\n/);
  assert.deepEqual(readdirSync(join(path, '..')), ['study.jsonl'], 'no lock file left behind');
});

test('replays an Optuna 3.1 file and continues it', async () => {
  const path = newPath();
  const storage = await openStorage(path); // creates the folder
  copyFileSync(join(__dirname, '../../fixtures/journals/optuna-3.1-sample.jsonl'), path);
  await storage.refresh();
  const study = storage.findStudy('demo');
  assert.ok(study);
  assert.deepEqual(storage.getTrials(study.id).map((t) => [t.state, t.value]), [['complete', 0.8], ['pruned', 0.5]]);
  const next = await storage.createTrial(study.id, { params: { lr: 0.001 }, distributions: { lr: floatDistribution(1e-4, 0.1, { log: true }) } });
  assert.deepEqual([next.id, next.number], [2, 2]);
  await storage.close();
});

test('refresh reads only the bytes appended since the last read, and sees exactly the new trials', async () => {
  const path = newPath();
  const { storage: reader, backend } = await openWithBackend(path);
  const writer = await openStorage(path);
  const { id } = await writer.createStudy('s', ['minimize']);
  await writer.createTrial(id, draft(0.1));
  assert.equal(await reader.refresh(), true);
  const before = reader.getTrials(id);
  const bytesBefore = backend.bytesRead;
  const sizeBefore = readFileSync(path).length;
  assert.equal(bytesBefore, sizeBefore);

  await writer.createTrial(id, draft(0.2));
  await writer.createTrial(id, draft(0.3));
  assert.equal(await reader.refresh(), true);
  const now = reader.getTrials(id);
  assert.deepEqual(now.map((t) => t.params.x), [0.1, 0.2, 0.3]);
  assert.equal(now[0], before[0], 'the unchanged trial is the same object');
  assert.equal(backend.bytesRead - bytesBefore, readFileSync(path).length - sizeBefore);
  assert.equal(await reader.refresh(), false);
  assert.equal(backend.bytesRead - bytesBefore, readFileSync(path).length - sizeBefore, 'nothing new: nothing read');
  await Promise.all([reader.close(), writer.close()]);
});

test('a half-written last line is not read until complete, even when it splits a UTF-8 character', async () => {
  const path = newPath();
  const storage = await openStorage(path);
  const { id } = await storage.createStudy('s', ['minimize']);
  const trial = await storage.createTrial(id, draft(0.5));
  const line = Buffer.from(`{"op_code":8,"worker_id":"py","trial_id":${trial.id},"user_attr":{"note":"grün €"}}\n`, 'utf8');
  const cut = line.indexOf(Buffer.from('€')) + 1; // inside the 3-byte €
  appendFileSync(path, line.subarray(0, cut));
  assert.equal(await storage.refresh(), false);
  appendFileSync(path, line.subarray(cut));
  assert.equal(await storage.refresh(), true);
  assert.deepEqual(storage.getTrial(trial.id).userAttrs, { note: 'grün €' });
  await storage.close();
});

test('a torn last line left by a crashed writer is tolerated, then dropped by the next append', async () => {
  const path = newPath();
  const storage = await openStorage(path);
  const { id } = await storage.createStudy('s', ['minimize']);
  await storage.createTrial(id, draft(0.5));
  appendFileSync(path, '{"op_code":4,"worker_id":"crashed","stu');
  const reader = await openStorage(path);
  assert.equal(reader.getTrials(id).length, 1);
  await reader.createTrial(id, draft(0.6));
  assert.deepEqual(reader.warnings, [`${path}: dropped 39 bytes of an incomplete last line left by a writer that stopped mid-write`]);
  assert.equal(lines(path).length, 3, 'every line of the file parses');
  await storage.refresh();
  assert.deepEqual(storage.getTrials(id).map((t) => t.params.x), [0.5, 0.6]);
  await Promise.all([storage.close(), reader.close()]);
});

test('a malformed line in the middle is a JournalError naming the file and line', async () => {
  const path = newPath();
  const storage = await openStorage(path);
  await storage.createStudy('s', ['minimize']);
  appendFileSync(path, '{"op_code": 4, "worker_id": "x", "study_id": 0, "datetime_start": null}\nnot json\n{"op_code": 5, "worker_id": "x"}\n');
  const expect = (e: unknown): boolean => e instanceof JournalError && e.file === path && e.line === 3 && /^.*study\.jsonl:3: not valid JSON/.test(e.message);
  await assert.rejects(() => openStorage(path), expect);
  await assert.rejects(() => storage.refresh(), expect);
  await assert.rejects(() => storage.createStudy('t', ['minimize']), expect, 'a storage that hit bad data refuses to write on top of it');
  writeFileSync(path, '{"op_code": 0, "worker_id": "x", "study_name": "s", "directions": [1]}\n{"op_code": 6, "worker_id": "x", "trial_id": 0, "state": 1}\n');
  await assert.rejects(() => openStorage(path), /study\.jsonl:2: op_code 6 \(SET_TRIAL_STATE_VALUES\) is missing "values"/);
});

test('records with op codes newer than ours are skipped with a warning', async () => {
  const path = newPath();
  await (await openStorage(path)).close();
  writeFileSync(path, '{"op_code":11,"worker_id":"future"}\n{"op_code":0,"worker_id":"x","study_name":"s","directions":[1]}\n');
  const storage = await openStorage(path);
  assert.equal(storage.getStudies().length, 1);
  assert.deepEqual(storage.warnings, [`${path}:1: skipped records with op_code 11, which this version does not know`]);
});

test('two storages appending from concurrent loops write whole lines and every record', async () => {
  const path = newPath();
  const a = await openStorage(path);
  const b = await openStorage(path);
  const { id } = await a.createStudy('s', ['minimize']);
  await b.refresh();
  const loop = async (storage: JournalStorage, x: number): Promise<void> => {
    for (let i = 0; i < 20; i++) {
      const trial = await storage.createTrial(id, draft(x));
      await storage.setTrialIntermediateValue(trial.id, 0, i);
      await storage.finishTrial(trial.id, 'complete', [i]);
    }
  };
  await Promise.all([loop(a, 0.25), loop(b, 0.75)]);
  assert.equal(lines(path).length, 1 + 40 * 3);
  await a.refresh();
  const trials = a.getTrials(id);
  assert.deepEqual(trials.map((t) => t.number), Array.from({ length: 40 }, (_, i) => i));
  assert.ok(trials.every((t) => t.state === 'complete' && t.intermediateValues.size === 1));
  assert.equal(trials.filter((t) => t.params.x === 0.25).length, 20);
  await Promise.all([a.close(), b.close()]);
});

test('withLock makes read-then-create atomic across storages on one file', async () => {
  const path = newPath();
  const a = await openStorage(path);
  const b = await openStorage(path);
  const { id } = await a.createStudy('s', ['minimize']);
  const seen: number[] = [];
  const block = (storage: JournalStorage) => storage.withLock(async () => {
    seen.push(storage.getTrials(id).length);
    await sleep(1);
    await storage.createTrial(id, draft(0.5));
  });
  await Promise.all(Array.from({ length: 8 }, (_, i) => block(i % 2 ? a : b)));
  assert.deepEqual([...seen].sort((p, q) => p - q), [0, 1, 2, 3, 4, 5, 6, 7]);
  await Promise.all([a.close(), b.close()]);
});

test("waits while another process holds the lock (Optuna's open or symlink lock), then proceeds", async () => {
  for (const takeLock of [(p: string) => writeFileSync(`${p}.lock`, ''), (p: string) => symlinkSync(p, `${p}.lock`)]) {
    const path = newPath();
    const storage = await openStorage(path);
    takeLock(path);
    let settled = false;
    const pending = storage.createStudy('s', ['minimize']).finally(() => (settled = true));
    await sleep(150);
    assert.equal(settled, false);
    assert.equal(readFileSync(path, 'utf8'), '');
    unlinkSync(`${path}.lock`);
    assert.equal((await pending).name, 's');
    assert.deepEqual(storage.warnings, []);
    await storage.close();
  }
});

test('a lock left unchanged past the grace period is broken (its holder died)', async () => {
  const path = newPath();
  const { storage } = await openWithBackend(path, 100);
  writeFileSync(`${path}.lock`, ''); // Optuna's lock: no holder recorded, so only time can tell
  const started = performance.now();
  await storage.createStudy('s', ['minimize']);
  assert.ok(performance.now() - started >= 100);
  assert.match(storage.warnings.join('\n'), /study\.jsonl\.lock: broke the lock \(held by another process \(Optuna's lock, which records no holder\) since .*\): it stayed unchanged for 0\.1 s; its holder probably died/);
  assert.deepEqual(readdirSync(join(path, '..')), ['study.jsonl'], 'lock and rename files are gone');
  await storage.close();
});

test('a file that shrinks under a reader is reported, not misread', async () => {
  const path = newPath();
  const storage = await openStorage(path);
  await storage.createStudy('s', ['minimize']);
  writeFileSync(path, '');
  await assert.rejects(() => storage.refresh(), /study\.jsonl: the file shrank from \d+ to 0 bytes/);
});
