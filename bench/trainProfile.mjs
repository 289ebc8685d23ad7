// Where a training step's time goes: the trainer's own batch step (FoldSession.step, from the
// TypeScript sources) on the Fashion-MNIST subset, kernel by kernel with tf.profile, against its wall
// time without profiling. What is not inside a kernel is the JavaScript around them: the autodiff
// tape, tensor bookkeeping, the optimizer's scopes, Layers' call machinery.
//   node --import tsx bench/trainProfile.mjs [--models cnn,mlp] [--steps 30] [--backend wasm] [--top 14]
// For a JavaScript CPU profile of the same steps add node's --cpu-prof (open the .cpuprofile in
// Chrome DevTools or VS Code).
import { loadBackend } from '../src/runner/trainer/backend.ts';
import { FoldSession } from '../src/runner/trainer/foldSession.ts';
import { resolveParams } from '../src/runner/trainer/params.ts';
import { scaleFold } from '../src/runner/trainer/scaling.ts';
import { loadFashion } from './trainData.mjs';

const MODELS = {
  cnn: { kind: 'cnn', sampleShape: [28, 28, 1], params: { conv_blocks: 2, filters: 16, kernel_size: 3, pooling: 'max', dense_units: 64, batch_size: 64 } },
  mlp: { kind: 'mlp', sampleShape: [784], params: { layers: 1, units: 128, batch_size: 64 } },
};

const options = { models: ['cnn', 'mlp'], steps: 30, backend: 'wasm', top: 14 };
for (let i = 2; i < process.argv.length; i++) {
  const flag = process.argv[i];
  const value = process.argv[++i];
  if (flag === '--models') options.models = value.split(',');
  else if (flag === '--steps') options.steps = Number(value);
  else if (flag === '--backend') options.backend = value;
  else if (flag === '--top') options.top = Number(value);
  else throw new Error(`unknown flag ${flag}`);
}

const { tf } = await loadBackend(options.backend);
const data = loadFashion();
const fold = scaleFold(data.folds[0], 'classification');

for (const name of options.models) {
  const spec = MODELS[name];
  const session = new FoldSession(tf, fold, { task: 'classification', outputs: 10, sampleShape: spec.sampleShape }, resolveParams(spec.kind, spec.params), 1);
  const steps = (count) => {
    for (let i = 0; i < count; i++) {
      if (session.epochDone) session.startEpoch();
      session.step();
    }
  };
  session.startEpoch();
  steps(5);
  // Wall time per step, several rounds, best round (the least disturbed by other processes).
  // and the process's CPU time per step, which other processes on a busy machine disturb far less.
  const rounds = [];
  const cpuRounds = [];
  for (let r = 0; r < 5; r++) {
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    steps(options.steps);
    const cpu = process.cpuUsage(cpuStarted);
    rounds.push((performance.now() - started) / options.steps);
    cpuRounds.push((cpu.user + cpu.system) / 1000 / options.steps);
  }
  const wall = Math.min(...rounds);
  const cpuMs = Math.min(...cpuRounds);
  const evalStarted = performance.now();
  session.finishEpoch();
  const evalMs = performance.now() - evalStarted;
  session.startEpoch();

  const profile = await tf.profile(() => steps(options.steps));
  const byKernel = new Map();
  for (const k of profile.kernels) {
    const key = `${k.name} ${k.inputShapes.map((s) => (s ? `[${s.join(',')}]` : '-')).join(' ')}`;
    const entry = byKernel.get(key) ?? { key, calls: 0, ms: 0 };
    entry.calls += 1;
    entry.ms += k.kernelTimeMs;
    byKernel.set(key, entry);
  }
  const byName = new Map();
  for (const k of profile.kernels) byName.set(k.name, (byName.get(k.name) ?? 0) + k.kernelTimeMs);
  const kernelMs = profile.kernels.reduce((sum, k) => sum + k.kernelTimeMs, 0) / options.steps;
  const per = (ms) => (ms / options.steps).toFixed(3);
  console.log(`\n${name} on ${options.backend}, batch ${spec.params.batch_size}: ${wall.toFixed(2)} ms per step (best of 5 rounds of ${options.steps}; rounds ${rounds.map((r) => r.toFixed(2)).join(' ')}) = ${(spec.params.batch_size / wall * 1000).toFixed(0)} samples/s`);
  console.log(`  CPU time ${cpuMs.toFixed(2)} ms per step (best round) = ${(spec.params.batch_size / cpuMs * 1000).toFixed(0)} samples per CPU second`);
  console.log(`  kernels ${kernelMs.toFixed(2)} ms (${(kernelMs / wall * 100).toFixed(0)}%), ${profile.kernels.length / options.steps} kernel calls per step; outside kernels ${(wall - kernelMs).toFixed(2)} ms; validation pass (${fold.valCount} rows) ${evalMs.toFixed(0)} ms`);
  console.log('  by kernel (ms per step):', [...byName].sort((a, b) => b[1] - a[1]).slice(0, options.top).map(([k, ms]) => `${k} ${per(ms)}`).join(', '));
  console.log('  top kernel calls by shape:');
  for (const e of [...byKernel.values()].sort((a, b) => b.ms - a.ms).slice(0, options.top)) {
    console.log(`    ${per(e.ms).padStart(7)} ms  ${(e.calls / options.steps).toFixed(0).padStart(2)}×  ${e.key}`);
  }
  session.dispose();
}
