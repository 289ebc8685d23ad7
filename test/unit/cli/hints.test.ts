// Error hints that name a command print the one that ran: from a checkout that is `node dist/cli.js`,
// since `tuneboard` is not on the PATH there.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { REPO_ROOT } from '../../fixtures/configs';
import { ensureBuilt, runCli } from './cliHarness';

let dir = '';
let config = '';

describe('hints print the invocation that ran', () => {
  before(() => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'tuneboard-hints-'));
    config = join(dir, 'unrun.tune.yaml');
    writeFileSync(config, 'name: unrun\nobjective: { metric: value, direction: minimize }\nspace:\n  x: { float: [0, 1] }\ntrial: { command: [node, x.mjs] }\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const command of ['show', 'best', 'export']) {
    it(`${command} of a study with no journal: "start it with: node dist/cli.js run …"`, () => {
      const args = command === 'export' ? [command, config, '--csv'] : [command, config];
      const result = runCli(REPO_ROOT, args);
      assert.equal(result.status, 2, result.stderr);
      assert.ok(result.stderr.includes(`start it with: node dist/cli.js run ${config}`), result.stderr);
      assert.ok(!result.stderr.includes('start it with: tuneboard'), result.stderr);
    });
  }

  it('a usage error points at the help of the same invocation', () => {
    const result = runCli(REPO_ROOT, ['no-such-command']);
    assert.equal(result.status, 2);
    assert.ok(result.stderr.includes('(run node dist/cli.js --help for usage)'), result.stderr);
  });
});
