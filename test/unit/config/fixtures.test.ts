// Every example and valid fixture parses cleanly; every broken fixture yields exactly the errors its header lists.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseConfig } from '../../../src/core/config';
import { formatKeyPath, formatProblem } from '../../../src/core/problems';
import { brokenFixtures, exampleConfigs, validFixtures } from '../../fixtures/configs';

describe('valid configs', () => {
  for (const fixture of [...exampleConfigs(), ...validFixtures()]) {
    it(`${fixture.file} has no problems`, () => {
      const { config, problems } = parseConfig(fixture.text, fixture.file);
      assert.deepEqual(problems.map(formatProblem), []);
      assert.ok(config);
    });
  }

  it('the examples are the ones the docs promise', () => {
    const files = exampleConfigs().map((f) => f.file);
    for (const name of ['branin', 'iris', 'digits', 'diabetes', 'grid', 'conditional']) assert.ok(files.includes(`examples/${name}/${name}.tune.yaml`), name);
  });
});

describe('broken configs', () => {
  for (const fixture of brokenFixtures()) {
    it(`${fixture.file} reports exactly its expected errors`, () => {
      assert.ok(fixture.expected.length > 0, 'the fixture lists its expected errors');
      const { config, problems } = parseConfig(fixture.text, fixture.file);
      assert.equal(config, null);
      const errors = problems.filter((p) => p.severity === 'error');
      const actual = errors.map((p) => `${p.start?.line}:${p.start?.col} ${formatKeyPath(p.path)}`);
      assert.deepEqual(actual, fixture.expected.map((e) => `${e.line}:${e.col} ${e.path}`));
      errors.forEach((problem, i) => {
        assert.ok(problem.message.includes(fixture.expected[i]?.text ?? ''), `${problem.message} should contain "${fixture.expected[i]?.text}"`);
        assert.equal(problem.file, fixture.file);
      });
    });
  }
});
