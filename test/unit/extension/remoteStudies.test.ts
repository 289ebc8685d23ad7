/**
 * The Studies index on studies kept on Redis (a real redis-server on a free port): configs whose
 * `storage:` is a URL, servers of the `tuneboard.storages` setting, live updates by polling, and a
 * server that dies and comes back shown as a problem naming its address, never a broken view.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createStudy, RUNNER_ATTR, type Study } from '../../../src/core';
import { StudyIndex, type StudySummary } from '../../../src/extension/studies/studyIndex';
import { indexChange } from '../../fixtures/indexChanges';
import { openJournalStorage } from '../../../src/redis/openJournal';
import { redisSkip, startRedis, type RedisServer } from '../../fixtures/redisServer';

const repo = resolve(__dirname, '../../..');
const SPACE = { x1: { float: [-5, 10] }, x2: { float: [0, 15] } };

let redis: RedisServer;
let workspace: string;
let index: StudyIndex;
/** Polls reach a change within about a second; the studies as they are say why one did not. */
const until = (ready: () => boolean, timeoutMs = 8000): Promise<number> =>
  indexChange(index, ready, { timeoutMs, alreadyCounts: true, describe: () => JSON.stringify(index.studies().map((s) => [s.name, s.trials.length, s.problem])) });
const byName = (name: string): StudySummary | undefined => index.studies().find((study) => study.name === name);

async function openStudy(url: string, name: string, seed: number): Promise<Study> {
  return createStudy({ name, storage: await openJournalStorage(url), space: SPACE, sampler: 'random', seed });
}

describe('StudyIndex: studies on Redis', { skip: redisSkip }, () => {
  let branin: Study;
  let configUrl: string;

  before(async () => {
    redis = await startRedis({ appendonly: true });
    workspace = mkdtempSync(join(tmpdir(), 'tuneboard-remote-index-'));
    // Written without the database: the index keys it in one canonical form (`/0`), as the runner reports it.
    configUrl = `${redis.url}?prefix=editor`;
    const config = readFileSync(join(repo, 'examples/branin/branin.tune.yaml'), 'utf8').replace('name: branin', `name: branin\nstorage: ${configUrl}`);
    writeFileSync(join(workspace, 'branin.tune.yaml'), config);
    index = new StudyIndex({ roots: [workspace], storages: [`${redis.url}/0?prefix=lab`, 'redis://127.0.0.1:notaport'], pollMs: 150 });
    await index.start();
  });

  after(async () => {
    await branin?.close();
    await index?.dispose();
    await redis?.dispose();
    if (workspace) rmSync(workspace, { recursive: true, force: true });
  });

  it('shows a config whose storage is a Redis URL as not tuned yet, keyed by the URL without ambiguity', async () => {
    await until(() => byName('branin') !== undefined);
    const study = byName('branin');
    assert.equal(study?.journalPath, `redis://127.0.0.1:${redis.port}/0?prefix=editor`);
    assert.equal(study?.key, `redis://127.0.0.1:${redis.port}/0?prefix=editor#branin`);
    assert.deepEqual([study?.trials.length, study?.problem, study?.budget], [0, null, 40]);
    // Commands get the URL as the user wrote it (a password would be in it), not the shown form.
    assert.equal(index.storageArgument(study ?? { journalPath: '' }), configUrl);
  });

  it('shows trials written by another process live, matched with the config', async () => {
    branin = await openStudy(configUrl, 'branin', 1);
    const first = await branin.ask();
    await branin.setSystemAttr(first, RUNNER_ATTR, { host: 'gpu-box-2', pid: 4242 });
    await until(() => byName('branin')?.counts.running === 1);
    await branin.tell(first, 3.5);
    await branin.tell(await branin.ask(), 1.25);
    await until(() => byName('branin')?.counts.complete === 2);
    const study = byName('branin');
    assert.equal(study?.configPath, join(workspace, 'branin.tune.yaml'));
    assert.equal(study?.best?.value, 1.25);
    assert.equal(study?.progressLabel, '2/40');
  });

  it('shows the studies of a server named in tuneboard.storages, without a config', async () => {
    const lab = await openStudy(`${redis.url}/0?prefix=lab`, 'lab-sweep', 2);
    await lab.tell(await lab.ask(), 7);
    await lab.close();
    await until(() => byName('lab-sweep')?.counts.complete === 1);
    assert.deepEqual([byName('lab-sweep')?.configPath, byName('lab-sweep')?.journalPath], [null, `redis://127.0.0.1:${redis.port}/0?prefix=lab`]);
  });

  it('names a malformed URL of the setting on its own node', () => {
    const broken = index.studies().find((study) => study.journalPath === 'redis://127.0.0.1:notaport');
    assert.match(broken?.problem ?? '', /^tuneboard\.storages: 'redis:\/\/127\.0\.0\.1:notaport' is not a storage Tuneboard can read/);
  });

  it('marks the studies of a Redis that stopped with an error naming its address, keeps their trials, and recovers', async () => {
    await redis.stop();
    await until(() => byName('branin')?.problem !== null && byName('lab-sweep')?.problem !== null);
    assert.match(byName('branin')?.problem ?? '', new RegExp(`cannot reach Redis at 127\\.0\\.0\\.1:${redis.port}`));
    assert.doesNotMatch(byName('branin')?.problem ?? '', /\n\s+at /); // a message, not a stack trace
    assert.equal(byName('branin')?.trials.length, 2, 'what was read stays shown');
    await redis.start(); // appendonly: nothing acknowledged is lost
    await until(() => byName('branin')?.problem === null, 20_000);
    await branin.tell(await branin.ask(), 0.5);
    await until(() => byName('branin')?.counts.complete === 3);
    assert.equal(byName('branin')?.best?.value, 0.5);
  });

  it('follows the setting: a server removed from tuneboard.storages is no longer shown', async () => {
    await index.setStorages([]);
    assert.equal(byName('lab-sweep'), undefined);
    assert.ok(byName('branin'), 'a config still names its server');
  });
});
