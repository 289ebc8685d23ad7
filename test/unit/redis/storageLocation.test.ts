/** Storage texts: a path stays a path; a Redis URL is read whole or refused with what is wrong. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeStorageLocation, parseConfig, parseStorageLocation } from '../../../src/core';

describe('storage locations', () => {
  it('keeps a path a path', () => {
    assert.deepEqual(parseStorageLocation('.tuneboard/study.jsonl'), { kind: 'file', path: '.tuneboard/study.jsonl' });
  });

  it('reads every part of a Redis URL, and shows it without the password', () => {
    const location = parseStorageLocation('rediss://ml:s3cr%40t@db.lab:6380/3?prefix=mnist');
    assert.deepEqual(location, { kind: 'redis', url: 'rediss://ml:s3cr%40t@db.lab:6380/3?prefix=mnist', host: 'db.lab', port: 6380, db: 3, prefix: 'mnist', tls: true, username: 'ml', password: 's3cr@t' });
    assert.equal(describeStorageLocation(location), 'rediss://ml@db.lab:6380/3?prefix=mnist');
    assert.deepEqual(parseStorageLocation('redis://localhost'), { kind: 'redis', url: 'redis://localhost', host: 'localhost', port: 6379, db: 0, prefix: '', tls: false, username: null, password: null });
    assert.equal(describeStorageLocation(parseStorageLocation('redis://:pw@h:1')), 'redis://***@h:1/0');
  });

  it('refuses what it cannot use, saying what is expected', () => {
    assert.throws(() => parseStorageLocation('postgres://db/optuna'), /'postgres' storage is not supported: use a journal file path, or redis:\/\/host:port/);
    assert.throws(() => parseStorageLocation('redis://h:6379/zero'), /database 'zero' is not a number/);
    assert.throws(() => parseStorageLocation('redis://h:6379?prefx=a'), /unknown Redis URL option 'prefx': only \?prefix=name is read/);
  });

  it('makes a bad storage URL a problem at the config\'s storage line', () => {
    const text = 'name: s\nobjective: { metric: value, direction: minimize }\nspace:\n  x: { float: [0, 1] }\ntrial:\n  command: [node, t.mjs]\nstorage: redis://h:6379/x\n';
    const { config, problems } = parseConfig(text, 's.tune.yaml');
    assert.equal(config, null);
    assert.deepEqual(problems.map((p) => [p.start?.line, p.path.join('.'), p.message.slice(0, 30)]), [[7, 'storage', "the Redis database 'x' is not "]]);
    assert.equal(parseConfig(text.replace('/x', '/1?prefix=s'), 's.tune.yaml').config?.storage, 'redis://h:6379/1?prefix=s');
  });
});
