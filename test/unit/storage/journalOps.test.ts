import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  JournalError, decodeOp, encodeOp, formatTimestamp, parseJson, parseTimestamp, stringifyJson, type JournalOp,
} from '../../../src/core/storage/journalOps';

const w = 'worker-1';
const FLOAT = '{"name":"FloatDistribution","attributes":{"step":null,"low":0.0001,"high":0.1,"log":true}}';

const EVERY_OP: readonly JournalOp[] = [
  { op_code: 0, worker_id: w, study_name: 'demo', directions: [2] },
  { op_code: 1, worker_id: w, study_id: 0 },
  { op_code: 2, worker_id: w, study_id: 0, user_attr: { owner: 'ana' } },
  { op_code: 3, worker_id: w, study_id: 0, system_attr: { 'study:metric_names': ['val_acc'] } },
  { op_code: 4, worker_id: w, study_id: 0, datetime_start: '2026-11-23T09:08:48.357000+00:00' },
  {
    op_code: 4, worker_id: w, study_id: 0, datetime_start: null, state: 1, value: 0.5, values: null,
    datetime_complete: '2026-11-23T09:08:49.000000+00:00', distributions: { lr: FLOAT }, params: { lr: 0.01 },
    user_attrs: { a: 1 }, system_attrs: { b: [true] }, intermediate_values: { '0': 0.25, '3': NaN },
  },
  { op_code: 5, worker_id: w, trial_id: 0, param_name: 'lr', param_value_internal: 0.01, distribution: FLOAT },
  { op_code: 6, worker_id: w, trial_id: 0, state: 1, values: [0.8], datetime_complete: '2026-11-23T09:08:48.361000+00:00' },
  { op_code: 7, worker_id: w, trial_id: 0, step: 4, intermediate_value: -Infinity },
  { op_code: 8, worker_id: w, trial_id: 0, user_attr: { fold_scores: [0.7, 0.72] } },
  { op_code: 9, worker_id: w, trial_id: 0, system_attr: { constraints: [0.1] } },
  { op_code: 10, worker_id: w },
];

test('every op survives encode → one compact line → parse → decode', () => {
  for (const op of EVERY_OP) {
    const line = encodeOp(op);
    assert.ok(!line.includes('\n') && !line.includes('": '), line);
    assert.deepEqual(decodeOp(parseJson(line)), op);
  }
});

test('op_code and worker_id lead every record, as Optuna writes them', () => {
  assert.match(encodeOp({ op_code: 1, worker_id: w, study_id: 3 }), /^\{"op_code":1,"worker_id":"worker-1","study_id":3\}$/);
});

test("non-finite numbers are written and read as Python's bare tokens", () => {
  const line = stringifyJson({ a: NaN, b: [Infinity, -Infinity], c: 'NaN', d: 'x"NaN"' });
  assert.equal(line, '{"a":NaN,"b":[Infinity,-Infinity],"c":"NaN","d":"x\\"NaN\\""}');
  assert.deepEqual(parseJson(line), { a: NaN, b: [Infinity, -Infinity], c: 'NaN', d: 'x"NaN"' });
  // Python's own spacing
  assert.deepEqual(parseJson('{"op_code": 7, "intermediate_value": NaN}'), { op_code: 7, intermediate_value: NaN });
  assert.throws(() => parseJson('{"a": NaNa}'), SyntaxError);
});

test('decode names the op and the field that is wrong', () => {
  const bad = (record: unknown, message: RegExp): void => assert.throws(() => decodeOp(record), (e: unknown) => e instanceof JournalError && message.test(e.message));
  bad([1], /expected a JSON object, got a list/);
  bad({ worker_id: w }, /"op_code" must be a non-negative integer, got nothing/);
  bad({ op_code: 1.5, worker_id: w }, /"op_code" must be a non-negative integer, got 1.5/);
  bad({ op_code: 1 }, /op_code 1 \(DELETE_STUDY\): "worker_id" must be a string/);
  bad({ op_code: 5, worker_id: w, trial_id: 0, param_name: 'lr', param_value_internal: 0.1 }, /op_code 5 \(SET_TRIAL_PARAM\) is missing "distribution"/);
  bad({ op_code: 5, worker_id: w, trial_id: 0, param_name: 'lr', param_value_internal: 0.1, distribution: {} }, /"distribution" must be a JSON string, got an object/);
  bad({ op_code: 6, worker_id: w, trial_id: 0, state: 1 }, /SET_TRIAL_STATE_VALUES\) is missing "values"/);
  bad({ op_code: 4, worker_id: w, study_id: '0', datetime_start: null }, /"study_id" must be an integer, got "0"/);
});

test('op codes newer than DISCARD_TRIALS decode to null (skipped)', () => {
  assert.equal(decodeOp({ op_code: 11, worker_id: w, anything: 1 }), null);
});

test('timestamps: written as Optuna 3.1 writes them (local time, no offset), read with or without offset', () => {
  const saved = process.env.TZ;
  process.env.TZ = 'Asia/Kolkata'; // +05:30 all year: local time differs from UTC
  try {
    const instant = new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 7));
    // Python: datetime.now().isoformat(timespec="microseconds"); an offset would make it offset-aware.
    assert.equal(formatTimestamp(instant), '2026-01-02T08:34:05.007000');
    assert.equal(parseTimestamp('2026-01-02T08:34:05.007000').getTime(), instant.getTime());
    assert.equal(parseTimestamp('2026-11-23T09:08:48.357753').toISOString(), '2026-11-23T03:38:48.357Z', 'no offset: local time');
    assert.equal(parseTimestamp('0099-01-01T00:00:00').getFullYear(), 99);
    assert.equal(parseTimestamp('2026-11-23T09:08:48.357753+00:00').toISOString(), '2026-11-23T09:08:48.357Z');
    assert.equal(parseTimestamp('2026-11-23T11:08:48+02:00').toISOString(), '2026-11-23T09:08:48.000Z');
    assert.equal(parseTimestamp('2026-11-23T09:08:48.5Z').toISOString(), '2026-11-23T09:08:48.500Z');
    assert.throws(() => parseTimestamp('yesterday'), /"yesterday" is not an ISO-8601 timestamp/);
  } finally {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  }
});
