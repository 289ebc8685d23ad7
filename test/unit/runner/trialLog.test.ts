/** The pieces that keep a trial's output bounded: the trial log file and the line splitter. */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { LineSplitter } from '../../../src/runner/command/lineSplitter';
import { WorkerPool } from '../../../src/runner/pool/workerPool';
import { createLogDir, TrialLog } from '../../../src/runner/trialLog';
import { tempDir } from './runnerFixtures';

const FAKE_WORKER = join(__dirname, '..', '..', 'fixtures', 'workers', 'fakeWorker.ts');

describe('TrialLog', () => {
  it('keeps its head and the newest output within its cap, noting what it dropped', () => {
    const { dir, cleanup } = tempDir();
    try {
      const file = join(dir, 'trial.log');
      const log = new TrialLog(file, '$ train.py\n', { maxBytes: 4096 });
      for (let i = 0; i < 1000; i++) log.write(`line ${String(i).padStart(4, '0')} ${'é'.repeat(20)}\n`);
      log.close('# exit 0\n');
      const text = readFileSync(file, 'utf8');
      assert.ok(statSync(file).size <= 4096 + 200, `${statSync(file).size} bytes`);
      assert.match(text, /^\$ train\.py\n# \[tuneboard\] [\d.]+ KB of earlier output dropped here: a trial log keeps the newest output, at most 4\.0 KB\nline \d{4} é{20}\n/);
      assert.match(text, /line 0999 é{20}\n# exit 0\n$/);
      assert.doesNotMatch(text, /\uFFFD/, 'no character is cut in two');
    } finally {
      cleanup();
    }
  });

  it('keeps the newest output across flushes, joining what is on disk with what comes next', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const file = join(dir, 'trial.log');
      const log = new TrialLog(file, '# head\n', { maxBytes: 4096 });
      const lines = Array.from({ length: 150 }, (_, i) => `line ${String(i).padStart(3, '0')} ${'-'.repeat(20)}\n`); // 30 bytes each
      log.write(lines.slice(0, 100).join(''));
      await new Promise((resolve) => setTimeout(resolve, 300)); // flushed by its timer
      assert.equal(statSync(file).size, 7 + 3000);
      log.write(lines.slice(100).join(''));
      log.close();
      const text = readFileSync(file, 'utf8');
      const kept = text.split('\n').filter((line) => line.startsWith('line '));
      assert.equal(kept.at(-1), lines[149]?.trimEnd());
      assert.ok(kept.length >= 60 && kept.length < 100, `${kept.length} lines kept`);
      assert.deepEqual(kept, lines.slice(150 - kept.length).map((line) => line.trimEnd()), 'the newest lines, whole and in order');
      assert.match(text, /^# head\n# \[tuneboard\] [\d.]+ KB of earlier output dropped here/);
    } finally {
      cleanup();
    }
  });

  it('throws a readable error naming the file when it cannot be opened', () => {
    const { dir, cleanup } = tempDir();
    try {
      mkdirSync(join(dir, 'trial.log'));
      assert.throws(() => new TrialLog(join(dir, 'trial.log'), '# head\n'), /^Error: cannot write the trial log .*trial\.log: it is a folder$/);
    } finally {
      cleanup();
    }
  });

  it('says which log folder cannot be created, and why', () => {
    const { dir, cleanup } = tempDir();
    try {
      writeFileSync(join(dir, 'logs'), '');
      assert.throws(() => createLogDir(join(dir, 'logs', 'j', 'study')), /^Error: cannot create the trial log folder .*logs\/j\/study: a file is in the way of a folder on its path$/);
    } finally {
      cleanup();
    }
  });

  it('reports a failed write once, to onError, and writes nothing after it', { skip: !existsSync('/dev/full') }, () => {
    const errors: string[] = [];
    const log = new TrialLog('/dev/full', '', { onError: (reason) => errors.push(reason) });
    log.write('value=1\n');
    log.close('# exit 0\n');
    log.write('more\n');
    assert.deepEqual(errors, ['cannot write the trial log /dev/full: no space left on the device']);
  });
});

describe('LineSplitter', () => {
  it('splits across chunks, handles CRLF and a last line without newline, and keeps characters whole', () => {
    const lines: string[] = [];
    const splitter = new LineSplitter((line) => lines.push(line));
    const bytes = Buffer.from('a=1\r\nhé', 'utf8');
    splitter.push(bytes.subarray(0, bytes.length - 1)); // cuts é in two
    splitter.push(bytes.subarray(bytes.length - 1));
    splitter.push('llo\nlast');
    splitter.end();
    splitter.end();
    assert.deepEqual(lines, ['a=1', 'héllo', 'last']);
  });

  it('cuts a line past the limit and counts what it dropped, however many chunks it spans', () => {
    const seen: [string, number][] = [];
    const splitter = new LineSplitter((line, dropped) => seen.push([line, dropped]), 100);
    for (let i = 0; i < 50; i++) splitter.push('x'.repeat(1000));
    splitter.push('\nvalue=1\n');
    assert.deepEqual(seen, [['x'.repeat(100), 49_900], ['value=1', 0]]);
  });
});

describe('WorkerPool trial logs', () => {
  it('a log that cannot be opened fails that trial at start, and its worker stays free', async () => {
    const { dir, cleanup } = tempDir();
    const workers = new WorkerPool({
      size: 1,
      command: { modulePath: FAKE_WORKER, args: [], execArgv: ['--import', 'tsx'] },
      setup: { model: 'mlp', backend: 'auto', data: { path: '/data/ok.csv', target: 'y' }, seed: 1 },
      metric: 'val_loss',
      direction: 'minimize',
      logDir: dir,
    });
    try {
      await workers.prepare();
      mkdirSync(join(dir, 'trial-0000.log'));
      assert.throws(() => workers.start({ number: 0, params: { behaviour: 'ok', x: 1 }, seed: 1 }, () => undefined), /trial-0000\.log: it is a folder/);
      const next = await workers.start({ number: 1, params: { behaviour: 'ok', x: 2 }, seed: 1 }, () => undefined).outcome;
      assert.equal(next.kind, 'complete');
      assert.match(readFileSync(join(dir, 'trial-0001.log'), 'utf8'), /^# trial 1: .*\n# on worker 0\n(step .*\n)*# complete value=2\n$/);
    } finally {
      await workers.dispose();
      cleanup();
    }
  });
});
