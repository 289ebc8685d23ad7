/** A trial's intermediate values as snapshots see them: each snapshot keeps what was reported by then. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openStorage } from '../../../src/core/storage';
import { StepLog } from '../../../src/core/storage/stepValues';

describe('intermediate values of trial snapshots', () => {
  it('a view holds the steps reported before it, whatever is reported after', () => {
    let log = new StepLog();
    log = log.set(0, 0.5).set(1, 0.4);
    const early = log.view();
    log = log.set(2, 0.3);
    const later = log.view();
    assert.deepEqual([...early], [[0, 0.5], [1, 0.4]]);
    assert.deepEqual([early.size, early.has(2), early.get(2), early.get(1)], [2, false, undefined, 0.4]);
    assert.deepEqual([...later.keys()], [0, 1, 2]);
    assert.deepEqual([...later.values()], [0.5, 0.4, 0.3]);
    const seen: [number, number][] = [];
    later.forEach((value, step) => seen.push([step, value]));
    assert.deepEqual(seen, [[0, 0.5], [1, 0.4], [2, 0.3]]);
  });

  it('overwriting a step leaves earlier views as they were', () => {
    const log = new StepLog().set(0, 0.5).set(1, 0.4);
    const before = log.view();
    const after = log.set(1, 0.9).view();
    assert.equal(before.get(1), 0.4);
    assert.equal(after.get(1), 0.9);
    assert.deepEqual([...after], [[0, 0.5], [1, 0.9]]);
  });

  it('trial snapshots from the journal keep their own intermediate values as a trial reports on', async () => {
    const storage = await openStorage();
    const study = await storage.createStudy('s', ['minimize']);
    const trial = await storage.createTrial(study.id, { params: {}, distributions: {} });
    const snapshots = [];
    for (let step = 0; step < 50; step++) {
      await storage.setTrialIntermediateValue(trial.id, step, 1 / (step + 1));
      snapshots.push(storage.getTrial(trial.id));
    }
    snapshots.forEach((snapshot, i) => assert.equal(snapshot.intermediateValues.size, i + 1));
    assert.equal(snapshots[10]?.intermediateValues.get(10), 1 / 11);
    assert.equal(snapshots[10]?.intermediateValues.has(11), false);
    await storage.close();
  });
});
