import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JournalReplay } from '../../../src/core/storage/journalReplay';
import { decodeOp, parseJson, type CreateTrialOp, type JournalOp } from '../../../src/core/storage/journalOps';

const SAMPLE = join(__dirname, '../../fixtures/journals/optuna-3.1-sample.jsonl');
const FLOAT_LOG = '{"name":"FloatDistribution","attributes":{"step":null,"low":0.0001,"high":0.1,"log":true}}';
const FLOAT_LINEAR = '{"name":"FloatDistribution","attributes":{"step":null,"low":0.0001,"high":0.1,"log":false}}';
const INT = '{"name":"IntDistribution","attributes":{"log":false,"step":1,"low":0,"high":10}}';

function replayOf(ops: readonly JournalOp[]): JournalReplay {
  const replay = new JournalReplay();
  for (const op of ops) replay.apply(op);
  return replay;
}

const other = 'other-worker';
const study = (name: string, directions = [1]): JournalOp => ({ op_code: 0, worker_id: other, study_name: name, directions });
const trial = (studyId: number): CreateTrialOp => ({ op_code: 4, worker_id: other, study_id: studyId, datetime_start: '2026-01-01T00:00:00.000000+00:00' });
const param = (trialId: number, name: string, value: number, distribution: string): JournalOp =>
  ({ op_code: 5, worker_id: other, trial_id: trialId, param_name: name, param_value_internal: value, distribution });
const finish = (trialId: number, state: number, value: number | null): JournalOp =>
  ({ op_code: 6, worker_id: other, trial_id: trialId, state, values: value === null ? null : [value], datetime_complete: '2026-01-01T00:01:00.000000+00:00' });

test('replays the journal Optuna 3.1 wrote', () => {
  const lines = readFileSync(SAMPLE, 'utf8').split('\n').filter((line) => line !== '');
  const replay = new JournalReplay();
  for (const line of lines) replay.apply(decodeOp(parseJson(line)) as JournalOp);

  const [demo] = replay.getStudies();
  assert.deepEqual(demo, { id: 0, name: 'demo', direction: 'maximize', directions: ['maximize'], userAttrs: {}, systemAttrs: { x: 1 } });

  const [first, second] = replay.getTrials(0) ?? [];
  assert.ok(first && second);
  assert.equal(replay.getTrials(0)?.length, 2);
  assert.deepEqual([first.id, first.number, first.state, first.value], [0, 0, 'complete', 0.8]);
  assert.deepEqual(first.params, { lr: 0.0003338320367040979, units: 16, optimizer: 'adam', dropout: 0.5 });
  assert.deepEqual(Object.keys(first.params), ['lr', 'units', 'optimizer', 'dropout'], 'params keep the order they were set in');
  assert.deepEqual(first.distributions.units, { type: 'int', low: 8, high: 64, log: true, step: 1 });
  assert.deepEqual(first.distributions.optimizer, { type: 'categorical', choices: ['adam', 'sgd'] });
  assert.deepEqual(first.distributions.dropout, { type: 'float', low: 0, high: 0.5, log: false, step: 0.1 });
  assert.deepEqual([...first.intermediateValues], [[0, 0.5]]);
  assert.deepEqual(first.userAttrs, { fold_scores: [0.7, 0.72] });
  assert.equal(first.datetimeStart?.toISOString(), '2026-11-23T09:08:48.357Z', 'no offset in the file: read as UTC');
  assert.equal(first.datetimeComplete?.toISOString(), '2026-11-23T09:08:48.361Z');

  assert.deepEqual([second.id, second.number, second.state, second.value], [1, 1, 'pruned', 0.5]);
  assert.deepEqual(second.params, { lr: 0.0004345367969687731, units: 15, optimizer: 'adam', dropout: 0 });
  assert.ok(Object.isFrozen(first) && Object.isFrozen(first.params) && Object.isFrozen(first.userAttrs.fold_scores));
});

test('a duplicate study name is ignored and uses up no study id (Optuna 3.1 _apply_create_study)', () => {
  const replay = replayOf([study('a'), study('a', [2]), study('b')]);
  assert.deepEqual(replay.getStudies().map((s) => [s.id, s.name, s.direction]), [[0, 'a', 'minimize'], [1, 'b', 'minimize']]);
});

test('trial ids count every study; numbers count within the study', () => {
  const replay = replayOf([study('a'), study('b'), trial(0), trial(1), trial(0), trial(7)]);
  assert.deepEqual(replay.getTrials(0)?.map((t) => [t.id, t.number]), [[0, 0], [2, 1]]);
  assert.deepEqual(replay.getTrials(1)?.map((t) => [t.id, t.number]), [[1, 0]]);
  assert.equal(replay.trialCount, 3, 'a trial for a missing study is ignored');
});

test('CREATE_TRIAL with template fields (Optuna enqueue_trial / add_trial)', () => {
  const replay = replayOf([study('a'), {
    op_code: 4, worker_id: other, study_id: 0, datetime_start: '2026-11-23T09:00:00.000000', state: 2, value: 0.25, values: null,
    datetime_complete: '2026-11-23T09:00:01.500000', distributions: { lr: FLOAT_LOG, n: INT }, params: { lr: 0.01, n: 3 },
    user_attrs: { u: 'x' }, system_attrs: { s: 1 }, intermediate_values: { '2': 0.5, '10': NaN },
  }, trial(0)]);
  const [added, plain] = replay.getTrials(0) ?? [];
  assert.ok(added && plain);
  assert.deepEqual([added.state, added.value, added.params, added.userAttrs, added.systemAttrs], ['pruned', 0.25, { lr: 0.01, n: 3 }, { u: 'x' }, { s: 1 }]);
  assert.deepEqual([...added.intermediateValues], [[2, 0.5], [10, NaN]]);
  assert.equal(added.datetimeComplete?.toISOString(), '2026-11-23T09:00:01.500Z');
  assert.deepEqual([plain.state, plain.value, plain.datetimeComplete], ['running', null, null], 'no state: RUNNING');
});

test('updates to a finished trial are ignored', () => {
  const replay = replayOf([study('a'), trial(0), finish(0, 1, 1.0), finish(0, 3, null), { op_code: 7, worker_id: other, trial_id: 0, step: 1, intermediate_value: 2 },
    param(0, 'x', 1, INT), { op_code: 8, worker_id: other, trial_id: 0, user_attr: { late: true } }]);
  const done = replay.getTrial(0);
  assert.deepEqual([done?.state, done?.value, done?.intermediateValues.size, done?.params, done?.userAttrs], ['complete', 1, 0, {}, {}]);
});

test("a param whose distribution clashes with the study's earlier trials is ignored", () => {
  const replay = replayOf([study('a'), trial(0), param(0, 'lr', 0.01, FLOAT_LOG), trial(0),
    param(1, 'lr', 0.02, FLOAT_LINEAR), // another worker, log=false: incompatible
    param(1, 'lr', 0.03, FLOAT_LOG.replace('0.1', '0.5')), // a different range is compatible
    trial(0), param(2, 'lr', 4, INT)]); // a different kind
  assert.deepEqual(replay.getTrials(0)?.map((t) => t.params), [{ lr: 0.01 }, { lr: 0.03 }, {}]);
  assert.deepEqual(replay.paramDistribution(0, 'lr'), { type: 'float', low: 0.0001, high: 0.1, log: true, step: null });
});

test('DELETE_STUDY removes the study; its trial ids stay taken; its name can be reused', () => {
  const replay = replayOf([study('a'), trial(0), { op_code: 1, worker_id: other, study_id: 0 }, study('a'), trial(1)]);
  assert.deepEqual(replay.getStudies().map((s) => [s.id, s.name]), [[1, 'a']]);
  assert.equal(replay.getTrials(0), undefined);
  assert.deepEqual(replay.getTrials(1)?.map((t) => [t.id, t.number]), [[1, 0]]);
  assert.equal(replay.getTrial(0)?.state, 'running', 'Optuna still finds trials of deleted studies by id');
});

test('study attrs, several directions and DISCARD_TRIALS', () => {
  const replay = replayOf([study('mo', [1, 2]), { op_code: 2, worker_id: other, study_id: 0, user_attr: { k: [1] } },
    { op_code: 3, worker_id: other, study_id: 0, system_attr: { s: 'v' } }, { op_code: 10, worker_id: other }]);
  assert.deepEqual(replay.getStudy(0), { id: 0, name: 'mo', direction: 'minimize', directions: ['minimize', 'maximize'], userAttrs: { k: [1] }, systemAttrs: { s: 'v' } });
});

test('a trial is the same object until it changes, then a new one', () => {
  const replay = replayOf([study('a'), trial(0), trial(0)]);
  const [t0, t1] = replay.getTrials(0) ?? [];
  const list = replay.getTrials(0);
  assert.equal(replay.getTrials(0), list);
  replay.apply({ op_code: 7, worker_id: other, trial_id: 1, step: 0, intermediate_value: 1 });
  const [u0, u1] = replay.getTrials(0) ?? [];
  assert.equal(u0, t0);
  assert.notEqual(u1, t1);
  assert.equal(t1?.intermediateValues.size, 0, 'an old snapshot does not change');
  assert.equal(u1?.intermediateValues.get(0), 1);
});

test('bad data throws and leaves no half-applied trial', () => {
  const replay = replayOf([study('a')]);
  const bad: JournalOp = { op_code: 4, worker_id: other, study_id: 0, datetime_start: null, distributions: { c: '{"name":"CategoricalDistribution","attributes":{"choices":["a"]}}' }, params: { c: 3 } };
  assert.throws(() => replay.apply(bad), /param "c": index 3 is out of range for 1 choices/);
  assert.throws(() => replay.apply({ ...trial(0), datetime_start: 'soon' }), /"soon" is not an ISO-8601 timestamp/);
  assert.equal(replay.trialCount, 0);
  assert.throws(() => replayOf([study('a'), trial(0), finish(0, 9, 1)]), /unknown trial state 9/);
});

test('an attr named "__proto__" is an ordinary key', () => {
  const replay = replayOf([study('a'), trial(0), decodeOp(parseJson('{"op_code":8,"worker_id":"x","trial_id":0,"user_attr":{"__proto__":{"polluted":true}}}')) as JournalOp]);
  const attrs = replay.getTrial(0)?.userAttrs ?? {};
  assert.deepEqual(Object.keys(attrs), ['__proto__']);
  assert.equal(Object.getPrototypeOf(attrs), Object.prototype);
  assert.equal((attrs as { polluted?: boolean }).polluted, undefined);
});

test('apply says why it ignored a record, as Optuna ignores it (and raises for the writer\'s own)', () => {
  const replay = replayOf([study('a'), trial(0), finish(0, 3, null), trial(0), param(1, 'lr', 0.01, FLOAT_LOG)]);
  const running = (trialId: number): JournalOp => ({ op_code: 6, worker_id: other, trial_id: trialId, state: 0, values: null, datetime_start: '2026-01-01T00:00:00.000000+00:00' });
  assert.equal(replay.apply(study('a')), 'duplicate-study');
  assert.equal(replay.apply({ op_code: 2, worker_id: other, study_id: 5, user_attr: { k: 1 } }), 'no-study');
  assert.equal(replay.apply(trial(5)), 'no-study');
  assert.equal(replay.apply(finish(0, 1, 0.5)), 'finished', 'a late result for a failed trial');
  assert.equal(replay.apply({ op_code: 7, worker_id: other, trial_id: 0, step: 1, intermediate_value: 2 }), 'finished');
  assert.equal(replay.apply({ op_code: 9, worker_id: other, trial_id: 0, system_attr: { late: true } }), 'finished');
  assert.equal(replay.apply(finish(9, 1, 0.5)), 'no-trial');
  assert.equal(replay.apply(running(1)), 'already-running');
  assert.equal(replay.apply(param(1, 'lr', 0.02, FLOAT_LINEAR)), 'param-clash');
  assert.deepEqual([replay.getTrial(0)?.state, replay.getTrial(0)?.value, replay.getTrial(0)?.systemAttrs], ['fail', null, {}]);
  assert.equal(replay.apply(finish(1, 1, 0.5)), undefined);
  assert.equal(replay.apply({ op_code: 10, worker_id: other }), undefined, 'DISCARD_TRIALS is skipped, not refused');
});

test('the trial list is kept up to date in place of rebuilt: a list handed out never changes', () => {
  const replay = replayOf([study('a'), study('b'), trial(0), trial(0), trial(1)]);
  const first = replay.getTrials(0) ?? [];
  assert.ok(Object.isFrozen(first));
  assert.equal(replay.getTrials(0), first, 'the same array while nothing changes');
  replay.apply(trial(1)); // another study's trial
  assert.equal(replay.getTrials(0), first);
  replay.apply(finish(1, 1, 0.5));
  replay.apply(trial(0));
  const second = replay.getTrials(0) ?? [];
  assert.notEqual(second, first);
  assert.deepEqual(first.map((t) => [t.id, t.state]), [[0, 'running'], [1, 'running']], 'the old list is as it was');
  assert.deepEqual(second.map((t) => [t.id, t.number, t.state]), [[0, 0, 'running'], [1, 1, 'complete'], [4, 2, 'running']]);
  assert.equal(second[0], first[0], 'an unchanged trial is the same object');
  // A trial that changes twice before the list is read, and one created and changed before it is read.
  replay.apply({ op_code: 7, worker_id: other, trial_id: 0, step: 0, intermediate_value: 1 });
  replay.apply({ op_code: 7, worker_id: other, trial_id: 0, step: 1, intermediate_value: 2 });
  replay.apply(trial(0));
  replay.apply(finish(5, 2, null));
  const third = replay.getTrials(0) ?? [];
  assert.deepEqual(third.map((t) => [t.id, t.state, t.intermediateValues.size]), [[0, 'running', 2], [1, 'complete', 0], [4, 'running', 0], [5, 'pruned', 0]]);
  assert.deepEqual(third.map((t) => t), [0, 1, 4, 5].map((id) => replay.getTrial(id)), 'the list holds the current snapshots');
});

test('waiting and running trials come from the study\'s own sets, in number order', () => {
  const waiting = (studyId: number): CreateTrialOp => ({ ...trial(studyId), datetime_start: null, state: 4 });
  const start = (trialId: number): JournalOp => ({ op_code: 6, worker_id: other, trial_id: trialId, state: 0, values: null, datetime_start: '2026-01-01T00:00:00.000000+00:00' });
  const replay = replayOf([study('a'), waiting(0), trial(0), waiting(0), finish(1, 1, 0.5), waiting(0), start(0)]);
  const numbers = (states: readonly ('waiting' | 'running' | 'complete')[]): number[] => (replay.getTrials(0, states) ?? []).map((t) => t.number);
  assert.deepEqual(numbers(['waiting']), [2, 3]);
  assert.deepEqual(numbers(['running']), [0]);
  assert.deepEqual(numbers(['running', 'waiting']), [0, 2, 3]);
  assert.deepEqual(numbers(['complete']), [1]);
  replay.apply({ op_code: 6, worker_id: other, trial_id: 0, state: 4, values: null }); // back to waiting (Optuna's replay allows it)
  replay.apply(start(3));
  assert.deepEqual(numbers(['waiting']), [0, 2]);
  assert.deepEqual(numbers(['running']), [3]);
  assert.equal(replay.getTrials(0, ['waiting'])?.[0], replay.getTrial(0), 'the same snapshots as everywhere');
  assert.equal(replay.getTrials(7, ['waiting']), undefined);
});
