// The journal's write lock: whose it is, when it is broken at once, what a waiter says, how a wait is
// stopped, and that two paths to one file share one lock.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, lutimesSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { thisProcessLockOwner } from '../../../src/cli/storageHooks';
import { floatDistribution } from '../../../src/core/distributions';
import { JournalStorage, LockWaitAbortedError, openStorage } from '../../../src/core/storage';

const root = mkdtempSync(join(tmpdir(), 'tuneboard-journal-lock-'));
after(() => rmSync(root, { recursive: true, force: true }));
let caseCount = 0;
function newJournal(): string {
  const dir = join(root, `case${++caseCount}`);
  mkdirSync(dir);
  return join(dir, 'study.jsonl');
}

const HOUR = 3_600_000;
const owner = thisProcessLockOwner();
const draft = (x: number) => ({ params: { x }, distributions: { x: floatDistribution(0, 1) } });
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** A pid that existed a moment ago and is gone now. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  assert.equal(child.status, 0);
  return child.pid;
}

test('our lock records pid, host and since; a waiter names them, and a dead holder on this host loses the lock at once', async () => {
  const path = newJournal();
  const storage = await openStorage(path, { lockOwner: owner, staleLockMs: HOUR });
  await storage.withLock(() => {
    const holder = JSON.parse(readFileSync(`${path}.lock`, 'utf8')) as Record<string, unknown>;
    assert.deepEqual([holder.pid, holder.host, typeof holder.since], [process.pid, hostname(), 'string']);
  });

  const pid = deadPid();
  writeFileSync(`${path}.lock`, `${JSON.stringify({ pid, host: hostname(), since: '2026-01-01T00:00:00.000Z' })}\n`);
  const warnings: string[] = [];
  const waits: string[] = [];
  const other = await openStorage(path, { lockOwner: owner, staleLockMs: HOUR, onWarning: (w) => warnings.push(w), onLockWait: (m) => waits.push(m) });
  await other.createStudy('s', ['minimize']); // would wait an hour if the dead holder were not seen
  assert.deepEqual(waits, []);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0] ?? '', new RegExp(`broke the lock \\(held by pid ${pid} on .* since 2026-01-01T00:00:00.000Z\\): its holder, pid ${pid} on .*, is gone`));
  assert.deepEqual(readdirSync(join(path, '..')), ['study.jsonl']);
  await Promise.all([storage.close(), other.close()]);
});

test('a wait for a live holder says whose lock it waits for, and the caller\'s signal ends it', async () => {
  const path = newJournal();
  const holder = spawn('sleep', ['30'], { stdio: 'ignore' });
  try {
    const pid = holder.pid as number;
    writeFileSync(`${path}.lock`, `${JSON.stringify({ pid, host: hostname(), since: '2026-01-01T00:00:00.000Z' })}\n`);
    const stop = new AbortController();
    const waits: string[] = [];
    const storage = await openStorage(path, {
      lockOwner: owner, staleLockMs: HOUR, signal: stop.signal, lockWaitNoticeMs: 0,
      onLockWait: (message) => {
        waits.push(message);
        stop.abort(); // as Ctrl-C would
      },
    });
    await assert.rejects(() => storage.createStudy('s', ['minimize']), (error: Error) => {
      assert.ok(error instanceof LockWaitAbortedError);
      assert.match(error.message, /stopped waiting for the lock on .*study\.jsonl \(held by pid \d+/);
      return true;
    });
    assert.deepEqual(waits, [`waiting for the lock on ${path}: held by pid ${pid} on ${hostname()} since 2026-01-01T00:00:00.000Z`]);
    assert.ok(existsSync(`${path}.lock`), 'a live holder keeps its lock');
    assert.equal(readFileSync(path, 'utf8'), '', 'nothing written');
  } finally {
    holder.kill();
  }
});

test('a lock with no holder recorded (Optuna\'s) is broken at once when hours old', async () => {
  const path = newJournal();
  for (const takeLock of [() => writeFileSync(`${path}.lock`, ''), () => symlinkSync(path, `${path}.lock`)]) {
    takeLock();
    const old = new Date(Date.now() - 3 * HOUR);
    lutimesSync(`${path}.lock`, old, old); // the lock's own time, not the journal's a symlink points at
    const warnings: string[] = [];
    const storage = await openStorage(path, { staleLockMs: HOUR, onWarning: (w) => warnings.push(w) });
    await storage.withLock(() => undefined);
    assert.match(warnings.join('\n'), /broke the lock .*: it has not changed since/);
    await storage.close();
  }
});

test('a journal reached through a symlink is locked through its real path', async () => {
  const real = newJournal();
  const link = join(root, `link${caseCount}.jsonl`);
  symlinkSync(real, link);
  const viaLink = await openStorage(link);
  const viaReal = await openStorage(real);
  const { id } = await viaReal.createStudy('s', ['minimize']);
  await viaLink.refresh();
  await viaLink.withLock(() => {
    assert.ok(existsSync(`${real}.lock`), 'the lock sits beside the real file');
    assert.ok(!existsSync(`${link}.lock`));
  });
  // Read-then-create under the lock from both paths at once: every trial gets its own number.
  const seen: number[] = [];
  const block = (storage: JournalStorage) => storage.withLock(async () => {
    seen.push(storage.getTrials(id).length);
    await sleep(1);
    await storage.createTrial(id, draft(0.5));
  });
  await Promise.all(Array.from({ length: 6 }, (_, i) => block(i % 2 ? viaLink : viaReal)));
  assert.deepEqual([...seen].sort((p, q) => p - q), [0, 1, 2, 3, 4, 5]);
  await viaReal.refresh();
  assert.deepEqual(viaReal.getTrials(id).map((t) => t.number), [0, 1, 2, 3, 4, 5]);
  await Promise.all([viaLink.close(), viaReal.close()]);
});

test('rename files left by a process that died while releasing are cleaned up; a fresh one is left alone', async () => {
  const path = newJournal();
  const stale = `${path}.lock0b7c4c5e-0000-4000-8000-000000000000.rename`;
  const fresh = `${path}.lock1b7c4c5e-0000-4000-8000-000000000000.rename`;
  writeFileSync(stale, '');
  writeFileSync(fresh, '');
  utimesSync(stale, new Date(2020, 0, 1), new Date(2020, 0, 1));
  const storage = await openStorage(path);
  await storage.createStudy('s', ['minimize']);
  assert.deepEqual(readdirSync(join(path, '..')).sort(), ['study.jsonl', 'study.jsonl.lock1b7c4c5e-0000-4000-8000-000000000000.rename']);
  await storage.close();
});
