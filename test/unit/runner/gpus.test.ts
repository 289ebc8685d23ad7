/**
 * `--gpus` / `search.gpus`: one trial per GPU at a time, each started with CUDA_VISIBLE_DEVICES set to
 * its GPU, recorded as the trial attr; more parallel than GPUs runs no more trials at once than GPUs.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { GPU_ATTR, openStorage, parseConfig, parseGpuList, trialGpu } from '../../../src/core';
import { CLI, ensureBuilt } from '../cli/cliHarness';

// Claims its GPU with an O_EXCL file for 300 ms: a second trial on the same GPU at once fails.
const TRIAL = `import { openSync, closeSync, unlinkSync } from 'node:fs';
const gpu = process.env.CUDA_VISIBLE_DEVICES;
if (gpu === undefined) { console.error('no CUDA_VISIBLE_DEVICES'); process.exit(2); }
const claim = 'gpu-' + gpu + '.busy';
closeSync(openSync(claim, 'wx'));
setTimeout(() => { unlinkSync(claim); console.log('value=' + gpu); }, 300);
`;

describe('trials on GPUs', () => {
  let dir = '';
  before(() => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'tuneboard-gpus-'));
    writeFileSync(join(dir, 'trial.mjs'), TRIAL);
    writeFileSync(join(dir, 'gpus.tune.yaml'), `name: gpus
objective: { metric: value, direction: minimize }
search: { sampler: random, trials: 6, parallel: 4, seed: 1 }
space:
  x: { float: [0, 1] }
trial:
  command: [node, trial.mjs]
`);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('runs one trial per GPU at a time, each with its CUDA_VISIBLE_DEVICES, recorded on the trial', async () => {
    const result = spawnSync(process.execPath, [CLI, 'run', 'gpus.tune.yaml', '--gpus', '0,1'], { cwd: dir, encoding: 'utf8' });
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /parallel 2/, 'parallel 4 with two GPUs runs two at once');
    const storage = await openStorage(join(dir, '.tuneboard', 'gpus.jsonl'), { readOnly: true });
    const trials = storage.getTrials(0);
    await storage.close();
    assert.equal(trials.filter((t) => t.state === 'complete').length, 6, 'no trial found its GPU busy');
    for (const trial of trials) assert.equal(String(trial.value), trialGpu(trial), `trial ${trial.number} ran with CUDA_VISIBLE_DEVICES = its ${GPU_ATTR}`);
    assert.deepEqual(new Set(trials.map(trialGpu)), new Set(['0', '1']));
  });

  it('checks GPU lists in the config and on the command line', () => {
    assert.deepEqual(parseGpuList('0, 1,3'), { gpus: ['0', '1', '3'] });
    assert.deepEqual(parseGpuList('0,0'), { error: 'GPU 0 is listed twice; each GPU runs one trial at a time' });
    const text = (gpus: string): string => `name: g\nobjective: { metric: value, direction: minimize }\nsearch: { gpus: ${gpus} }\nspace:\n  x: { float: [0, 1] }\ntrial:\n  command: [node, t.mjs]\n`;
    assert.deepEqual(parseConfig(text('[0, 1]'), 'g.tune.yaml').config?.gpus, ['0', '1']);
    const bad = parseConfig(text('[cuda0]'), 'g.tune.yaml');
    assert.deepEqual(bad.problems.map((p) => [p.start?.line, p.path.join('.'), p.message]), [[3, 'search.gpus', "'cuda0' is not a GPU id: use the numbers nvidia-smi lists (0, 1, …) or GPU UUIDs"]]);
    assert.equal(spawnSync(process.execPath, [CLI, 'run', 'gpus.tune.yaml', '--gpus', 'x'], { cwd: dir, encoding: 'utf8' }).status, 2);
  });
});
