// Hints such as "start it with: … run x.tune.yaml" print the command the user actually ran, so they
// work from a checkout (`node dist/cli.js`), under npx, and from an install on the PATH.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cliCommand, cliInvocation, type InvocationContext } from '../../../src/cli/invocation';

function context(script: string, cwd: string, env: Record<string, string> = {}): InvocationContext {
  return { argv: ['/usr/bin/node', script], env: { PATH: '/usr/local/bin:/usr/bin', ...env }, cwd, platform: 'linux' };
}

describe('cliInvocation', () => {
  it('from a checkout: node and the script relative to the working directory', () => {
    assert.equal(cliInvocation(context('/home/me/tuneboard/dist/cli.js', '/home/me/tuneboard')), 'node dist/cli.js');
    assert.equal(cliInvocation(context('/home/me/tuneboard/dist/cli.js', '/home/me/tuneboard/examples/iris')), 'node ../../dist/cli.js');
  });

  it('far from the checkout: the absolute path, which is shorter than a long climb', () => {
    assert.equal(cliInvocation(context('/opt/tb/dist/cli.js', '/home/me/projects/deep/folder')), 'node /opt/tb/dist/cli.js');
  });

  it('installed on the PATH (npm i -g, or a bin link in a PATH folder): tuneboard', () => {
    assert.equal(cliInvocation(context('/usr/local/bin/tuneboard', '/home/me/work')), 'tuneboard');
  });

  it('under npx or an npm script (node_modules/.bin is on the PATH only for them): npx tuneboard', () => {
    const bin = '/home/me/work/node_modules/.bin/tuneboard';
    const env = { PATH: '/home/me/work/node_modules/.bin:/usr/bin', npm_command: 'exec' };
    assert.equal(cliInvocation(context(bin, '/home/me/work', env)), 'npx tuneboard');
  });

  it('a bin link that is not on the PATH: its path, runnable as it is', () => {
    assert.equal(cliInvocation(context('/home/me/work/node_modules/.bin/tuneboard', '/home/me/work')), 'node_modules/.bin/tuneboard');
  });

  it('paths with spaces are quoted for a shell', () => {
    assert.equal(cliInvocation(context('/home/me/my tools/dist/cli.js', '/home/me/my tools')), 'node dist/cli.js');
    assert.equal(cliInvocation(context('/home/me/my tools/dist/cli.js', '/')), "node 'home/me/my tools/dist/cli.js'");
    assert.equal(cliCommand(['run', 'my study.tune.yaml'], context('/r/dist/cli.js', '/r')), "node dist/cli.js run 'my study.tune.yaml'");
  });

  it('the process it runs in (the test runner) gives a non-empty command', () => {
    assert.ok(cliInvocation().length > 0);
  });
});
