/** The editor's handle on a study process: the real CLI, its JSON events parsed, stop() as Ctrl-C. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { StudyEvent } from '../../../src/protocol/studyEvents';
import { resolveNodeRuntime } from '../../../src/extension/running/nodeRuntime';
import { StudyProcess } from '../../../src/extension/running/studyProcess';
import { REPO_ROOT } from '../../fixtures/configs';

const CLI = join(REPO_ROOT, 'dist', 'cli.js');
let dir = '';

function config(name: string, script: string): string {
  writeFileSync(join(dir, `${name}.mjs`), script);
  const file = join(dir, `${name}.tune.yaml`);
  writeFileSync(
    file,
    `name: ${name}
objective: { metric: value, direction: minimize }
search: { sampler: random, trials: 4, parallel: 2, seed: 1 }
space:
  x: { float: [0, 1] }
trial:
  command: [node, ${name}.mjs, "\${x}"]
`,
  );
  return file;
}

function start(configPath: string, events: StudyEvent[], output: string[]): StudyProcess {
  return new StudyProcess({
    runtime: resolveNodeRuntime(''),
    cliPath: CLI,
    configPath,
    mode: 'run',
    flags: [],
    cwd: dir,
    onEvent: (event) => events.push(event),
    onOutput: (line) => output.push(line),
  });
}

describe('StudyProcess', () => {
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'tuneboard-process-'));
    if (spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: REPO_ROOT }).status !== 0) throw new Error('build failed');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('streams the study events and exits 0 with the study-finished event', async () => {
    const events: StudyEvent[] = [];
    const output: string[] = [];
    const run = start(config('quick', "console.log('value=' + process.argv[2]);\n"), events, output);
    const exit = await run.exited;
    assert.equal(exit.code, 0, output.join('\n'));
    assert.equal(events[0]?.type, 'study-started');
    assert.equal(events.filter((e) => e.type === 'trial-finished').length, 4);
    assert.equal(exit.finished?.counts.complete, 4);
  });

  it('hands over why the CLI refused (a resume of a study that has not run), for the error notification', async () => {
    const output: string[] = [];
    const run = new StudyProcess({
      runtime: resolveNodeRuntime(''), cliPath: CLI, configPath: config('never-run', "console.log('value=1');\n"), mode: 'resume', flags: [], cwd: dir,
      onEvent: () => undefined, onOutput: (line) => output.push(line),
    });
    const exit = await run.exited;
    assert.equal(exit.code, 2, output.join('\n'));
    assert.match(exit.error ?? '', /never-run/);
    assert.doesNotMatch(exit.error ?? '', /^tuneboard: /);
  });

  it('stop() ends the study as Ctrl-C does: running trials interrupted, exit 130, no process left', async () => {
    const events: StudyEvent[] = [];
    const run = start(config('slow', "setTimeout(() => console.log('value=' + process.argv[2]), 60000);\n"), events, []);
    while (events.filter((e) => e.type === 'trial-started').length < 2) await new Promise((resolve) => setTimeout(resolve, 50));
    const exit = await run.stop();
    assert.equal(exit.code, 130);
    const interrupted = events.filter((e) => e.type === 'trial-finished' && e.state === 'fail' && /^interrupted/.test(e.reason ?? ''));
    assert.equal(interrupted.length, 2);
    assert.throws(() => process.kill(-(run.pid as number), 0), 'the process group is gone');
  });

  it('reports a runtime that cannot start instead of throwing', async () => {
    const output: string[] = [];
    const run = new StudyProcess({
      runtime: { command: join(dir, 'no-such-node'), env: {}, source: 'setting' },
      cliPath: CLI,
      configPath: join(dir, 'quick.tune.yaml'),
      mode: 'run',
      flags: [],
      cwd: dir,
      onEvent: () => undefined,
      onOutput: (line) => output.push(line),
    });
    const exit = await run.exited;
    assert.equal(exit.code, null);
    assert.match(output.join('\n'), /could not start .*no-such-node: spawn .* ENOENT/);
  });
});

describe('resolveNodeRuntime', () => {
  it('prefers the setting, then node on PATH, then the editor runtime in Node mode', () => {
    assert.deepEqual(resolveNodeRuntime(' /opt/node/bin/node '), { command: '/opt/node/bin/node', env: {}, source: 'setting' });
    assert.equal(resolveNodeRuntime('', { PATH: process.env.PATH }).source, 'path');
    assert.deepEqual(resolveNodeRuntime('', { PATH: '' }), { command: process.execPath, env: { ELECTRON_RUN_AS_NODE: '1' }, source: 'editor' });
  });
});
