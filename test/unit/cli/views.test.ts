// The views of `tuneboard run`, fed a recorded run, checked for what a user (or the extension) sees.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import type { StudyEvent } from '../../../src/protocol/studyEvents';
import { createSink, JsonLinesSink, LiveViewSink, PlainLogSink } from '../../../src/cli/views';
import { formatElapsed, formatNumber } from '../../../src/core/studyView';
import { indexOf, RECORDED_RUN, RUN_START_MS } from './recordedEvents';

/** A terminal stand-in: keeps every write; `columns` as a terminal has it. */
class FakeTerminal extends Writable {
  readonly writes: string[] = [];
  constructor(readonly columns = 100, readonly rows = 60) {
    super({ decodeStrings: false });
  }
  override _write(chunk: unknown, _encoding: BufferEncoding, done: () => void): void {
    this.writes.push(String(chunk));
    done();
  }
  get text(): string {
    return stripAnsi(this.writes.join(''));
  }
}

function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
}

function feed(sink: { handle(e: StudyEvent): void }, events: readonly StudyEvent[]): void {
  for (const event of events) sink.handle(event);
}

describe('json lines sink', () => {
  it('writes each event as one line that parses back to the same event', () => {
    const out = new FakeTerminal();
    feed(new JsonLinesSink(out), RECORDED_RUN);
    const lines = out.writes.join('').split('\n');
    assert.equal(lines.pop(), '', 'every line ends with a newline');
    assert.deepEqual(lines.map((line) => JSON.parse(line) as unknown), RECORDED_RUN);
  });
});

describe('plain log sink', () => {
  const out = new FakeTerminal();
  feed(new PlainLogSink(out, { reports: true }), RECORDED_RUN);
  const lines = out.text.trimEnd().split('\n');

  it('writes one timestamped line per event', () => {
    assert.equal(lines.length, RECORDED_RUN.length);
    for (const line of lines) assert.match(line, /^\[\d\d:\d\d:\d\d\] \S/);
  });

  it('says what each trial did, with its value, params, duration, the best so far and n/N', () => {
    const find = (text: string): string => lines.find((l) => l.includes(text)) ?? assert.fail(`no line with ${text}:\n${lines.join('\n')}`);
    assert.match(find('study iris-mlp started'), /maximize val_accuracy · tpe sampler · median pruner · 6 trials · parallel 2 · journal \.tuneboard\/iris-mlp\.jsonl/);
    assert.match(find('trial 3 complete'), /trial 3 complete value=0\.9533 \(learning_rate=0\.0075 units=64 activation=tanh\) 2\.1s · best #3 0\.9533 · 4\/6$/);
    assert.match(find('trial 1 failed'), /trial 1 failed after 2\.5s: CUDA out of memory, while allocating tensor of shape \[512,512\] \(learning_rate=0\.012 .*· 2\/6$/);
    assert.match(find('trial 2 pruned'), /trial 2 pruned at step 0 value=0\.4 .* 900ms · best #0 0\.91 · 3\/6$/);
    assert.match(find('trial 0 step 1'), /trial 0 step 1 val_accuracy=0\.91 loss=0\.33$/);
    assert.match(find('worker 1 exited'), /warning: worker 1 exited with code 137; replaced$/);
    assert.match(find('finished'), /study iris-mlp finished \(trial budget reached\) after 7\.9s: 4 complete, 1 pruned, 1 failed · best #3 0\.9533 \(learning_rate=0\.0075 units=64 activation=tanh\)$/);
  });
});

describe('plain log sink without --verbose', () => {
  it('leaves out the per-step reports, which would flood a CI log', () => {
    const out = new FakeTerminal();
    feed(new PlainLogSink(out), RECORDED_RUN);
    const reports = RECORDED_RUN.filter((e) => e.type === 'trial-reported').length;
    assert.ok(reports > 0);
    assert.equal(out.text.trimEnd().split('\n').length, RECORDED_RUN.length - reports);
    assert.doesNotMatch(out.text, / step \d+ val_accuracy=/);
  });
});

describe('live view sink', () => {
  function liveRun(events: readonly StudyEvent[], columns = 100): { out: FakeTerminal; sink: LiveViewSink; clock: { now: number } } {
    const out = new FakeTerminal(columns);
    const clock = { now: RUN_START_MS };
    const sink = new LiveViewSink(out, { now: () => clock.now, throttleMs: 150 });
    for (const event of events) {
      clock.now = Date.parse(event.time);
      sink.handle(event);
    }
    return { out, sink, clock };
  }

  it('leaves a final frame with n/N, the best trial, the top trials and the failures', () => {
    const { out } = liveRun(RECORDED_RUN);
    const final = stripAnsi(out.writes.at(-1) ?? '');
    assert.match(final, /iris-mlp · maximize val_accuracy · tpe sampler · median pruner · parallel 2 · backend wasm/);
    assert.match(final, /\[█{28}\] 6\/6 {2}finished in 7\.9s \(trial budget reached\)/);
    assert.match(final, /best #3 0\.9533 {2}learning_rate=0\.0075 units=64 activation=tanh/);
    assert.match(final, /complete 4 · pruned 1 · failed 1 · running 0/);
    const ranks = final.split('\n').filter((l) => /^ +\d +\d +complete/.test(l)).map((l) => Number(l.trim().split(/\s+/)[1]));
    assert.deepEqual(ranks, [3, 0, 5, 4], 'complete trials best first');
    assert.match(final, /recent failures\n {2}#1 {2}CUDA out of memory/);
    assert.doesNotMatch(final, /running\n/);
  });

  it('prints log events above the region, where they stay', () => {
    const { out } = liveRun(RECORDED_RUN);
    const writes = out.writes.map(stripAnsi);
    assert.ok(writes.includes('warning: worker 1 exited with code 137; replaced\n'));
    assert.ok(writes.includes('worker 0 ready (backend wasm)\n'));
  });

  it('shows progress, ETA and running trials with their latest step mid-run', () => {
    const { sink, clock } = liveRun(RECORDED_RUN.slice(0, indexOf('trial-reported', 4) + 1));
    clock.now += 500;
    const frame = sink.frame();
    sink.close();
    // 4 of 6 done, mean trial 1.875 s, 2 at a time: 2 left take about 1.9 s.
    assert.match(frame, /\[█{19}░{9}\] 4\/6 {2}elapsed 7\.5s {2}ETA 1\.9s/);
    assert.match(frame, /running\n {2}#4 {2}1\.7s {2}step 3 val_accuracy=0\.88 {2}\(learning_rate=0\.05 units=80 activation=relu\)\n {2}#5 {2}1\.6s {2}no report yet/);
  });

  it('measures progress against the timeout when there is no trial budget', () => {
    const [started, ...rest] = RECORDED_RUN;
    assert.ok(started?.type === 'study-started');
    const { sink, clock } = liveRun([{ ...started, trials: null, timeoutSeconds: 60 }, ...rest.slice(0, 5)]);
    clock.now = RUN_START_MS + 15_000;
    assert.match(sink.frame(), /\[█{7}░{21}\] 0m15s\/1m00s {2}elapsed 15s {2}ETA 45s/);
    sink.close();
  });

  it('throttles redraws, and close() leaves a final frame even without study-finished', () => {
    const { out, sink } = liveRun(RECORDED_RUN.slice(0, indexOf('trial-finished', 3) + 1).map((e) => ({ ...e, time: RECORDED_RUN[0]?.time ?? e.time })));
    const regionWrites = out.writes.filter((w) => w.includes('best'));
    assert.ok(regionWrites.length <= 4, `${regionWrites.length} redraws of 15 events within the same instant`);
    sink.close();
    const final = stripAnsi(out.writes.at(-1) ?? '');
    assert.match(final, /4\/6/);
    assert.match(final, /best #3 0\.9533/);
    sink.close(); // twice is harmless
  });

  it('fits the frame to a narrow terminal', () => {
    const { out } = liveRun(RECORDED_RUN, 60);
    const final = stripAnsi(out.writes.at(-1) ?? '');
    for (const line of final.trimEnd().split('\n')) assert.ok(line.length <= 59, `too wide: ${line}`);
    assert.match(final, /6\/6/);
  });
});

describe('createSink', () => {
  it('picks json lines for --json, the live view on a terminal, else the plain log', () => {
    const out = new FakeTerminal();
    assert.ok(createSink({ json: true, tty: true, stream: out }) instanceof JsonLinesSink);
    const live = createSink({ json: false, tty: true, stream: out });
    assert.ok(live instanceof LiveViewSink);
    live.close?.();
    assert.ok(createSink({ json: false, tty: false, stream: out }) instanceof PlainLogSink);
  });
});

describe('number and duration formats', () => {
  it('keeps about 4 significant digits and drops trailing zeros', () => {
    assert.deepEqual([0.0031234, 0.95, 64, 123456.7, 0.00001234, 0, -2.5, 1 / 3].map((v) => formatNumber(v)), ['0.003123', '0.95', '64', '1.235e+5', '1.234e-5', '0', '-2.5', '0.3333']);
    assert.deepEqual([850, 2100, 24_400, 59_940, 63_000, 3_720_000, 100_800_000].map(formatElapsed), ['850ms', '2.1s', '24s', '1m 00s', '1m 03s', '1h 02m', '1d 4h']);
  });
});
