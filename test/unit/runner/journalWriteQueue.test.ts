// The run's journal write queue: writes in call order, one at a time; once the journal is unreachable
// the writes behind fail at once with the same error (a run whose Redis is gone must end, not wait).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { JournalUnreachableError } from '../../../src/core';
import { JournalWriteQueue } from '../../../src/runner/journalWriteQueue';

describe('JournalWriteQueue', () => {
  it('runs writes one at a time, in call order, and a failed write does not stop the next', async () => {
    const queue = new JournalWriteQueue();
    const log: string[] = [];
    const slow = queue.write(async () => {
      log.push('a start');
      await new Promise((resolve) => setTimeout(resolve, 20));
      log.push('a end');
      return 1;
    });
    const failing = queue.write(async () => {
      log.push('b');
      throw new Error('disk full');
    });
    const after = queue.write(async () => void log.push('c'));
    assert.equal(await slow, 1);
    await assert.rejects(failing, /disk full/);
    await after;
    await queue.drained();
    assert.deepEqual(log, ['a start', 'a end', 'b', 'c']);
  });

  it('fails the writes behind an unreachable journal at once, without running them', async () => {
    const queue = new JournalWriteQueue();
    const gone = new JournalUnreachableError('cannot reach Redis at 127.0.0.1:6379 (no answer for 30 s while reconnecting)');
    let ran = 0;
    const first = queue.write(async () => {
      throw gone;
    });
    const behind = [queue.write(async () => void (ran += 1)), queue.write(async () => void (ran += 1))];
    await assert.rejects(first, (error) => error === gone);
    for (const write of behind) await assert.rejects(write, (error) => error === gone);
    await assert.rejects(queue.write(async () => void (ran += 1)), (error) => error === gone, 'and every write after');
    assert.equal(ran, 0);
  });
});
