/** `ask()` with a budget shared across processes, system attrs written with the trial, and per-process sampling. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defineSearchSpace } from '../../../src/core/space';
import { JournalStorage, MemoryJournalBackend } from '../../../src/core/storage';
import { Study, type StudyOptions } from '../../../src/core/study';

/** Counts appends: one append is one write of the journal file. */
class CountingBackend extends MemoryJournalBackend {
  appends = 0;
  override async appendLines(lines: readonly string[]): Promise<void> {
    this.appends += 1;
    await super.appendLines(lines);
  }
}

const OPTIONS: StudyOptions = { name: 's', directions: ['minimize'], searchSpace: defineSearchSpace({ x: { float: [0, 1] }, y: { float: [0, 1] } }).space, sampler: { type: 'random' }, seed: 3 };

async function openStudy(storage?: JournalStorage): Promise<{ study: Study; storage: JournalStorage; backend: CountingBackend }> {
  const backend = new CountingBackend();
  const opened = storage ?? (await JournalStorage.open(backend));
  return { study: await Study.open(opened, OPTIONS), storage: opened, backend };
}

describe('ask options', () => {
  it('writes the system attrs in the same append that creates or starts the trial', async () => {
    const { study, backend } = await openStudy();
    const runner = { host: 'h', pid: 42 };
    let before = backend.appends;
    const fresh = await study.ask({ systemAttrs: { 'tuneboard:runner': runner } });
    assert.equal(backend.appends - before, 1);
    assert.deepEqual(study.trials[fresh.number]?.systemAttrs, { 'tuneboard:runner': runner });

    await study.enqueue({ x: 0.5 });
    before = backend.appends;
    const started = await study.ask({ systemAttrs: { 'tuneboard:runner': runner } });
    assert.equal(backend.appends - before, 1);
    assert.deepEqual(started.params.x, 0.5);
    assert.equal(study.trials[started.number]?.state, 'running');
    assert.deepEqual(study.trials[started.number]?.systemAttrs['tuneboard:runner'], runner);
  });

  it('samples nothing once the budget is used, but still starts enqueued trials; interrupted trials do not count', async () => {
    const { study } = await openStudy();
    const first = await study.ask({ budget: 2 });
    assert.ok(first);
    await study.tell(first, { state: 'fail', error: 'interrupted: the study was stopped while this trial ran' });
    for (let i = 0; i < 2; i++) {
      const trial = await study.ask({ budget: 2 });
      assert.ok(trial, `ask ${i} within the budget`);
      await study.tell(trial, 1);
    }
    assert.equal(await study.ask({ budget: 2 }), null);
    await study.enqueue({ x: 0.25 });
    const enqueued = await study.ask({ budget: 2 });
    assert.equal(enqueued?.params.x, 0.25, 'an enqueued trial runs past the budget');
    assert.equal(await study.ask({ budget: 2 }), null);
    assert.equal(study.trials.length, 4);
  });

  it('gives two studies opened on the same history with the same seed different points', async () => {
    // Two handles on one storage stand in for two processes that opened the journal at the same time.
    const a = await openStudy();
    const b = await openStudy(a.storage);
    const points: string[] = [];
    for (let i = 0; i < 6; i++) {
      for (const { study } of [a, b]) {
        const trial = await study.ask();
        points.push(JSON.stringify(trial.params));
        await study.tell(trial, 1);
      }
    }
    assert.equal(new Set(points).size, points.length, points.join('\n'));
  });

  it('keeps one process reproducible, its own enqueued trials included', async () => {
    const run = async (): Promise<string[]> => {
      const { study } = await openStudy();
      for (let i = 0; i < 6; i++) {
        if (i === 2) await study.enqueue({ x: 0.5 });
        const trial = await study.ask();
        await study.tell(trial, 1);
      }
      return study.trials.map((t) => JSON.stringify(t.params));
    };
    assert.deepEqual(await run(), await run());
  });
});
