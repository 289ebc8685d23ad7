// `tuneboard run` / `resume` as users and the VS Code extension run them: the built CLI in a child process.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { REPO_ROOT } from '../../fixtures/configs';
import type { StudyEvent } from '../../../src/protocol/studyEvents';

const CLI = join(REPO_ROOT, 'dist', 'cli.js');
let dir = '';

function tuneboard(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function events(stdout: string): StudyEvent[] {
  return stdout.trim().split('\n').map((line) => JSON.parse(line) as StudyEvent);
}

/** The Branin example with a budget, in a temp folder of its own. */
function writeConfig(name: string, body: string): string {
  const file = join(dir, `${name}.tune.yaml`);
  writeFileSync(file, `name: ${name}\nobjective: { metric: value, direction: minimize }\n${body}`);
  return file;
}

describe('tuneboard run', () => {
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'tuneboard-run-'));
    copyFileSync(join(REPO_ROOT, 'examples', 'branin', 'branin.mjs'), join(dir, 'branin.mjs'));
    if (spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: REPO_ROOT }).status !== 0) throw new Error('build failed');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('--json streams one event per line, from study-started to study-finished, and exits 0', () => {
    const config = writeConfig(
      'branin',
      `search: { sampler: tpe, trials: 6, parallel: 2, seed: 1 }
space:
  x1: { float: [-5, 10] }
  x2: { float: [0, 15] }
trial:
  command: [node, branin.mjs, --x1, "\${x1}", --x2, "\${x2}"]
`,
    );
    const { status, stdout, stderr } = tuneboard('run', config, '--json');
    assert.equal(status, 0, stderr);
    const stream = events(stdout);
    assert.equal(stream[0]?.type, 'study-started');
    assert.equal(stream.at(-1)?.type, 'study-finished');
    assert.equal(stream.filter((e) => e.type === 'trial-started').length, 6);
    const finished = stream.filter((e) => e.type === 'trial-finished');
    assert.equal(finished.length, 6);
    assert.ok(finished.every((e) => e.type === 'trial-finished' && e.state === 'complete' && typeof e.value === 'number'));
    const last = stream.at(-1);
    assert.ok(last?.type === 'study-finished' && last.reason === 'trials' && last.counts.complete === 6 && last.best !== null);
    const journal = readFileSync(join(dir, '.tuneboard', 'branin.jsonl'), 'utf8');
    const opCodes = journal.trim().split('\n').map((line) => (JSON.parse(line) as { op_code: number }).op_code);
    assert.equal(opCodes.filter((op) => op === 4).length, 6, 'six trials created in the journal');
    assert.equal(opCodes.filter((op) => op === 6).length, 6, 'and six finished');

    // Raising the budget and running again resumes the same study.
    const again = tuneboard('run', config, '--json', '--trials', '8');
    assert.equal(again.status, 0, again.stderr);
    const resumed = events(again.stdout);
    assert.ok(resumed[0]?.type === 'study-started' && resumed[0].resumedTrials === 6);
    assert.equal(resumed.filter((e) => e.type === 'trial-finished').length, 2);
  });

  it('prints plain progress lines when stdout is not a terminal', () => {
    const config = writeConfig(
      'plain',
      `search: { sampler: random, trials: 3, parallel: 1, seed: 2 }
space:
  x1: { float: [-5, 10] }
  x2: { float: [0, 15] }
trial:
  command: [node, branin.mjs, --x1, "\${x1}", --x2, "\${x2}"]
`,
    );
    const { status, stdout } = tuneboard('run', config);
    assert.equal(status, 0);
    assert.match(stdout, /trial 2/);
    assert.match(stdout, /3\/3/);
  });

  it('reports config problems as file:line:col and exits 1 without touching a journal', () => {
    const config = writeConfig('broken', 'search: { trials: 0 }\nspace:\n  x: { float: [1, 0] }\ntrial:\n  command: [node, x.mjs]\n');
    const { status, stderr } = tuneboard('run', config);
    assert.equal(status, 1);
    assert.match(stderr, /broken\.tune\.yaml:\d+:\d+: /);
  });

  it('a data file that cannot be read stops the study with exit 3, pointed at its line in the config', () => {
    const config = join(dir, 'nodata.tune.yaml');
    writeFileSync(
      config,
      `name: nodata
objective: { metric: val_loss, direction: minimize }
search: { trials: 2, parallel: 1 }
space:
  learning_rate: { float: [1.0e-3, 1.0e-1], log: true }
trial:
  model: mlp
  data: { path: no-such-file.csv, target: label }
`,
    );
    const { status, stderr, stdout } = tuneboard('run', config);
    assert.equal(status, 3);
    assert.match(stderr, /nodata\.tune\.yaml:8:9: .*no-such-file\.csv: cannot read the file .*\(trial\.data\)/);
    assert.match(stdout, /stopped by an error/);
  });

  it('resume refuses a study that has not started', () => {
    const config = writeConfig('fresh', `space:\n  x1: { float: [0, 1] }\ntrial:\n  command: [node, branin.mjs]\n`);
    const { status, stderr } = tuneboard('resume', config);
    assert.equal(status, 2);
    assert.match(stderr, /no study 'fresh' to resume/);
  });

  it('--json: when the program reading the events dies (a crashed editor), the study stops cleanly', async () => {
    writeFileSync(join(dir, 'forever.mjs'), "setTimeout(() => console.log('value=' + process.argv[2]), 60000);\n");
    const config = writeConfig(
      'orphan',
      `search: { sampler: random, trials: 2, parallel: 2, seed: 5 }
space:
  x: { float: [0, 1] }
trial:
  command: [node, forever.mjs, "\${x}"]
`,
    );
    // A stand-in for the extension host: starts the study, reports its pid once trials run, then is killed.
    const host = spawn(
      process.execPath,
      ['-e', `const c = require('child_process').spawn(process.execPath, [${JSON.stringify(CLI)}, 'run', ${JSON.stringify(config)}, '--json'], { stdio: ['ignore', 'pipe', 'ignore'], detached: true });
let seen = 0; c.stdout.on('data', (d) => { seen += (String(d).match(/"trial-started"/g) || []).length; if (seen === 2) console.log(c.pid); });`],
      { cwd: dir, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const studyPid = await new Promise<number>((resolve) => host.stdout.once('data', (chunk: Buffer) => resolve(Number(String(chunk).trim()))));
    host.kill('SIGKILL');
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      try {
        process.kill(studyPid, 0);
      } catch {
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.throws(() => process.kill(studyPid, 0), 'the study process ended on its own');
    const journal = readFileSync(join(dir, '.tuneboard', 'orphan.jsonl'), 'utf8');
    assert.equal((journal.match(/interrupted: the study was stopped/g) ?? []).length, 2, 'both running trials were recorded as interrupted');
  });

  it('Ctrl-C (SIGINT) records running trials as interrupted and exits 130; resume finishes the study', async () => {
    writeFileSync(join(dir, 'slow.mjs'), "setTimeout(() => console.log('value=' + process.argv[2]), 30000);\n");
    const config = writeConfig(
      'interrupt',
      `search: { sampler: random, trials: 3, parallel: 2, seed: 4 }
space:
  x: { float: [0, 1] }
trial:
  command: [node, slow.mjs, "\${x}"]
`,
    );
    const child = spawn(process.execPath, [CLI, 'run', config, '--json'], { cwd: dir });
    let out = '';
    let signalled = false;
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (!signalled && (out.match(/"trial-started"/g) ?? []).length === 2) {
        signalled = true;
        child.kill('SIGINT');
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    assert.equal(code, 130);
    const stream = events(out);
    const interrupted = stream.filter((e) => e.type === 'trial-finished' && e.state === 'fail' && /^interrupted/.test(e.reason ?? ''));
    assert.equal(interrupted.length, 2);
    assert.ok(stream.at(-1)?.type === 'study-finished');

    writeFileSync(join(dir, 'slow.mjs'), "console.log('value=' + process.argv[2]);\n");
    const resumed = tuneboard('resume', config, '--json');
    assert.equal(resumed.status, 0, resumed.stderr);
    const last = events(resumed.stdout).at(-1);
    assert.ok(last?.type === 'study-finished' && last.counts.complete === 3 && last.counts.fail === 2);
  });
});
